import { Type, type Static } from '@sinclair/typebox';
import { literals } from '../../http/schemas.js';
import { ProgressId } from '../progress/schemas.js';

export const ImportKind = literals(['employers', 'obligations', 'payments'] as const);
export type ImportKind = Static<typeof ImportKind>;

export const ImportParams = Type.Object({ kind: ImportKind });
export const ImportQuery = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 200 }),
  dryRun: Type.Optional(Type.Boolean()),
  /** The client's name of this import, to ask GET /api/progress/{id} how far it is. */
  progress: Type.Optional(ProgressId),
});

/** In a dry run: a row that would change, with a field's value before and after. */
export const ImportExample = Type.Object({
  line: Type.Integer(),
  status: Type.Union([Type.Literal('new'), Type.Literal('changed')]),
  key: Type.String(),
  before: Type.Union([Type.String(), Type.Number(), Type.Null()]),
  after: Type.Union([Type.String(), Type.Number()]),
});
export type ImportExample = Static<typeof ImportExample>;

export const ImportResult = Type.Object({
  status: Type.Union([Type.Literal('imported'), Type.Literal('unchanged'), Type.Literal('checked')]),
  kind: ImportKind,
  rows: Type.Integer(),
  inserted: Type.Optional(Type.Integer({ description: 'rows new (or, in a dry run, that would be)' })),
  updated: Type.Optional(Type.Integer({ description: 'rows changed (or that would be)' })),
  unchanged: Type.Optional(Type.Integer({ description: 'in a dry run: rows equal to what is stored' })),
  examples: Type.Optional(Type.Array(ImportExample, { description: 'in a dry run: the first rows that would change' })),
  employers: Type.Optional(Type.Integer({ description: 'employers whose arrears positions were recomputed' })),
});
export type ImportResult = Static<typeof ImportResult>;

/** A refused row: where in the file, and what is wrong with it. */
export const FieldError = Type.Object({
  file: Type.String(),
  line: Type.Integer({ description: "the spreadsheet's row" }),
  column: Type.Integer({ description: '1-based; 0 for the whole row or file' }),
  columnLetter: Type.String({ description: "the spreadsheet's column letter, '' with column 0" }),
  columnName: Type.String(),
  code: Type.String(),
  message: Type.String({ description: 'in the language of Accept-Language: English when asked, else Vietnamese' }),
});
export type FieldError = Static<typeof FieldError>;

/** A file refused whole: its errors by line and column (the first ones), and how many there are in all. */
export const ImportRefused = Type.Object({
  code: Type.String(),
  message: Type.String(),
  errors: Type.Array(FieldError),
  errorCount: Type.Integer(),
});
export type ImportRefused = Static<typeof ImportRefused>;
