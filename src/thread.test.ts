import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { answerOf } from './thread.js';

const thread = (code: string) =>
  new Worker(`const { parentPort } = require('node:worker_threads');\n${code}`, { eval: true });

describe('the answer of a worker thread', () => {
  it('is its one message, bytes moved with it intact, once the thread has ended', async () => {
    const worker = thread(`
      const bytes = new Uint8Array(1 << 20).fill(7);
      parentPort.postMessage({ rows: bytes, n: 42 }, [bytes.buffer]);`);
    let ended = false;
    worker.once('exit', () => (ended = true));
    const answer = await answerOf<{ rows: Uint8Array; n: number }>(worker);
    expect(ended).toBe(true);
    expect(answer.n).toBe(42);
    expect(answer.rows.length).toBe(1 << 20);
    expect(answer.rows.every((b) => b === 7)).toBe(true);
  });

  it('is the first message when a thread sends more than one', async () => {
    expect(await answerOf(thread('parentPort.postMessage(1); parentPort.postMessage(2);'))).toBe(1);
  });

  it('is a rejection when the thread ends without answering, normally or by process.exit', async () => {
    await expect(answerOf(thread(''))).rejects.toThrow('worker thread ended (exit code 0) without an answer');
    await expect(answerOf(thread('process.exit(3)'))).rejects.toThrow('(exit code 3) without an answer');
  });

  it('is a rejection with the error when the thread throws', async () => {
    await expect(answerOf(thread('throw new Error("bad partition")'))).rejects.toThrow('bad partition');
  });
});
