import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'dondoc.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A `dondoc` child process (`start` most often) whose output the test can wait on, stop gently or kill. */
export interface ServerProcess {
  child: ChildProcess;
  base: string;
  output(): string;
  /** Resolves once a line matches (or rejects when the process exits first or the time is up). */
  waitFor(match: RegExp, timeoutMs?: number): Promise<void>;
  /** SIGTERM and wait for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL: a crash, nothing runs after it. */
  kill(): Promise<void>;
}

export function spawnServer(env: Record<string, string>, args: string[] = []): Promise<ServerProcess> {
  return spawnDondoc('start', env, args);
}

/** `dondoc COMMAND ARGS…` with the test's environment; `base` is where it would serve, as `start` does. */
export async function spawnDondoc(
  command: string,
  env: Record<string, string>,
  args: string[] = [],
): Promise<ServerProcess> {
  const port = await freePort();
  const child = spawn('node', [BIN, command, ...args], {
    env: { ...process.env, LOG_LEVEL: 'warn', ...env, PORT: String(port), HOST: '127.0.0.1' },
  });
  let output = '';
  const listeners = new Set<() => void>();
  const take = (d: Buffer) => {
    output += d.toString();
    for (const l of [...listeners]) l();
  };
  child.stdout!.on('data', take);
  child.stderr!.on('data', take);
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => {
      for (const l of [...listeners]) l();
      resolve(code);
    }),
  );
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    output: () => output,
    waitFor(match, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => done(new Error(`no ${match} in ${timeoutMs} ms:\n${output}`)), timeoutMs);
        const check = () => {
          if (match.test(output)) done();
          else if (child.exitCode !== null || child.signalCode !== null) {
            done(new Error(`exited (${child.exitCode ?? child.signalCode}) before ${match}:\n${output}`));
          }
        };
        const done = (error?: Error) => {
          clearTimeout(timer);
          listeners.delete(check);
          if (error) reject(error);
          else resolve();
        };
        listeners.add(check);
        check();
      });
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
