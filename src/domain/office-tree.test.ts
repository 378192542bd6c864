import { describe, expect, it } from 'vitest';
import { planOfficeImport, type ExistingOffice, type OfficeFileRow } from './office-tree.js';

const row = (line: number, code: string, name: string, kind: string, parent = ''): OfficeFileRow => ({
  line,
  code,
  name,
  kind,
  parent,
});

const TREE: ExistingOffice[] = [
  { code: 'VN', name: 'Bảo hiểm xã hội Việt Nam', kind: 'national', parentCode: null },
  { code: 'HNI', name: 'BHXH thành phố Hà Nội', kind: 'province', parentCode: 'VN' },
  { code: 'HNI-01', name: 'BHXH cơ sở Ba Đình', kind: 'grassroots', parentCode: 'HNI' },
];

describe('planning an office file', () => {
  it('adds a new tree parents first, whatever the order of the file', () => {
    const result = planOfficeImport(
      [],
      [
        row(2, 'HNI-01', 'BHXH cơ sở Ba Đình', 'grassroots', 'HNI'),
        row(3, 'HNI', 'BHXH thành phố Hà Nội', 'province', 'VN'),
        row(4, 'VN', 'Bảo hiểm xã hội Việt Nam', 'national'),
      ],
    );
    expect(result).toEqual({
      ok: true,
      plan: {
        add: [
          { code: 'VN', name: 'Bảo hiểm xã hội Việt Nam', kind: 'national', parentCode: null },
          { code: 'HNI', name: 'BHXH thành phố Hà Nội', kind: 'province', parentCode: 'VN' },
          { code: 'HNI-01', name: 'BHXH cơ sở Ba Đình', kind: 'grassroots', parentCode: 'HNI' },
        ],
        rename: [],
        unchanged: 0,
      },
    });
  });

  it('extends an existing tree: a new grassroots office, a rename, the rest unchanged', () => {
    const result = planOfficeImport(TREE, [
      row(2, 'HNI', 'BHXH thành phố Hà Nội', 'province', 'VN'),
      row(3, 'HNI-01', 'BHXH cơ sở Ba Đình - Tây Hồ', 'grassroots', 'HNI'),
      row(4, 'HNI-02', 'BHXH cơ sở Đống Đa', 'grassroots', 'HNI'),
    ]);
    expect(result).toEqual({
      ok: true,
      plan: {
        add: [{ code: 'HNI-02', name: 'BHXH cơ sở Đống Đa', kind: 'grassroots', parentCode: 'HNI' }],
        rename: [{ code: 'HNI-01', from: 'BHXH cơ sở Ba Đình', to: 'BHXH cơ sở Ba Đình - Tây Hồ' }],
        unchanged: 1,
      },
    });
  });

  it('names the line and column of every bad cell', () => {
    const result = planOfficeImport(TREE, [
      row(2, 'hni-9', 'x', 'grassroots', 'HNI'),
      row(3, 'HNI-03', '', 'district', 'HNI'),
      row(4, 'HNI-04', 'BHXH cơ sở Cầu Giấy', 'grassroots', 'HNI'),
      row(5, 'HNI-04', 'BHXH cơ sở Cầu Giấy', 'grassroots', 'HNI'),
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 1],
      [3, 2],
      [3, 3],
      [5, 1],
    ]);
  });

  it('refuses a parent of the wrong kind or unknown, a change of kind, and a second national office', () => {
    const result = planOfficeImport(TREE, [
      row(2, 'HNI-05', 'BHXH cơ sở Hoàn Kiếm', 'grassroots', 'HNI-01'),
      row(3, 'HNI-06', 'BHXH cơ sở Long Biên', 'grassroots', 'HCM'),
      row(4, 'HNI', 'BHXH thành phố Hà Nội', 'department', 'VN'),
      row(5, 'VN2', 'Cơ quan khác', 'national'),
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.line, e.column])).toEqual([
      [2, 4],
      [3, 4],
      [4, 3],
      [5, 3],
    ]);
    expect(result.errors[0]!.message).toContain('BHXH cơ sở phải trực thuộc BHXH tỉnh');
    expect(result.errors[1]!.message).toContain('không có cơ quan mã HCM');
  });
});
