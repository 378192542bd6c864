import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { dayNumber, isDay } from '../domain/periods.js';
import { DEFAULT_RULES, parseRuleSet, RuleSetError, type RuleSet } from '../domain/rules.js';
import { arrearsRows, writeArrearsRows } from '../ledger-files/arrears-json.js';
import { loadLedgerFolder, readEmployerFile } from '../ledger-files/folder.js';
import { computeInPartitions, computeLoadedFolder, folderPaths } from '../ledger-files/partition.js';
import { formatFieldError } from '../ledger-files/records.js';

export const ARREARS_USAGE = 'dondoc arrears --data DIR --as-of YYYY-MM-DD [--json] [--rules FILE]';

interface Output {
  write(text: string | Uint8Array): void;
}

/**
 * `dondoc arrears`: the arrears of every employer of a CSV folder at a date, as one JSON document (arrears.md
 * "Output"). Bad input goes to stderr with file, line and column, exit code 2, and nothing on stdout.
 */
export async function arrearsCommand(argv: string[], stdout: Output, stderr: Output): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        data: { type: 'string' },
        'as-of': { type: 'string' },
        json: { type: 'boolean' },
        rules: { type: 'string' },
      },
      strict: true,
    }));
  } catch (error) {
    stderr.write(`${(error as Error).message}\nusage: ${ARREARS_USAGE}\n`);
    return 2;
  }
  const asOf = values['as-of'];
  if (!values.data || !asOf) {
    stderr.write(`--data and --as-of are required\nusage: ${ARREARS_USAGE}\n`);
    return 2;
  }
  if (!isDay(asOf)) {
    stderr.write(`--as-of "${asOf}" is not a date in the form YYYY-MM-DD\n`);
    return 2;
  }
  let rulesJson: unknown;
  let rules: RuleSet;
  try {
    rulesJson = values.rules ? JSON.parse(readFileSync(values.rules, 'utf8')) : DEFAULT_RULES;
    rules = parseRuleSet(rulesJson);
  } catch (error) {
    const why = error instanceof RuleSetError || error instanceof SyntaxError ? error.message : String(error);
    stderr.write(`${values.rules}: ${why}\n`);
    return 2;
  }

  const asOfNumber = dayNumber(asOf);
  const employerFile = await readEmployerFile(values.data);
  const { employers } = employerFile;
  // Files in employer order go the partitioned way; anything else (or any error) through the full loader. The
  // partition threads write the rows of --json, each its own run of employers, while this thread puts the employers
  // in code order, the order of the output.
  const partitioned =
    employerFile.errors.count === 0
      ? computeInPartitions(folderPaths(values.data), employerFile, rulesJson, asOfNumber, { json: !!values.json })
      : Promise.resolve(null);
  const order = values.json ? codeOrder(employers) : null;
  let computed = await partitioned;
  if (!computed) {
    const loaded = await loadLedgerFolder(values.data, employerFile);
    if (!loaded.ok) {
      for (const e of loaded.errors) stderr.write(`${formatFieldError(e)}\n`);
      if (loaded.errorCount > loaded.errors.length) {
        stderr.write(`… and ${loaded.errorCount - loaded.errors.length} more errors\n`);
      }
      stderr.write(`${loaded.errorCount} error(s); nothing was computed\n`);
      return 2;
    }
    computed = computeLoadedFolder(loaded.folder, rules, asOfNumber);
  }

  const { positions, warnings } = computed;
  const { columns: p, exact } = positions;
  const totals = { lateAmount: new Total(), charge: new Total(), chargeAccrued: new Total(), chargePaid: new Total() };
  let lateEmployers = 0;
  for (let i = 0; i < employers.length; i++) {
    const big = exact.get(i);
    const lateAmount = big ? big.lateAmount : p.lateAmount[i]!;
    if (lateAmount > 0) lateEmployers++;
    totals.lateAmount.add(lateAmount);
    totals.charge.add(big ? big.charge : p.charge[i]!);
    totals.chargeAccrued.add(big ? big.chargeAccrued : p.chargeAccrued[i]!);
    totals.chargePaid.add(big ? big.chargePaid : p.chargePaid[i]!);
  }
  if (order) {
    // --json
    stdout.write(`{"asOf":${JSON.stringify(asOf)},"employers":[`);
    const rows = computed.rows ?? [
      arrearsRows(
        employers.map((e) => e.code),
        positions,
        rules,
      ),
    ];
    writeArrearsRows(stdout, rows, order);
    stdout.write(
      `],"totals":{"employers":${employers.length},"lateEmployers":${lateEmployers},"lateAmount":${totals.lateAmount},` +
        `"charge":${totals.charge},"chargeAccrued":${totals.chargeAccrued},"chargePaid":${totals.chargePaid}}`,
    );
    if (warnings.length > 0) stdout.write(`,"warnings":${JSON.stringify([...warnings].sort())}`);
    stdout.write('}\n');
  } else {
    const vnd = (t: Total) => t.value().toLocaleString('vi-VN');
    stdout.write(
      `Ngày / as of ${asOf}: ${lateEmployers}/${employers.length} đơn vị chậm đóng / late employers, ` +
        `${vnd(totals.lateAmount)} ₫ chậm đóng, ${vnd(totals.charge)} ₫ tiền chậm đóng còn nợ / charges outstanding ` +
        `(${vnd(totals.chargeAccrued)} ₫ phát sinh / accrued, ${vnd(totals.chargePaid)} ₫ đã nộp / paid)\n`,
    );
    for (const w of warnings) stdout.write(`warning: ${w}\n`);
  }
  return 0;
}

/** A sum of whole VND over every employer: a number while it stays below 2^53, then a bigint. */
class Total {
  private n = 0;
  private b = 0n;
  add(x: number | bigint): void {
    if (typeof x === 'bigint') {
      this.b += x;
      return;
    }
    const s = this.n + x;
    if (s <= Number.MAX_SAFE_INTEGER) this.n = s;
    else {
      this.b += BigInt(this.n) + BigInt(x);
      this.n = 0;
    }
  }
  value(): number | bigint {
    return this.b === 0n ? this.n : this.b + BigInt(this.n);
  }
  toString(): string {
    return String(this.value());
  }
}

/** Indexes of the employers in the order of their codes (by UTF-16 code units: the same whatever the locale). */
function codeOrder(employers: readonly { code: string }[]): number[] {
  const order = employers.map((_, i) => i);
  // Exports list employers by code already: checking costs less than sorting.
  if (employers.every((e, i) => i === 0 || employers[i - 1]!.code <= e.code)) return order;
  return order.sort((a, b) => {
    const [x, y] = [employers[a]!.code, employers[b]!.code];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}
