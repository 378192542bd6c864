import { useCallback, useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

type Changes = Record<string, string | number | undefined>;

const SEARCH_DEBOUNCE_MS = 300;

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

/**
 * A search box over the query string's q: what is typed reaches the URL (and so the search) after a short pause, and
 * a URL changed under the box (the menu link opens the list afresh) shows in it.
 */
export function useSearchBox(url: ReturnType<typeof useUrlState>): [string, (text: string) => void] {
  const q = url.text('q');
  const [search, setSearch] = useState(q);
  const { update } = url;

  useEffect(() => setSearch((s) => (s.trim() === q ? s : q)), [q]);

  useEffect(() => {
    if (search.trim() === q) return;
    const timer = setTimeout(() => update({ q: search.trim() }), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [search, q, update]);

  return [search, setSearch];
}
