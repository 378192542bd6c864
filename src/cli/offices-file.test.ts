import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readOfficeFile, SHIPPED_OFFICES_FILE } from './offices-file.js';

const file = (text: string) => {
  const path = join(mkdtempSync(join(tmpdir(), 'dondoc-offices-')), 'offices.csv');
  writeFileSync(path, text);
  return path;
};

describe('the offices file', () => {
  it('reads the columns in any order and case, skipping blank lines', async () => {
    const read = await readOfficeFile(file('Parent,CODE,name,kind\n\nVN, HNI ,Hà Nội,province\n'));
    expect(read).toEqual({
      rows: [{ line: 3, code: 'HNI', name: 'Hà Nội', kind: 'province', parent: 'VN' }],
      errors: [],
    });
  });

  it('names the missing columns and the header it expects, and says when the file is empty', async () => {
    const missing = await readOfficeFile(file('code,name\nHNI,Hà Nội\n'));
    expect(missing.errors).toEqual([
      { line: 1, column: 0, message: 'thiếu cột kind, parent; dòng tiêu đề phải là code,name,kind,parent' },
    ]);
    expect((await readOfficeFile(file(''))).errors).toEqual([{ line: 1, column: 0, message: 'tệp trống' }]);
  });

  it('reads the shipped tree whole', async () => {
    const shipped = await readOfficeFile(SHIPPED_OFFICES_FILE);
    expect(shipped.errors).toEqual([]);
    expect(shipped.rows.filter((r) => r.kind === 'province')).toHaveLength(34);
  });
});
