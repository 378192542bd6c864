import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { once } from 'node:events';
import { parseArgs } from 'node:util';
import { vietnamDate } from '../domain/calendar.js';
import { isDay } from '../domain/periods.js';
import { generateDataset } from '../demo/generator.js';
import { csvField } from '../ledger-files/csv.js';
import { FILE_COLUMNS } from '../ledger-files/records.js';
import type { Clock } from '../clock.js';

export const GENERATE_USAGE = 'dondoc generate --employers N --months M --seed S --out DIR [--as-of YYYY-MM-DD]';

/** Buffers lines and writes them in large blocks, waiting when the file cannot keep up. */
class CsvWriter {
  private buffer: string[] = [];
  private size = 0;
  readonly stream: WriteStream;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path);
    this.buffer.push(header.join(','));
  }

  async row(fields: (string | number)[]): Promise<void> {
    const line = fields.map(csvField).join(',');
    this.buffer.push(line);
    this.size += line.length;
    if (this.size > 1 << 20) await this.flush();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const ok = this.stream.write(this.buffer.join('\n') + '\n');
    this.buffer = [];
    this.size = 0;
    if (!ok) await once(this.stream, 'drain');
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

/** `dondoc generate`: a synthetic national data set in the interchange CSV format, streamed to disk. */
export async function generateCommand(argv: string[], clock: Clock, log: (line: string) => void): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        employers: { type: 'string' },
        months: { type: 'string', default: '36' },
        seed: { type: 'string', default: '1' },
        out: { type: 'string' },
        'as-of': { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    log(`${(error as Error).message}\nusage: ${GENERATE_USAGE}`);
    return 2;
  }
  const whole = (text: string | undefined, name: string, max: number) => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new RangeError(`--${name} must be a whole number from 1 to ${max}`);
    return n;
  };
  let options;
  try {
    if (!values.out) throw new RangeError('--out is required');
    const asOf = values['as-of'] ?? vietnamDate(clock.now());
    if (!isDay(asOf)) throw new RangeError(`--as-of "${asOf}" is not a date in the form YYYY-MM-DD`);
    options = {
      employers: whole(values.employers, 'employers', 5_000_000),
      months: whole(values.months, 'months', 240),
      seed: whole(values.seed, 'seed', 2 ** 31),
      asOf,
    };
  } catch (error) {
    log(`${(error as Error).message}\nusage: ${GENERATE_USAGE}`);
    return 2;
  }

  const started = Date.now();
  mkdirSync(values.out!, { recursive: true });
  const employers = new CsvWriter(join(values.out!, 'employers.csv'), FILE_COLUMNS.employers);
  const obligations = new CsvWriter(join(values.out!, 'obligations.csv'), FILE_COLUMNS.obligations);
  const payments = new CsvWriter(join(values.out!, 'payments.csv'), FILE_COLUMNS.payments);
  let obligationRows = 0;
  let paymentRows = 0;
  for (const { employer: e, obligations: os, payments: ps } of generateDataset(options)) {
    await employers.row([
      e.code,
      e.taxCode,
      e.name,
      e.provinceCode,
      e.officeCode,
      e.ownership,
      e.headcount,
      e.status,
      e.paymentCycle,
    ]);
    for (const o of os) await obligations.row([e.code, o.period, o.fund, o.amount]);
    for (const p of ps) await payments.row([e.code, p.date, p.amount, p.reference]);
    obligationRows += os.length;
    paymentRows += ps.length;
  }
  await Promise.all([employers.close(), obligations.close(), payments.close()]);
  log(
    `dondoc: ${options.employers} employers, ${obligationRows} obligations, ${paymentRows} payments ` +
      `(as of ${options.asOf}, seed ${options.seed}) in ${values.out} — ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return 0;
}
