/**
 * The office tree as a file (mã, tên, loại, mã cơ quan cấp trên): how a file of offices is checked against the tree
 * a database already has, and what applying it would change. Pure: the CLI's `offices import` and `init` both plan
 * here. Offices are added and renamed; an office never changes kind or parent through a file, since its employers,
 * users and history hang on its place in the tree.
 */
import { OFFICE_KINDS, type OfficeKind } from './organisation.js';

export const OFFICE_FILE_COLUMNS = ['code', 'name', 'kind', 'parent'] as const;

export interface OfficeFileRow {
  line: number;
  code: string;
  name: string;
  kind: string;
  parent: string;
}

export interface ExistingOffice {
  code: string;
  name: string;
  kind: OfficeKind;
  parentCode: string | null;
}

export interface OfficeFileError {
  line: number;
  /** 1-based column of OFFICE_FILE_COLUMNS, 0 for the whole row. */
  column: number;
  message: string;
}

export interface OfficePlan {
  /** New offices, each after its parent. */
  add: { code: string; name: string; kind: OfficeKind; parentCode: string | null }[];
  rename: { code: string; from: string; to: string }[];
  unchanged: number;
}

/** Which kind of office may sit under which (domain.md "Organisation"). */
const PARENT_KIND: Record<OfficeKind, OfficeKind | null> = {
  national: null,
  department: 'national',
  province: 'national',
  grassroots: 'province',
};

const KIND_NAMES_VI: Record<OfficeKind, string> = {
  national: 'BHXH Việt Nam',
  department: 'đơn vị trực thuộc trung ương',
  province: 'BHXH tỉnh',
  grassroots: 'BHXH cơ sở',
};

const CODE = /^[A-Z0-9][A-Z0-9-]{0,29}$/;

export function planOfficeImport(
  existing: readonly ExistingOffice[],
  rows: readonly OfficeFileRow[],
): { ok: true; plan: OfficePlan } | { ok: false; errors: OfficeFileError[] } {
  const errors: OfficeFileError[] = [];
  const known = new Map(existing.map((o) => [o.code, o]));
  const inFile = new Map<string, OfficeFileRow>();
  const col = (name: (typeof OFFICE_FILE_COLUMNS)[number]) => OFFICE_FILE_COLUMNS.indexOf(name) + 1;

  for (const row of rows) {
    const error = (column: (typeof OFFICE_FILE_COLUMNS)[number], message: string) =>
      errors.push({ line: row.line, column: col(column), message });
    if (!CODE.test(row.code))
      error('code', `mã "${row.code}" không hợp lệ (chữ in hoa, số, dấu gạch ngang; tối đa 30 ký tự)`);
    else if (inFile.has(row.code)) error('code', `mã ${row.code} lặp lại (đã có ở dòng ${inFile.get(row.code)!.line})`);
    else inFile.set(row.code, row);
    if (row.name.trim() === '') error('name', 'thiếu tên cơ quan');
    if (!(OFFICE_KINDS as readonly string[]).includes(row.kind)) {
      error('kind', `loại "${row.kind}" không hợp lệ; dùng ${OFFICE_KINDS.join(', ')}`);
    }
  }
  if (errors.length > 0) return { ok: false, errors };

  const kindOf = (code: string): OfficeKind | undefined =>
    (inFile.get(code)?.kind as OfficeKind) ?? known.get(code)?.kind;
  for (const row of inFile.values()) {
    const kind = row.kind as OfficeKind;
    const parent = row.parent.trim();
    const parentKind = PARENT_KIND[kind];
    const error = (column: (typeof OFFICE_FILE_COLUMNS)[number], message: string) =>
      errors.push({ line: row.line, column: col(column), message });
    if (parentKind === null) {
      if (parent !== '') error('parent', 'BHXH Việt Nam không có cơ quan cấp trên');
    } else if (parent === '') {
      error('parent', `thiếu cơ quan cấp trên (${KIND_NAMES_VI[parentKind]})`);
    } else if (kindOf(parent) === undefined) {
      error('parent', `không có cơ quan mã ${parent} (trong tệp hoặc trong hệ thống)`);
    } else if (kindOf(parent) !== parentKind) {
      error(
        'parent',
        `${KIND_NAMES_VI[kind]} phải trực thuộc ${KIND_NAMES_VI[parentKind]}; ${parent} là ${KIND_NAMES_VI[kindOf(parent)!]}`,
      );
    }
    const before = known.get(row.code);
    if (before && before.kind !== kind) {
      error('kind', `${row.code} đang là ${KIND_NAMES_VI[before.kind]}; không đổi loại cơ quan qua tệp`);
    }
    if (before && (before.parentCode ?? '') !== parent) {
      error('parent', `${row.code} đang trực thuộc ${before.parentCode ?? '(không)'}; không chuyển cơ quan qua tệp`);
    }
  }
  const roots = [...inFile.values()].filter((r) => r.kind === 'national' && !known.has(r.code));
  if (roots.length > 0 && existing.some((o) => o.kind === 'national')) {
    errors.push({
      line: roots[0]!.line,
      column: col('kind'),
      message: 'hệ thống đã có BHXH Việt Nam; chỉ có một cơ quan cấp quốc gia',
    });
  } else if (roots.length > 1) {
    errors.push({ line: roots[1]!.line, column: col('kind'), message: 'chỉ có một cơ quan cấp quốc gia' });
  }
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line || a.column - b.column) };

  const plan: OfficePlan = { add: [], rename: [], unchanged: 0 };
  // Parents before children: national, then departments and provinces, then grassroots offices.
  const depth = (kind: OfficeKind) => (kind === 'national' ? 0 : kind === 'grassroots' ? 2 : 1);
  const ordered = [...inFile.values()].sort(
    (a, b) => depth(a.kind as OfficeKind) - depth(b.kind as OfficeKind) || a.line - b.line,
  );
  for (const row of ordered) {
    const before = known.get(row.code);
    const name = row.name.trim();
    if (!before) {
      plan.add.push({ code: row.code, name, kind: row.kind as OfficeKind, parentCode: row.parent.trim() || null });
    } else if (before.name !== name) {
      plan.rename.push({ code: row.code, from: before.name, to: name });
    } else {
      plan.unchanged++;
    }
  }
  return { ok: true, plan };
}
