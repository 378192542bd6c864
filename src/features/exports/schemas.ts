import { Type, type Static } from '@sinclair/typebox';

/** How a column's values are stored and shown: text, a whole number (1.234.567), a decimal (2,50), a day (dd/mm/yyyy). */
export const ColumnKind = Type.Union([
  Type.Literal('text'),
  Type.Literal('integer'),
  Type.Literal('decimal'),
  Type.Literal('day'),
]);
export type ColumnKind = Static<typeof ColumnKind>;

/**
 * A table the web shows, to be saved as .xlsx: its column heads and kinds and its rows, a day as 'YYYY-MM-DD'. The
 * web holds the figures already; the server only writes them in the workbook form every export of the app has.
 */
export const TableExport = Type.Object(
  {
    fileName: Type.String({ minLength: 1, maxLength: 150, pattern: '^[^/\\\\]+$' }),
    title: Type.String({ maxLength: 300 }),
    columns: Type.Array(Type.Object({ title: Type.String({ maxLength: 200 }), kind: ColumnKind }), {
      minItems: 1,
      maxItems: 60,
    }),
    rows: Type.Array(
      Type.Array(Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Null()]), { maxItems: 60 }),
      {
        maxItems: 20_000,
      },
    ),
  },
  { additionalProperties: false },
);
export type TableExport = Static<typeof TableExport>;
