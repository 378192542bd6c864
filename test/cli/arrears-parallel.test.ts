import { execFileSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The built command reads large files with worker threads (by partition of employers, or whole files when they are
 * not in employer order). Forced on for a small data set, it must print exactly what the single-threaded reader
 * prints, errors included.
 */
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'dondoc.js');

const run = (args: string[], env: Record<string, string>) => {
  try {
    return {
      code: 0,
      out: execFileSync('node', [BIN, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' }),
      err: '',
    };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { code: e.status, out: e.stdout, err: e.stderr };
  }
};
const parallel = { DONDOC_PARALLEL_MIN_BYTES: '0' };
const sequential = { DONDOC_PARALLEL_MIN_BYTES: '1e15' };

describe('dondoc arrears with worker threads', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(join(ROOT, 'dist', 'server', 'cli', 'main.js'))) throw new Error('dist not built: npm run build');
    dir = mkdtempSync(join(tmpdir(), 'dondoc-parallel-'));
    run(
      ['generate', '--employers', '400', '--months', '24', '--seed', '9', '--out', dir, '--as-of', '2026-06-30'],
      sequential,
    );
  });

  it('prints the same document as the single-threaded reader', () => {
    const a = run(['arrears', '--data', dir, '--as-of', '2026-06-30', '--json'], parallel);
    const b = run(['arrears', '--data', dir, '--as-of', '2026-06-30', '--json'], sequential);
    expect(a.code).toBe(0);
    expect(a.out).toBe(b.out);
    expect(JSON.parse(a.out).totals.employers).toBe(400);
  });

  it('prints the same document for payments listed out of employer order (read whole, not by partition)', () => {
    const shuffled = mkdtempSync(join(tmpdir(), 'dondoc-shuffled-'));
    cpSync(dir, shuffled, { recursive: true });
    const [header, ...lines] = readFileSync(join(dir, 'payments.csv'), 'utf8').trimEnd().split('\n');
    writeFileSync(join(shuffled, 'payments.csv'), [header, ...lines.reverse()].join('\n') + '\n');
    const a = run(['arrears', '--data', shuffled, '--as-of', '2026-06-30', '--json'], parallel);
    expect(a.code).toBe(0);
    expect(a.out).toBe(run(['arrears', '--data', dir, '--as-of', '2026-06-30', '--json'], parallel).out);
  });

  it('reports the same errors, on the same lines, for bad rows at the end of the file', () => {
    appendFileSync(join(dir, 'obligations.csv'), 'HN9999999,2026-01,BHXH,5\nHN0000001,2026-13,BHXH,5\n');
    appendFileSync(join(dir, 'payments.csv'), 'XX1,2026-01-01,5,R\n"quoted",2026-01-01,5,R2\n');
    const a = run(['arrears', '--data', dir, '--as-of', '2026-06-30', '--json'], parallel);
    const b = run(['arrears', '--data', dir, '--as-of', '2026-06-30', '--json'], sequential);
    expect(a.code).toBe(2);
    expect(a.out).toBe('');
    expect(a.err).toBe(b.err);
    expect(a.err).toMatch(/obligations\.csv:\d+:1 \(employer\): unknown employer "HN9999999"/);
    expect(a.err).toMatch(/payments\.csv:\d+:1 \(employer\): unknown employer "quoted"/);
  });
});
