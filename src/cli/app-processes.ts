import cluster, { type Worker } from 'node:cluster';

/**
 * The app processes of `dondoc start --workers N`: one Node process answers requests on one core, so N processes
 * share the port (node:cluster hands each new connection to the next) to use every core of one machine. The first
 * process keeps the work done once per machine: migrations, the demo decision and the background jobs.
 */
export class AppProcesses {
  private stopping = false;
  /** The app processes that listen: only these have set up their handler of STOP_MESSAGE. */
  private readonly listening = new Set<Worker>();

  /**
   * @param lost called once an app process has died, before another is started: what it left half-done (a refresh of
   * positions it owed) is the first process's to finish, as a start-up would.
   */
  constructor(
    private readonly count: number,
    private readonly log: (line: string) => void,
    private readonly lost: () => Promise<void> = async () => {},
  ) {}

  /** Starts the app processes and resolves once each one listens; one that dies later is replaced. */
  async start(): Promise<void> {
    cluster.on('exit', (worker, code, signal) => {
      if (this.stopping) return;
      this.log(`dondoc: app process ${worker.process.pid} exited (${code ?? signal}); starting another`);
      this.lost().catch((error: unknown) => this.log(`dondoc: after the app process's exit: ${String(error)}`));
      // A second behind, so a process that dies at once does not make a busy loop of forks.
      setTimeout(() => {
        if (this.stopping) return;
        this.fork().then(
          (started) => this.log(`dondoc: app process ${started.process.pid} listens in place of ${worker.process.pid}`),
          // One that dies before it listens is replaced in turn, by this same handler.
          () => undefined,
        );
      }, 1000).unref();
    });
    await Promise.all(Array.from({ length: this.count }, () => this.fork()));
  }

  private fork(): Promise<Worker> {
    const worker = cluster.fork();
    return new Promise((resolve, reject) => {
      worker.once('listening', () => {
        this.listening.add(worker);
        resolve(worker);
      });
      worker.once('exit', (code, signal) => {
        this.listening.delete(worker);
        reject(new Error(`app process exited (${code ?? signal}) before listening`));
      });
    });
  }

  /** Each app process finishes the requests it has and stops; resolves when all have exited. */
  async close(): Promise<void> {
    this.stopping = true;
    const alive = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && !w.isDead());
    await Promise.all(
      alive.map(
        (w) =>
          new Promise<void>((resolve) => {
            w.once('exit', () => resolve());
            // A message rather than a signal: under a supervisor that signals every process of the group, a second
            // SIGTERM would make the app process leave at once, dropping the requests it is answering. One that does
            // not listen yet (a replacement still loading its code) has no request to finish, and may not handle the
            // message yet, which would then be lost and the stop wait for ever: a signal ends it.
            if (this.listening.has(w)) w.send(STOP_MESSAGE);
            else w.process.kill('SIGTERM');
          }),
      ),
    );
  }
}

/** What the first process sends an app process to make it stop as SIGTERM would. */
export const STOP_MESSAGE = 'dondoc:stop';

/** True in a process that `AppProcesses` started: it serves requests and nothing else. */
export const isAppProcess = (): boolean => cluster.isWorker;
