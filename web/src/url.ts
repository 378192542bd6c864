import { useCallback } from 'react';
import { useSearchParams } from 'react-router-dom';

type Changes = Record<string, string | number | undefined>;

/**
 * A list page's filters, paging and sorting kept in the query string, so that a reload, a shared link or the back
 * button from a detail page shows the same list. Values read from the URL are checked, since anyone can edit it.
 */
export function useUrlState() {
  const [params, setParams] = useSearchParams();

  /** Applies the changes (undefined or '' removes a key); a new filter starts again from page 1. */
  const update = useCallback(
    (changes: Changes, resetPage = true) =>
      // From the latest URL, not this render's: a debounced search may land after another filter changed.
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          for (const [k, v] of Object.entries(changes)) {
            if (v === undefined || v === '') next.delete(k);
            else next.set(k, String(v));
          }
          if (resetPage) next.delete('page');
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const text = (key: string) => params.get(key) ?? '';
  const positiveInt = (key: string): number | undefined => {
    const n = Number(params.get(key));
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  };
  const oneOf = <T extends string>(key: string, allowed: readonly T[]): T | undefined =>
    allowed.find((a) => a === params.get(key));

  return { update, text, positiveInt, oneOf };
}
