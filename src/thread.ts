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
