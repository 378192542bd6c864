import { describe, expect, it } from 'vitest';
import { startLoad, type Outcome } from './load';

/** A request the test answers by hand, in the order it chooses. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('a load', () => {
  it('drops the answer of older inputs that arrives after the newer one', async () => {
    const shown: Outcome<string>[] = [];
    const first = deferred<string>();
    const second = deferred<string>();
    const stopFirst = startLoad(
      () => first.promise,
      (o) => shown.push(o),
    );
    // The inputs change: the page stops the first load and starts the second.
    stopFirst();
    startLoad(
      () => second.promise,
      (o) => shown.push(o),
    );
    second.resolve('page 2');
    await settled();
    first.resolve('page 1');
    await settled();
    expect(shown).toEqual([{ ok: true, data: 'page 2' }]);
  });

  it('drops a failure of older inputs just as an answer', async () => {
    const shown: Outcome<string>[] = [];
    const first = deferred<string>();
    const stop = startLoad(
      () => first.promise,
      (o) => shown.push(o),
    );
    stop();
    first.reject(new Error('too late to matter'));
    await settled();
    expect(shown).toEqual([]);
  });

  it('hands over the answer or the failure of the current inputs', async () => {
    const shown: Outcome<string>[] = [];
    startLoad(
      () => Promise.resolve('rows'),
      (o) => shown.push(o),
    );
    const failure = new Error('503');
    startLoad(
      () => Promise.reject(failure),
      (o) => shown.push(o),
    );
    await settled();
    expect(shown).toEqual([
      { ok: true, data: 'rows' },
      { ok: false, error: failure },
    ]);
  });

  it('shows nothing once the page has gone away', async () => {
    const shown: Outcome<number>[] = [];
    const answer = deferred<number>();
    const unmount = startLoad(
      () => answer.promise,
      (o) => shown.push(o),
    );
    unmount();
    answer.resolve(42);
    await settled();
    expect(shown).toEqual([]);
  });
});
