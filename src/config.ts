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
  /** Minutes without a request after which a session ends. */
  sessionIdleMinutes: number;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const sessionIdleMinutes = Number(env.SESSION_IDLE_MINUTES ?? 30);
  if (!Number.isInteger(sessionIdleMinutes) || sessionIdleMinutes < 1 || sessionIdleMinutes > 720) {
    throw new Error(`SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 720, got "${env.SESSION_IDLE_MINUTES}"`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    port,
    host: env.HOST ?? '0.0.0.0',
    demo: env.DONDOC_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionIdleMinutes,
  };
}
