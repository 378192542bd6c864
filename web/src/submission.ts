import { useState } from 'react';

/**
 * A form's submission: busy while it runs, and the error it failed with, which the form shows. On success it stays
 * busy, since the caller closes the form or moves on.
 */
export function useSubmission() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (submit: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await submit();
    } catch (e) {
      setError(e);
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
