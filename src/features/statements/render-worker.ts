import { parentPort } from 'node:worker_threads';
import { zipNotices } from './render.js';
import type { ZipAnswer, ZipRequest } from './render-thread.js';

/**
 * The rendering thread (render-thread.ts): zips an office's C12-TS notices off the thread that answers requests, one
 * request after the other, telling after each notice how many are rendered; a failure is sent back as that request's
 * answer.
 */
let queue = Promise.resolve();
parentPort!.on('message', (request: ZipRequest) => {
  queue = queue.then(async () => {
    let answer: ZipAnswer;
    try {
      const zip = await zipNotices(request.notices, request.format, request.date, (rendered) =>
        parentPort!.postMessage({ id: request.id, rendered } satisfies ZipAnswer),
      );
      answer = { id: request.id, zip };
    } catch (error) {
      answer = { id: request.id, error: String(error) };
    }
    parentPort!.postMessage(answer);
  });
});
