import { parentPort, workerData } from 'node:worker_threads';
import { buildWorkbook, type WorkbookJob } from './service.js';

// The thread of one workbook (service.ts, built): its bytes are the one answer, moved rather than copied. A failure
// ends the thread with the error, which the caller's answerOf rejects with. No await at the top: from the sources the
// module is required (thread.ts).
void buildWorkbook(workerData as WorkbookJob).then((content) => {
  const bytes = new Uint8Array(content);
  parentPort!.postMessage(bytes, [bytes.buffer]);
});
