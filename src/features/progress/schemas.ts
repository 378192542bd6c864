import { Type, type Static } from '@sinclair/typebox';
import { literals } from '../../http/schemas.js';

/**
 * The name a client gives one piece of long work, so that it can ask how far it is while it waits for the answer:
 * 32 lowercase hexadecimal digits, drawn at random by the client.
 */
export const ProgressId = Type.String({ pattern: '^[0-9a-f]{32}$', minLength: 32, maxLength: 32 });

/** The optional `progress` query of a request whose work reports its progress. */
export const ProgressQuery = Type.Object({ progress: Type.Optional(ProgressId) });

export const ProgressParams = Type.Object({ id: ProgressId });

export const Work = literals(['import', 'c12_zip', 'documents_zip'] as const);
export type Work = Static<typeof Work>;

/**
 * The phases of long work, in their order. An import: the workbook turned into rows (converting), the rows read and
 * checked field by field (reading), checked against the stored rows (checking), compared in a dry run (comparing),
 * written (applying), then the positions of the employers it touched recomputed (refreshing). A zip: the figures
 * read (loading), the files made (rendering), the zip put together (zipping).
 */
export const Phase = literals([
  'converting',
  'reading',
  'checking',
  'comparing',
  'applying',
  'refreshing',
  'loading',
  'rendering',
  'zipping',
] as const);
export type Phase = Static<typeof Phase>;

export const Progress = Type.Object({
  work: Work,
  phase: Phase,
  /** An import's rows read from the file so far. */
  read: Type.Optional(Type.Integer()),
  /** An import's rows checked against the stored rows. */
  checked: Type.Optional(Type.Integer()),
  /** An import's rows written. */
  applied: Type.Optional(Type.Integer()),
  /** Units of the phase done (employers recomputed, notices rendered, documents read), of `total`. */
  done: Type.Optional(Type.Integer()),
  total: Type.Optional(Type.Integer()),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Progress = Static<typeof Progress>;
/** What the work reports; the time is added when it is written down. */
export type ProgressState = Omit<Progress, 'work' | 'updatedAt'>;
