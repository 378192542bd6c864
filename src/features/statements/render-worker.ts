import { parentPort } from 'node:worker_threads';
import { zipNotices } from './render.js';
import type { ZipAnswer, ZipRequest } from './render-thread.js';

/**
 * The rendering thread (render-thread.ts): zips an office's C12-TS notices off the thread that answers requests, one
 * request after the other; a failure is sent back as that request's answer.
 */
let queue = Promise.resolve();
parentPort!.on('message', (request: ZipRequest) => {
  queue = queue.then(async () => {
    let answer: ZipAnswer;
    try {
      answer = { id: request.id, zip: await zipNotices(request.notices, request.format, request.date) };
    } catch (error) {
      answer = { id: request.id, error: String(error) };
    }
    parentPort!.postMessage(answer);
  });
});
