// CPU time of other processes for the benches: the app processes and the PostgreSQL server they use, read from /proc.
import { readdirSync, readFileSync } from 'node:fs';

/** CPU seconds (user + system) used so far by one process; NaN once it is gone. */
export function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

/** CPU seconds (user + system) a process and its descendants have used, those already reaped included. */
export function treeCpuSeconds(pid: number): number {
  const ticksPerSecond = 100;
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // utime, stime, cutime, cstime are fields 14 to 17 of the line, 12 to 15 once the pid and name are cut off.
  let ticks = Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
  let children: number[] = [];
  try {
    children = readdirSync(`/proc/${pid}/task`).flatMap((task) =>
      readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
    );
  } catch {
    // Gone while being read: its time went to its parent's reaped children.
  }
  ticks += children.reduce((sum, child) => sum + treeCpuSeconds(child) * ticksPerSecond, 0);
  return ticks / ticksPerSecond;
}

/** The PostgreSQL server process listening on the URL's port, found by its command line. */
export function postmasterPid(url: string): number {
  const port = new URL(url).port;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (argv[0]?.endsWith('postgres') && argv.includes('-p') && argv[argv.indexOf('-p') + 1] === port) {
        return Number(entry);
      }
    } catch {
      // A process that ended while the list was read.
    }
  }
  throw new Error(`no PostgreSQL server process on port ${port}`);
}

/**
 * Seconds a process's main thread has spent runnable but waiting for a core (/proc/PID/schedstat, second field): on a
 * shared machine, the time a request waited because the thread that answers it was not given a core.
 */
export function runQueueSeconds(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return NaN;
  }
}
