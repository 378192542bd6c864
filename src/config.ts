import { resolve } from 'node:path';

export interface Config {
  /** PostgreSQL server URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  port: number;
  host: string;
  /** Whether an empty embedded database gets the demo data set on its first start (DONDOC_DEMO=0: no). */
  demo: boolean;
  /** Level of the JSON log lines the server writes on stdout. */
  logLevel: string;
  /** Employers in the demo data set (DONDOC_DEMO_EMPLOYERS): a smaller demo loads faster on a small machine. */
  demoEmployers: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const demoEmployers = Number(env.DONDOC_DEMO_EMPLOYERS ?? 20_000);
  if (!Number.isInteger(demoEmployers) || demoEmployers < 100) {
    throw new Error(`DONDOC_DEMO_EMPLOYERS must be a whole number of at least 100, got "${env.DONDOC_DEMO_EMPLOYERS}"`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    port,
    host: env.HOST ?? '0.0.0.0',
    demo: env.DONDOC_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    demoEmployers,
  };
}
