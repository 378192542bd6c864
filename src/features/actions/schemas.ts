import { Type, type Static } from '@sinclair/typebox';
import { ACTION_KINDS } from '../../domain/actions.js';
import { DUE_ACTIONS, DUE_REASONS, LADDER_STEPS } from '../../domain/ladder.js';
import { CalendarDate, literals, Money, Nullable, StringEnum } from '../../http/schemas.js';

export const ActionKind = literals(ACTION_KINDS);
const DocumentRef = Type.Object({ id: Type.Integer(), kind: Type.String(), number: Nullable(Type.String()), fileName: Type.String() });
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
  attachments: Type.Array(Type.Object({ id: Type.Integer(), fileName: Type.String(), contentType: Type.String(), size: Type.Integer() })),
});
export type EmployerAction = Static<typeof EmployerAction>;

export const EmployerActions = Type.Object({ items: Type.Array(EmployerAction) });
export type EmployerActions = Static<typeof EmployerActions>;

export const NewAction = Type.Object({
  employerIds: Type.Array(Type.Integer({ minimum: 1 }), { minItems: 1, maxItems: 200, description: 'one action per employer; a conference or mailing records many at once' }),
  kind: ActionKind,
  date: CalendarDate,
  officialId: Type.Optional(Type.Integer({ minimum: 1, description: 'the official who acted; the user by default' })),
  documentNumber: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 100 }), Type.Null()])),
  outcome: Type.Optional(Type.String({ maxLength: 4000 })),
  followUpOn: Type.Optional(Type.Union([CalendarDate, Type.Null()])),
  fine: Type.Optional(Type.Union([Type.Integer({ minimum: 1, maximum: 9e15 }), Type.Null()])),
  details: Type.Optional(ActionDetails),
  generateDocument: Type.Optional(Type.Boolean({ default: true })),
}, { additionalProperties: false });
export type NewAction = Static<typeof NewAction>;

export const RecordedActions = Type.Object({
  batchId: Type.Integer(),
  actions: Type.Array(Type.Object({
    id: Type.Integer(), employerId: Type.Integer(), documentId: Nullable(Type.Integer()), documentNumber: Nullable(Type.String()),
  })),
});
export type RecordedActions = Static<typeof RecordedActions>;

export const PromiseState = Type.Union([
  Type.Object({ status: Type.Literal('pending'), next: Type.Object({ dueOn: CalendarDate, outstanding: Money }) }),
  Type.Object({ status: Type.Literal('kept'), keptOn: CalendarDate }),
  Type.Object({ status: Type.Literal('broken'), brokenOn: CalendarDate, shortfall: Money, missedDueOn: CalendarDate }),
]);
export type PromiseState = Static<typeof PromiseState>;
export const Instalment = Type.Object({ dueOn: CalendarDate, amount: Type.Integer({ minimum: 1, maximum: 9e15 }) }, { additionalProperties: false });
export type Instalment = Static<typeof Instalment>;
export const PromiseKind = Type.Union([Type.Literal('promise'), Type.Literal('instalment')]);
export type PromiseKind = Static<typeof PromiseKind>;

export const PaymentPromise = Type.Object({
  id: Type.Integer(), kind: PromiseKind, madeOn: CalendarDate, actionId: Nullable(Type.Integer()),
  note: Type.String(), instalments: Type.Array(Instalment), state: PromiseState,
  cancelled: Nullable(Cancellation),
});
export type PaymentPromise = Static<typeof PaymentPromise>;

export const PaymentPromises = Type.Object({ items: Type.Array(PaymentPromise) });
export type PaymentPromises = Static<typeof PaymentPromises>;

export const NewPromise = Type.Object({
  kind: PromiseKind,
  madeOn: CalendarDate,
  instalments: Type.Array(Instalment, { minItems: 1, maxItems: 36 }),
  note: Type.Optional(Type.String({ maxLength: 2000 })),
  actionId: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
}, { additionalProperties: false });
export type NewPromise = Static<typeof NewPromise>;

export const LadderStep = literals(LADDER_STEPS);
/** The actions the ladder makes due, and checking the next instalment of an agreement. */
export const DueAction = StringEnum(DUE_ACTIONS);
export type DueAction = Static<typeof DueAction>;
export const DueReason = StringEnum(DUE_REASONS);
export type DueReason = Static<typeof DueReason>;
/** A task on the ladder: an action due by a day, and why. */
export const DueTask = Type.Object({ action: DueAction, by: CalendarDate, reason: DueReason });
export type DueTask = Static<typeof DueTask>;

export const Ladder = Type.Object({
  step: LadderStep,
  since: Nullable(CalendarDate),
  due: Type.Array(DueTask),
  brokenPromise: Type.Boolean(),
  /** The Penal Code Art. 216 clause reached, for a referral candidate or a referred employer. */
  referralClause: Nullable(Type.Integer()),
  evaluatedOn: Nullable(CalendarDate),
  /** Newest first. */
  moves: Type.Array(Type.Object({ step: LadderStep, enteredOn: CalendarDate, leftOn: Nullable(CalendarDate) })),
});
export type Ladder = Static<typeof Ladder>;

export const EvidenceFile = Type.Object({
  /** The stored document, downloadable like any other. */
  id: Type.Integer(),
  criteria: Type.Array(Type.Object({ label: Type.String(), met: Type.Boolean(), detail: Type.String() })),
});
export type EvidenceFile = Static<typeof EvidenceFile>;

/** A file name as an officer gives it: any text but control characters (which no file system name needs). */
export const AttachmentQuery = Type.Object({
  fileName: Type.String({ minLength: 1, maxLength: 200, pattern: '^[^\\u0000-\\u001f\\u007f]+$' }),
});

export const DocumentQuery = Type.Object({
  format: Type.Union([Type.Literal('docx'), Type.Literal('pdf')], { default: 'docx' }),
});
