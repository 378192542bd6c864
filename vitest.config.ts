import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // vitest's default is one worker fewer than the cores: on a 2-core runner, one test file at a time for the whole
    // run. A file spends much of its time waiting on work outside its worker (the PostgreSQL server, a `dondoc` child
    // process, Chromium, the embedded database's thread), so two files at a time keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'unit',
          // The web's tests here are of plain logic (no DOM); pages are tested in the browser project.
          include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'],
          // The demo generator's tests run the arrears engine over a sample of employers: well under a second alone,
          // several seconds while the API and browser projects share the cores.
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'api',
          include: ['test/api/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // The small files of the tests take the bulk import path too, so both paths are tried on both databases.
          env: { DONDOC_BULK_MIN_BYTES: '0' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'cli',
          include: ['test/cli/**/*.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['test/browser/**/*.test.ts'],
          // The migrated PGlite database each page test starts from (the PostgreSQL server is shared with the others).
          globalSetup: ['test/support/global-setup.ts'],
          // A page waits on the server, the database and Chromium sharing the machine's cores: a busy machine (a CI
          // runner, a parallel build) takes seconds where an idle one takes milliseconds, so the polls wait longer
          // than vitest's one-second default before they call a page wrong.
          expect: { poll: { timeout: 20_000 } },
          testTimeout: 120_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
