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

export const DocumentsZipRequest = Type.Object(
  {
    ids: Type.Array(Type.Integer({ minimum: 1 }), {
      minItems: 1,
      maxItems: 200,
      description: 'generated documents of the scope, e.g. the letters of one recording on many employers',
    }),
  },
  { additionalProperties: false },
);
export type DocumentsZipRequest = Static<typeof DocumentsZipRequest>;
