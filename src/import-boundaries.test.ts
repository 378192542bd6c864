import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The import walls of biome.jsonc, tried on a small tree that breaches each of them once and keeps each once: the
 * real configuration (and its plugin) is copied beside the files, so a wall loosened by mistake fails here.
 */
const root = fileURLToPath(new URL('..', import.meta.url));

const files: Record<string, string> = {
  'src/domain/breach-db.ts': "import type { Database } from '../db/schema.js';\nexport type { Database };\n",
  'src/domain/breach-package.ts': "import { sql } from 'kysely';\nexport { sql };\n",
  'src/domain/keeps.ts': "import { DEFAULT_RULES } from './rules.js';\nexport { DEFAULT_RULES };\n",
  'src/http/breach.ts':
    "import type { SessionUser } from '../features/auth/service.js';\nexport type { SessionUser };\n",
  'src/http/keeps.ts': "import type { Database } from '../db/schema.js';\nexport type { Database };\n",
  'src/ledger/breach.ts':
    "import { findEmployer } from '../features/employers/queries.js';\nexport { findEmployer };\n",
  'src/ledger-files/breach.ts':
    "import { importRoutes } from '../features/imports/routes.js';\nexport { importRoutes };\n",
  'src/features/notices/breach-queries.ts':
    "import { insertUser } from '../users/queries.js';\nexport { insertUser };\n",
  'src/features/notices/breach-once-shared.ts':
    "import { findOfficeInScope } from '../offices/queries.js';\nexport { findOfficeInScope };\n",
  'src/features/notices/keeps.ts': [
    "import { recordAudit } from '../../db/audit.js';",
    "import { findOfficeInScope } from '../../db/scope.js';",
    "import { UserService } from '../users/service.js';",
    "import { own } from './queries.js';",
    'export { recordAudit, findOfficeInScope, UserService, own };',
    '',
  ].join('\n'),
  'web/src/area/breach-server.ts': "import { buildApp } from '../../../src/server';\nexport { buildApp };\n",
  'web/src/area/breach-http.ts': "import { AppError } from '../../../src/http/errors';\nexport { AppError };\n",
  'web/src/area/breach-schema-value.ts':
    "import { LoginBody } from '../../../src/features/auth/schemas';\nexport { LoginBody };\n",
  'web/src/area/breach-shared-schema-value.ts':
    "import { Created } from '../../../src/http/schemas';\nexport { Created };\n",
  'web/src/area/keeps.ts': [
    "import { foldForSearch } from '../../../src/domain/text';",
    "import { errorMessage } from '../../../src/http/error-catalogue';",
    'import type {',
    '  LoginBody,',
    "} from '../../../src/features/auth/schemas';",
    "import type { Created } from '../../../src/http/schemas';",
    "import { api } from '../api/client';",
    'export { foldForSearch, errorMessage, api };',
    'export type { LoginBody, Created };',
    '',
  ].join('\n'),
};

let dir: string;
let exitCode: number | null;
let flagged: { file: string; line: number; rule: string }[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dondoc-boundaries-'));
  cpSync(join(root, 'biome.jsonc'), join(dir, 'biome.jsonc'));
  cpSync(join(root, 'scripts', 'lint'), join(dir, 'scripts', 'lint'), { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const biome = join(root, 'node_modules', '.bin', 'biome');
  // Only the lint rules are tried here: the formatting of these few lines is no concern of the walls.
  const args = ['lint', '--vcs-enabled=false', '--reporter=github', '--max-diagnostics=none', '.'];
  const output = await new Promise<{ code: number | null; stdout: string }>((done) => {
    execFile(biome, args, { cwd: dir }, (error, stdout) => done({ code: error ? (error.code as number) : 0, stdout }));
  });
  exitCode = output.code;
  flagged = [...output.stdout.matchAll(/^::error title=([^,]+),file=([^,]+),line=(\d+),/gm)].map((m) => ({
    rule: m[1]!,
    file: relative(dir, m[2]!),
    line: Number(m[3]),
  }));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

const flaggedIn = (file: string) => flagged.filter((f) => f.file === file);

describe('the import walls', () => {
  it('fail the lint when a file breaches them', () => {
    expect(exitCode).not.toBe(0);
  });

  it('keep the domain free of the database and of any package', () => {
    expect(flaggedIn('src/domain/breach-db.ts')).toEqual([
      { file: 'src/domain/breach-db.ts', line: 1, rule: 'lint/style/noRestrictedImports' },
    ]);
    expect(flaggedIn('src/domain/breach-package.ts')).toHaveLength(1);
    expect(flaggedIn('src/domain/keeps.ts')).toEqual([]);
  });

  it('keep the shared HTTP parts from importing a feature', () => {
    expect(flaggedIn('src/http/breach.ts')).toHaveLength(1);
    expect(flaggedIn('src/http/keeps.ts')).toEqual([]);
  });

  it('keep the ledger and the ledger files from importing a feature', () => {
    expect(flaggedIn('src/ledger/breach.ts')).toHaveLength(1);
    expect(flaggedIn('src/ledger-files/breach.ts')).toHaveLength(1);
  });

  it("keep a feature out of another feature's queries: what features share lives in src/db", () => {
    expect(flaggedIn('src/features/notices/breach-queries.ts')).toHaveLength(1);
    expect(flaggedIn('src/features/notices/breach-once-shared.ts')).toHaveLength(1);
    expect(flaggedIn('src/features/notices/keeps.ts')).toEqual([]);
  });

  it("let the web take the domain, the error catalogue and the schemas' types, not the server's runtime", () => {
    expect(flaggedIn('web/src/area/breach-server.ts')).toEqual([
      { file: 'web/src/area/breach-server.ts', line: 1, rule: 'lint/style/noRestrictedImports' },
    ]);
    expect(flaggedIn('web/src/area/breach-http.ts')).toHaveLength(1);
    expect(flaggedIn('web/src/area/breach-schema-value.ts')).toEqual([
      { file: 'web/src/area/breach-schema-value.ts', line: 1, rule: 'plugin' },
    ]);
    expect(flaggedIn('web/src/area/breach-shared-schema-value.ts')).toEqual([
      { file: 'web/src/area/breach-shared-schema-value.ts', line: 1, rule: 'plugin' },
    ]);
    expect(flaggedIn('web/src/area/keeps.ts')).toEqual([]);
  });
});
