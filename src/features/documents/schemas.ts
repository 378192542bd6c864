import { Type, type Static } from '@sinclair/typebox';

export const EvidenceFile = Type.Object({
  /** The stored document, downloadable like any other. */
  id: Type.Integer(),
  criteria: Type.Array(Type.Object({ label: Type.String(), met: Type.Boolean(), detail: Type.String() })),
});
export type EvidenceFile = Static<typeof EvidenceFile>;

export const DocumentQuery = Type.Object({
  format: Type.Union([Type.Literal('docx'), Type.Literal('pdf')], { default: 'docx' }),
});
