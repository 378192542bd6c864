import { Type, type Static } from '@sinclair/typebox';
import { literals } from '../../http/schemas.js';

export const ImportKind = literals(['employers', 'obligations', 'payments'] as const);
export type ImportKind = Static<typeof ImportKind>;

export const ImportParams = Type.Object({ kind: ImportKind });
export const ImportQuery = Type.Object({ fileName: Type.String({ minLength: 1, maxLength: 200 }) });

export const ImportResult = Type.Object({
  status: Type.Union([Type.Literal('imported'), Type.Literal('unchanged')]),
  kind: ImportKind,
  rows: Type.Integer(),
  inserted: Type.Optional(Type.Integer()),
  updated: Type.Optional(Type.Integer()),
  employers: Type.Optional(Type.Integer({ description: 'employers whose arrears positions were recomputed' })),
});
export type ImportResult = Static<typeof ImportResult>;

/** A refused row: where in the file, and what is wrong with it. */
export const FieldError = Type.Object({
  file: Type.String(), line: Type.Integer(), column: Type.Integer(), columnName: Type.String(), message: Type.String(),
});
export type FieldError = Static<typeof FieldError>;

/** A file refused whole: its errors by line and column (the first ones), and how many there are in all. */
export const ImportRefused = Type.Object({
  code: Type.String(), message: Type.String(), errors: Type.Array(FieldError), errorCount: Type.Integer(),
});
export type ImportRefused = Static<typeof ImportRefused>;
