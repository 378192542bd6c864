import { useEffect, useState, type DependencyList } from 'react';
import { ApiError } from './api/client';

/** How one load ended. */
export type Outcome<T> = { ok: true; data: T } | { ok: false; error: unknown };

/**
 * Starts a load and hands its outcome to `settle`, unless the returned stop was called first: the inputs changed (a
 * newer load is on its way) or the page went away. An answer that arrives late is dropped, never shown over a newer
 * one.
 */
export function startLoad<T>(fetcher: () => Promise<T>, settle: (outcome: Outcome<T>) => void): () => void {
  let current = true;
  fetcher().then(
    (data) => current && settle({ ok: true, data }),
    (error: unknown) => current && settle({ ok: false, error }),
  );
  return () => {
    current = false;
  };
}

export interface Load<T> {
  /** The answer for the current inputs; with `keep`, the last answer while the next one loads. */
  data: T | undefined;
  /** Why the last load failed, or null. */
  error: unknown;
  /** A load is on its way. */
  loading: boolean;
  /** Loads again with the same inputs (after a write changed what they show). */
  reload: () => void;
}

interface State<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

/**
 * A page's read: loads with `fetcher` whenever `deps` change (and on reload), keeps only the answer of the newest
 * inputs, and tells loading, failure and data apart. `fetcher` null loads nothing (the inputs are not ready or not
 * valid). `keep` shows the previous answer while the next loads, as a table does under its spinner; without it the
 * page shows no data of other inputs.
 */
export function useLoad<T>(
  fetcher: (() => Promise<T>) | null,
  deps: DependencyList,
  options: { keep?: boolean } = {},
): Load<T> {
  const [version, setVersion] = useState(0);
  const [state, setState] = useState<State<T>>({ data: undefined, error: null, loading: fetcher !== null });
  const keep = options.keep ?? false;

  useEffect(() => {
    if (fetcher === null) {
      setState((s) => ({ data: keep ? s.data : undefined, error: null, loading: false }));
      return;
    }
    setState((s) => ({ data: keep ? s.data : undefined, error: null, loading: true }));
    return startLoad(fetcher, (outcome) =>
      setState((s) =>
        outcome.ok
          ? { data: outcome.data, error: null, loading: false }
          : { data: keep ? s.data : undefined, error: outcome.error, loading: false },
      ),
    );
    // The fetcher is a new closure on every render; the inputs it reads are the deps.
  }, [...deps, version]);

  return { ...state, reload: () => setVersion((v) => v + 1) };
}

/** A read that failed because the row is not there: out of scope and nonexistent are the same 404, told apart by no page. */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}
