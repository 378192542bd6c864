import { Type, type Static } from '@sinclair/typebox';
import { Nullable } from '../../http/schemas.js';

export const EvidenceFile = Type.Object({
  /** The stored document, downloadable like any other. */
  id: Type.Integer(),
  criteria: Type.Array(Type.Object({ label: Type.String(), met: Type.Boolean(), detail: Type.String() })),
});
export type EvidenceFile = Static<typeof EvidenceFile>;

export const DocumentQuery = Type.Object({
  format: Type.Union([Type.Literal('docx'), Type.Literal('pdf')], { default: 'docx' }),
});

/** Which formats an issued document can be downloaded in: PDF only where LibreOffice is installed on the server. */
export const DocumentFormats = Type.Object({ pdf: Type.Boolean() });
export type DocumentFormats = Static<typeof DocumentFormats>;

const PersonName = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });

/** Người ký: the office's head, and the deputy who signs "KT." when the office delegates it. */
export const OfficeSigner = Type.Object(
  {
    headName: PersonName,
    deputyName: Nullable(PersonName),
    byDeputy: Type.Boolean(),
  },
  { additionalProperties: false },
);
export type OfficeSigner = Static<typeof OfficeSigner>;

/** Sổ văn bản đi of a year: the last number given; the next document takes the one after it. */
export const Register = Type.Object({ year: Type.Integer(), lastNumber: Type.Integer() });

export const OfficeDocuments = Type.Object({
  officeId: Type.Integer(),
  /** As set for the office; null when nothing is set. */
  signer: Nullable(OfficeSigner),
  /** What the office's documents print above and below the signature now. */
  signature: Type.Object({ title: Type.String(), name: Type.String() }),
  registers: Type.Array(Register),
});
export type OfficeDocuments = Static<typeof OfficeDocuments>;

export const RegisterParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2147483647 }),
  year: Type.Integer({ minimum: 2000, maximum: 2100 }),
});
export const RegisterNumber = Type.Object(
  { lastNumber: Type.Integer({ minimum: 0, maximum: 2147483647 }) },
  { additionalProperties: false },
);
export type RegisterNumber = Static<typeof RegisterNumber>;

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
