/**
 * DONDOC_SLOW_LOOP_MS: a stall of the event loop this long or longer (the thread that answers requests busy with one
 * piece of work) is logged, so a benchmark can tell a request waiting on the app's own CPU from one waiting on the
 * database.
 */
export function logEventLoopStalls(): void {
  const slowMs = Number(process.env.DONDOC_SLOW_LOOP_MS) || Infinity;
  if (slowMs === Infinity) return;
  const everyMs = 50;
  let expected = performance.now() + everyMs;
  setInterval(() => {
    const now = performance.now();
    const late = now - expected;
    if (late >= slowMs) console.warn(`dondoc: the event loop was blocked ${late.toFixed(0)} ms`);
    expected = now + everyMs;
  }, everyMs).unref();
}
