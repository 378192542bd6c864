import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FixedClock } from '../clock.js';
import { dayNumber } from '../domain/periods.js';
import { DEFAULT_RULES, parseRuleSet } from '../domain/rules.js';
import { generateCommand } from '../cli/generate.js';
import { loadLedgerFolder, readEmployerFile } from './folder.js';
import {
  computeInPartitions,
  computeLoadedFolder,
  computeRuns,
  type EmployerRun,
  folderPaths,
  type FolderPositions,
} from './partition.js';

const AS_OF = '2026-03-10';

/** The partitioned path against the full loader on the same folder. */
async function both(
  dir: string,
  parts: number,
): Promise<{ partitioned: FolderPositions | null; loaded: FolderPositions }> {
  const employerFile = await readEmployerFile(dir);
  const partitioned = await computeInPartitions(folderPaths(dir), employerFile, DEFAULT_RULES, dayNumber(AS_OF), {
    parts,
  });
  const loaded = await loadLedgerFolder(dir);
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  return { partitioned, loaded: computeLoadedFolder(loaded.folder, parseRuleSet(DEFAULT_RULES), dayNumber(AS_OF)) };
}

/** A copy of the generated folder with one file rewritten. */
function variant(source: string, file: string, rewrite: (text: string) => string): string {
  const dir = mkdtempSync(join(tmpdir(), 'dondoc-partition-'));
  cpSync(source, dir, { recursive: true });
  writeFileSync(join(dir, file), rewrite(readFileSync(join(source, file), 'utf8')));
  return dir;
}

describe('arrears computed in partitions of employers', () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dondoc-partition-'));
    const code = await generateCommand(
      ['--employers', '250', '--months', '20', '--seed', '5', '--out', dir, '--as-of', AS_OF],
      new FixedClock(new Date(`${AS_OF}T00:00:00Z`)),
      () => {},
    );
    expect(code).toBe(0);
  });

  it.each([1, 2, 7])('gives every employer the position the full loader gives, in %i partition(s)', async (parts) => {
    const { partitioned, loaded } = await both(dir, parts);
    expect(partitioned).not.toBeNull();
    expect(partitioned).toEqual(loaded);
    expect(loaded.positions.columns.lateAmount.some((late) => late > 0)).toBe(true);
  });

  it('reads Windows line ends and a last line without one the same way', async () => {
    const crlf = variant(dir, 'obligations.csv', (text) => text.replace(/\n/g, '\r\n').replace(/\r\n$/, ''));
    writeFileSync(join(crlf, 'payments.csv'), readFileSync(join(dir, 'payments.csv'), 'utf8').trimEnd());
    const { partitioned, loaded } = await both(crlf, 3);
    expect(partitioned).toEqual(loaded);
  });

  it('leaves to the full loader files whose employers are out of order', async () => {
    const shuffled = variant(dir, 'payments.csv', (text) => {
      const [header, ...lines] = text.trimEnd().split('\n');
      return [header, ...lines.reverse()].join('\n') + '\n';
    });
    const { partitioned, loaded } = await both(shuffled, 2);
    expect(partitioned).toBeNull();
    const original = await both(dir, 1);
    expect(loaded).toEqual(original.loaded);
  });

  it('leaves to the full loader a quoted field, a blank line, a repeated obligation or an unknown employer', async () => {
    const employers = await readEmployerFile(dir);
    const firstCode = employers.employers[0]!.code;
    const cases = [
      variant(dir, 'payments.csv', (text) => text.replace(/\n([^,\n]+),/, '\n"$1",')),
      variant(dir, 'obligations.csv', (text) => text.replace(/\n/, '\n\n')),
      variant(dir, 'obligations.csv', (text) => text.replace(/\n([^\n]+)\n/, '\n$1\n$1\n')),
      variant(dir, 'obligations.csv', (text) => `${text}XX0000001,2026-01,BHXH,5\n`),
      variant(dir, 'payments.csv', (text) => `${text}${firstCode},2026-01-05,5,late\n`),
    ];
    for (const folder of cases) {
      expect(
        await computeInPartitions(folderPaths(folder), employers, DEFAULT_RULES, dayNumber(AS_OF), {
          parts: 2,
        }),
      ).toBeNull();
    }
  });

  /** The folder's ledger files split into a pair of files per run of employers, as the close writes them. */
  async function splitIntoRuns(source: string, bounds: number[]): Promise<EmployerRun[]> {
    const { employers, indexOf } = await readEmployerFile(source);
    const target = mkdtempSync(join(tmpdir(), 'dondoc-runs-'));
    const linesOf = (file: string) => {
      const [header, ...lines] = readFileSync(join(source, file), 'utf8').trimEnd().split('\n');
      return { header, lines };
    };
    const obligations = linesOf('obligations.csv');
    const payments = linesOf('payments.csv');
    const runOf = (line: string) => bounds.findLastIndex((b) => indexOf.get(line.split(',')[0]!)! >= b);
    return bounds.slice(0, -1).map((from, k) => {
      const files = { obligations: join(target, `obligations-${k}.csv`), payments: join(target, `payments-${k}.csv`) };
      for (const [path, { header, lines }] of [
        [files.obligations, obligations],
        [files.payments, payments],
      ] as const) {
        writeFileSync(path, [header, ...lines.filter((line) => runOf(line) === k), ''].join('\n'));
      }
      return { from, to: Math.min(bounds[k + 1]!, employers.length), files };
    });
  }

  it('gives the same positions from files already split by runs of employers', async () => {
    const employerFile = await readEmployerFile(dir);
    const count = employerFile.employers.length;
    const runs = await splitIntoRuns(dir, [0, 90, 91, count]);
    expect(runs.map((r) => r.to - r.from)).toEqual([90, 1, count - 91]);
    const { loaded } = await both(dir, 1);
    expect(await computeRuns(runs, employerFile, DEFAULT_RULES, dayNumber(AS_OF))).toEqual(loaded);
  });

  it('leaves to the full loader a run whose file holds an employer of another run', async () => {
    const employerFile = await readEmployerFile(dir);
    const runs = await splitIntoRuns(dir, [0, 100, employerFile.employers.length]);
    // The second run's payments file handed to the first run: its employers are not the first run's.
    const crossed = [{ ...runs[0]!, files: { ...runs[0]!.files, payments: runs[1]!.files.payments } }, runs[1]!];
    expect(await computeRuns(crossed, employerFile, DEFAULT_RULES, dayNumber(AS_OF))).toBeNull();
  });
});
