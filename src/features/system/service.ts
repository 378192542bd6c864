import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { loadMigrations } from '../../db/migrate.js';
import { appliedSchemaVersion, ping, readInstallation } from './queries.js';

/** Whether the server can do its work, and what the web needs to know before anyone logs in. */
export type Readiness =
  | { status: 'ready'; schemaVersion: number }
  | { status: 'schema_mismatch'; schemaVersion: number; codeVersion: number }
  | { status: 'database_unreachable' };

export class SystemService {
  /** The schema version this code was written for: the number of migrations it ships. */
  private readonly codeVersion = loadMigrations().length;

  constructor(private readonly db: Kysely<Database>) {}

  /** Ready when the database answers and its schema is the one this code was written for. */
  async readiness(): Promise<Readiness> {
    try {
      await ping(this.db);
      const schemaVersion = await appliedSchemaVersion(this.db);
      if (schemaVersion !== this.codeVersion) {
        return { status: 'schema_mismatch', schemaVersion, codeVersion: this.codeVersion };
      }
      return { status: 'ready', schemaVersion };
    } catch {
      return { status: 'database_unreachable' };
    }
  }

  /** A database loaded with the demo data (its accounts share a published password). */
  async isDemo(): Promise<boolean> {
    return (await readInstallation(this.db))?.purpose === 'demo';
  }
}
