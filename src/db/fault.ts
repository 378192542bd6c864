/**
 * The crash tests' kill switch (test/cli/kill.test.ts, bench/kill.ts): a crash at a chosen statement instead of at a
 * moment, so that a kill lands between the steps of a write and not only wherever a timer happens to fall.
 *
 * With DONDOC_FAULT_AFTER_STATEMENTS=N in the environment, a SIGUSR2 arms the process: from then on it counts the
 * database statements it sends, logging each (the test tells where its kill landed), and instead of sending the
 * (N+1)th it kills itself with SIGKILL (nothing runs after it, as in a power cut or an OOM kill). Without the variable
 * nothing is counted and SIGUSR2 keeps its default. With DONDOC_FAULT_BEFORE_STATEMENT=PATTERN instead (a regular
 * expression), the armed process kills itself before the first statement whose text matches: a kill at a named step
 * of a write, wherever the statements of the requests before it fall. DONDOC_FAULT_ARMED=1 arms the process from its
 * start, for a command (`dondoc import`) whose statements before the one named are too few and quick to signal between.
 */
const after = Number(process.env.DONDOC_FAULT_AFTER_STATEMENTS ?? Number.NaN);
const pattern = process.env.DONDOC_FAULT_BEFORE_STATEMENT
  ? new RegExp(process.env.DONDOC_FAULT_BEFORE_STATEMENT)
  : null;

/** Statements sent since the process was armed; null while not armed. */
let sent: number | null = null;

export const faultInjection = (Number.isInteger(after) && after >= 0) || pattern !== null;

function arm(): void {
  sent = 0;
  console.log(`dondoc: fault armed: SIGKILL ${pattern ? `before ${pattern}` : `after ${after} statements`}`);
}

if (faultInjection) {
  if (process.env.DONDOC_FAULT_ARMED === '1') arm();
  process.on('SIGUSR2', arm);
}

/** Called before each statement is sent to the database, with its text. */
export function beforeStatement(statement: string): void {
  if (sent === null) return;
  if (pattern ? pattern.test(statement) : sent === after) {
    console.log(`dondoc: fault: SIGKILL before ${statement.replace(/\s+/g, ' ').slice(0, 100)}`);
    process.kill(process.pid, 'SIGKILL');
  }
  sent++;
  console.log(`dondoc: fault: statement ${sent}: ${statement.replace(/\s+/g, ' ').slice(0, 100)}`);
}
