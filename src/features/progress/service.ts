import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Clock } from '../../clock.js';
import type { Progress, ProgressState, Work } from './schemas.js';

/**
 * How far a user's long work is, as a small file per piece of work under the files folder: every process and every
 * machine of an installation shares that folder (as it shares the attachments), so whichever process answers the
 * client's question reads what the working one wrote, and the embedded database's one connection is not taken from
 * the work it reports on. A user's records are in a folder of their own, so another user's are never found.
 */
const FOLDER = 'progress';
/** The work reports as often as it likes; its latest state is written at most this often. */
const EVERY_MS = 250;
/** Records left by a process that stopped in the middle of its work are removed after this long. */
const STALE_MS = 24 * 60 * 60 * 1000;

export interface ProgressReporter {
  /** Notes the work's state now; never waits, and never fails the work. */
  report(state: ProgressState): void;
  /** Ends the record: the state written last is removed. */
  finish(): Promise<void>;
}

/** For work nobody asked to follow (no progress id, the command line). */
export const NO_PROGRESS: ProgressReporter = { report() {}, async finish() {} };

const folderOf = (filesDir: string, userId: number) => join(filesDir, FOLDER, String(userId));

/** Starts the record of one piece of work of a user; `id` is the client's (ProgressId, checked by the route). */
export async function startProgress(
  filesDir: string,
  clock: Clock,
  userId: number,
  id: string,
  work: Work,
): Promise<ProgressReporter> {
  const folder = folderOf(filesDir, userId);
  await mkdir(folder, { recursive: true });
  await removeStale(folder);
  const path = join(folder, `${id}.json`);
  let latest: ProgressState | null = null;
  let lastWrite = 0;
  let scheduled = false;
  let ended = false;
  // One write at a time, in order, so that the record only moves forward and finish() removes it after the last.
  let writing: Promise<void> = Promise.resolve();
  const write = async (state: ProgressState) => {
    const record: Progress = { work, ...state, updatedAt: clock.now().toISOString() };
    // Written beside and renamed over: a reader sees the previous record or this one, never half of one.
    await writeFile(`${path}.tmp`, JSON.stringify(record));
    await rename(`${path}.tmp`, path);
  };
  return {
    report(state) {
      if (ended) return;
      latest = state;
      if (scheduled) return;
      scheduled = true;
      const wait = Math.max(0, lastWrite + EVERY_MS - Date.now());
      writing = writing
        .then(() => (wait > 0 ? sleep(wait) : undefined))
        .then(async () => {
          scheduled = false;
          if (ended || latest === null) return;
          lastWrite = Date.now();
          // A record that could not be written only leaves the client with the previous one.
          await write(latest).catch(() => undefined);
        });
    },
    async finish() {
      ended = true;
      await writing;
      await rm(path, { force: true });
      await rm(`${path}.tmp`, { force: true });
    },
  };
}

/** The record of the user's work `id`, or null when there is none (never started, finished, or another user's). */
export async function readProgress(filesDir: string, userId: number, id: string): Promise<Progress | null> {
  try {
    return JSON.parse(await readFile(join(folderOf(filesDir, userId), `${id}.json`), 'utf8')) as Progress;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function removeStale(folder: string): Promise<void> {
  const now = Date.now();
  for (const name of await readdir(folder)) {
    const path = join(folder, name);
    const info = await stat(path).catch(() => null);
    if (info && now - info.mtimeMs > STALE_MS) await rm(path, { force: true });
  }
}

/** Runs `work` with a reporter for the user's progress id, when the client gave one, and ends the record after it. */
export async function withProgress<T>(
  target: { filesDir: string; clock: Clock; userId: number; id: string | undefined; work: Work },
  work: (progress: ProgressReporter) => Promise<T>,
): Promise<T> {
  if (target.id === undefined) return work(NO_PROGRESS);
  const progress = await startProgress(target.filesDir, target.clock, target.userId, target.id, target.work);
  try {
    return await work(progress);
  } finally {
    await progress.finish();
  }
}
