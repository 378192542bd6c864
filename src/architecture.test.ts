import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('.', import.meta.url));

/** The TypeScript sources of the app, tests aside, as paths relative to src/ with forward slashes. */
function sources(dir = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')
      ? [relative(SRC, path).split(sep).join('/')]
      : [];
  });
}

/**
 * Where SQL may be written: a feature's queries.ts, the ledger wings and db/. A folder outside the features that
 * must speak to the database itself (the CLI's bulk loads, the demo seeding, the jobs' leases) does it in a
 * queries.ts of its own, so a reader finds every statement of a folder in one file.
 */
const mayHoldSql = (path: string) =>
  /^features\/[^/]+\/queries\.ts$/.test(path) ||
  /^[^/]+\/queries\.ts$/.test(path) ||
  /^ledger[^/]*\//.test(path) ||
  path.startsWith('db/');

/** A statement being built: Kysely's query builder, its `sql` template and raw helpers, or a driver's own query call. */
const SQL =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|mergeInto|replaceInto)\(|\bsql(<[^`]*>)?`|\bsql\.(raw|ref|table|id|lit|join|val)\(|\b(db|pg|pool|client|trx)\.(exec|query)\(/;

/** Every line of the text that builds SQL, comments aside. */
function sqlLines(text: string): { line: number; code: string }[] {
  return text.split('\n').flatMap((code, n) => {
    const trimmed = code.trim();
    if (trimmed.startsWith('//') || trimmed.startsWith('*') || trimmed.startsWith('/*')) return [];
    return SQL.test(code) ? [{ line: n + 1, code: trimmed }] : [];
  });
}

describe('where SQL lives', () => {
  it('tells a statement from the code around it', () => {
    expect(sqlLines("const row = await db.selectFrom('office').select('id').executeTakeFirst();")).toHaveLength(1);
    expect(sqlLines('await sql`ANALYZE`.execute(db);')).toHaveLength(1);
    expect(sqlLines('const { rows } = await sql<{ n: number }>`SELECT 1 AS n`.execute(db);')).toHaveLength(1);
    expect(sqlLines('await pg.exec(statements);')).toHaveLength(1);
    expect(sqlLines('const m = /^(\\d{4})$/.exec(text);')).toHaveLength(0);
    expect(sqlLines('// the caller runs selectFrom(...) in its transaction')).toHaveLength(0);
  });

  it('allows it only in queries.ts files, the ledger wings and db/', () => {
    expect(mayHoldSql('features/actions/queries.ts')).toBe(true);
    expect(mayHoldSql('demo/queries.ts')).toBe(true);
    expect(mayHoldSql('ledger/positions.ts')).toBe(true);
    expect(mayHoldSql('db/connection.ts')).toBe(true);
    expect(mayHoldSql('features/actions/service.ts')).toBe(false);
    expect(mayHoldSql('features/actions/routes.ts')).toBe(false);
    expect(mayHoldSql('cli/main.ts')).toBe(false);
  });

  it('finds no SQL anywhere else in src/', () => {
    const offenders = sources()
      .filter((path) => !mayHoldSql(path))
      .flatMap((path) =>
        sqlLines(readFileSync(join(SRC, path), 'utf8')).map(({ line, code }) => `src/${path}:${line}: ${code}`),
      );
    expect(offenders, `SQL outside queries.ts, src/ledger* and src/db:\n${offenders.join('\n')}`).toEqual([]);
  });
});
