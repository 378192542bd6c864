import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotDirect } from './direct.js';
import type { ReadMessage, ReadTask } from './file-reading.js';
import { readInThread } from './read-thread.js';

function file(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'dondoc-read-thread-')), name);
  writeFileSync(path, text);
  return path;
}

/** The messages of a task read here (no thread) and on a thread, with the bytes of direct batches as text. */
async function bothWays(task: ReadTask) {
  const collect = async (minBytes: number) => {
    const messages: ReadMessage[] = [];
    for await (const m of readInThread(task, minBytes)) {
      messages.push(m.type === 'batch' ? { ...m, copy: Buffer.from(m.copy).toString('utf8') } : m);
    }
    return messages;
  };
  return { here: await collect(Number.POSITIVE_INFINITY), thread: await collect(0) };
}

const PAYMENTS =
  'employer,date,amount,reference\nDN1,2025-01-05,1000,R1\nDN2,2025-13-05,abc,R2\nDN2,05/02/2025,2.000,\n';

describe('reading an import file on a thread of its own', () => {
  // A thread run from the sources compiles its modules first: seconds on a busy machine.
  it('gives the same rows and problems, by row and column, as reading it on the calling thread', {
    timeout: 120_000,
  }, async () => {
    const task: ReadTask = {
      job: 'staged',
      path: file('payments.csv', PAYMENTS),
      kind: 'payments',
      fileName: 'payments.csv',
      maxLineChars: 65_536,
      language: 'vi',
    };
    const { here, thread } = await bothWays(task);
    expect(thread).toEqual(here);
    expect(here.at(-1)).toMatchObject({ type: 'end', rows: 3, headerRead: true });
    expect(here[0]).toMatchObject({
      copy: '2\tDN1\t2025-01-05\t1000\tR1\n4\tDN2\t2025-02-05\t2000\tauto:2025-02-05:2000:1\n',
      errorCount: 2,
      errors: [
        { line: 3, column: 2, code: 'not_day' },
        { line: 3, column: 3, code: 'not_amount' },
      ],
    });
  });

  it('passes on the bulk lines and the employers met, and gives up with NotDirect as the calling thread does', {
    timeout: 120_000,
  }, async () => {
    const path = file('payments.csv', 'employer,date,amount,reference\nDN1,2025-01-05,1000,R1\nDN2,2025-01-06,5,R2\n');
    const task: ReadTask = { job: 'direct', path, kind: 'payments', codes: ['DN1', 'DN2'], ids: [7, 9] };
    const { here, thread } = await bothWays(task);
    expect(thread).toEqual(here);
    expect(here).toEqual([
      { type: 'batch', copy: '7,2025-01-05,1000,R1\n9,2025-01-06,5,R2\n', rows: 2, errors: [], errorCount: 0 },
      { type: 'end', rows: 2, headerRead: true, touched: [7, 9], errors: [], errorCount: 0 },
    ]);
    const unknown: ReadTask = { ...task, codes: ['DN1'], ids: [7] };
    for (const minBytes of [Number.POSITIVE_INFINITY, 0]) {
      const reading = (async () => {
        for await (const _ of readInThread(unknown, minBytes));
      })();
      await expect(reading).rejects.toThrow(new NotDirect('line 3: unknown employer'));
    }
  });
});
