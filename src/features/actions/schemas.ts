import { Type, type Static } from '@sinclair/typebox';
import { ACTION_KINDS } from '../../domain/actions.js';
import { CalendarDate, literals, Money, Nullable } from '../../http/schemas.js';

export const ActionKind = literals(ACTION_KINDS);
const DocumentRef = Type.Object({
  id: Type.Integer(),
  kind: Type.String(),
  number: Nullable(Type.String()),
  fileName: Type.String(),
});
export const Cancellation = Type.Object({ at: Type.String(), reason: Type.String() });
export type Cancellation = Static<typeof Cancellation>;

/** Kind-specific fields, printed on the generated document; kept as given. */
export const ActionDetails = Type.Record(Type.String(), Type.Unknown(), {
  description: 'meetingWhen, meetingPlace, contact, participants, content, conclusion, agency, enclosures…',
});
export type ActionDetails = Static<typeof ActionDetails>;

export const EmployerAction = Type.Object({
  id: Type.Integer(),
  kind: ActionKind,
  date: CalendarDate,
  official: Type.Object({ id: Type.Integer(), fullName: Type.String() }),
  documentNumber: Nullable(Type.String()),
  outcome: Type.String(),
  followUpOn: Nullable(CalendarDate),
  fine: Nullable(Money),
  details: ActionDetails,
  batchId: Type.Integer(),
  countsAsUrging: Type.Boolean({ description: 'urging letter or invitation; a C12 notice never counts' }),
  recordedAt: Type.String({ format: 'date-time' }),
  cancelled: Nullable(Cancellation),
  documents: Type.Array(DocumentRef),
  attachments: Type.Array(
    Type.Object({ id: Type.Integer(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer() }),
  ),
});
export type EmployerAction = Static<typeof EmployerAction>;

export const EmployerActions = Type.Object({ items: Type.Array(EmployerAction) });
export type EmployerActions = Static<typeof EmployerActions>;

export const NewAction = Type.Object(
  {
    employerIds: Type.Array(Type.Integer({ minimum: 1 }), {
      minItems: 1,
      maxItems: 200,
      description: 'one action per employer; a conference or mailing records many at once',
    }),
    kind: ActionKind,
    date: CalendarDate,
    officialId: Type.Optional(Type.Integer({ minimum: 1, description: 'the official who acted; the user by default' })),
    documentNumber: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
    outcome: Type.Optional(Type.String({ maxLength: 4000 })),
    followUpOn: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
    fine: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 9e15 }), Type.Null()])),
    details: Type.Optional(ActionDetails),
    generateDocument: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export type NewAction = Static<typeof NewAction>;

export const RecordedActions = Type.Object({
  batchId: Type.Integer(),
  actions: Type.Array(
    Type.Object({
      id: Type.Integer(),
      employerId: Type.Integer(),
      documentId: Nullable(Type.Integer()),
      documentNumber: Nullable(Type.String()),
    }),
  ),
});
export type RecordedActions = Static<typeof RecordedActions>;

/** A file name as an officer gives it: any text but control characters (which no file system name needs). */
export const AttachmentQuery = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
});
