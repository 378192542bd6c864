import { isIP } from 'node:net';
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
  /**
   * Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For and X-Forwarded-Proto are believed; from any
   * other peer those headers are ignored, so a client cannot choose the address its throttles and audit rows see.
   */
  trustProxy: string[];
  /** Per client address and minute: public award look-ups by tax code, and uploaded lists checked in bulk. */
  publicLimits: PublicLimits;
}

export interface PublicLimits {
  lookupsPerMinute: number;
  bulkChecksPerMinute: number;
}

/** Sized for honest use: an officer preparing an award decision checks a few employers a minute, a list at a time. */
export const DEFAULT_PUBLIC_LIMITS: PublicLimits = { lookupsPerMinute: 60, bulkChecksPerMinute: 10 };

/** TRUST_PROXY=127.0.0.1,10.0.0.0/8: each entry an IPv4 or IPv6 address, optionally with a prefix length. */
export function parseTrustProxy(value: string | undefined): string[] {
  const entries = (value ?? '').split(',').map((e) => e.trim()).filter((e) => e !== '');
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefixOk = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (family === 0 || rest.length > 0 || !prefixOk) {
      throw new Error(`TRUST_PROXY must list addresses or CIDR ranges separated by commas, got "${entry}"`);
    }
  }
  return entries;
}

function perMinute(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number of requests per minute, got "${value}"`);
  return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: resolve(env.DATA_DIR ?? './data'),
    port,
    host: env.HOST ?? '0.0.0.0',
    demo: env.DONDOC_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicLimits: {
      lookupsPerMinute: perMinute('PUBLIC_LOOKUPS_PER_MINUTE', env.PUBLIC_LOOKUPS_PER_MINUTE, DEFAULT_PUBLIC_LIMITS.lookupsPerMinute),
      bulkChecksPerMinute: perMinute('PUBLIC_BULK_CHECKS_PER_MINUTE', env.PUBLIC_BULK_CHECKS_PER_MINUTE, DEFAULT_PUBLIC_LIMITS.bulkChecksPerMinute),
    },
  };
}
