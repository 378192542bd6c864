import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * A worker thread running the module `name` beside `from` (an `import.meta.url`): from dist the compiled file; from
 * the sources (tests, tsx) the TypeScript, through tsx's require hook — Node 20 applies no module hooks in a worker
 * thread, and a required file is compiled by the hook of its own thread. Such a module must not await at its top.
 */
export function startThread(from: string, name: string, workerData: unknown): Worker {
  const compiled = new URL(`./${name}.js`, from);
  if (existsSync(fileURLToPath(compiled))) return new Worker(compiled, { workerData });
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs/api');
  const source = fileURLToPath(new URL(`./${name}.ts`, from));
  return new Worker(`require(${JSON.stringify(tsx)}).register(); require(${JSON.stringify(source)});`, {
    eval: true,
    workerData,
  });
}

/**
 * The one message of a worker that answers once and ends, given when the thread has exited. Waiting for the exit
 * matters: a process that calls `process.exit` while a worker is still winding down joins that thread inside the exit,
 * and under heavy load that join was seen to wait forever. A worker that ends without answering rejects rather than
 * leaving its caller waiting.
 */
export function answerOf<T>(worker: Worker): Promise<T> {
  return new Promise((resolve, reject) => {
    let answer: { value: T } | null = null;
    worker.once('message', (value: T) => {
      answer = { value };
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (answer) resolve(answer.value);
      else reject(new Error(`worker thread ended (exit code ${code}) without an answer`));
    });
  });
}
