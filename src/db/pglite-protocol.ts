/** Messages between the main thread and the embedded database's thread (pglite-worker.ts). */
export type WorkerRequest =
  | { id: number; op: 'query'; sql: string; parameters: unknown[] }
  | { id: number; op: 'exec'; sql: string }
  /** COPY … FROM '/dev/blob' of `bytes`, whole records. */
  | { id: number; op: 'copyIn'; sql: string; bytes: Uint8Array }
  /** COPY (…) TO '/dev/blob': the bytes come back. */
  | { id: number; op: 'copyOut'; sql: string }
  | { id: number; op: 'close' };

export type WorkerReply =
  | { id: number; ok: true; rows?: Record<string, unknown>[]; affectedRows?: number; bytes?: Uint8Array }
  | { id: number; ok: false; error: Record<string, unknown> };
