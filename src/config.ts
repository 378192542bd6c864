import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';

const MB = 1024 * 1024;

/**
 * What an upload may be. The ledger sizes fit a national payments file (about 30 million rows a year is a few GB
 * across the year's files; one file stays under 1 GB); the rest keeps one request from filling the disk or memory.
 */
export interface UploadLimits {
  /** Largest ledger CSV accepted (bytes). */
  csvBytes: number;
  /** Largest ledger .xlsx accepted (bytes, as uploaded). */
  xlsxBytes: number;
  /** What a workbook's entries may add up to once unzipped (bytes): a zip bomb is refused before it is expanded. */
  xlsxUnpackedBytes: number;
  /** Rows of a workbook's first sheet (Excel itself stops at 1,048,576). */
  xlsxRows: number;
  /** Longest CSV record (characters): a file without line breaks is refused, not held in memory. */
  csvLineChars: number;
  /** Largest attachment (bytes). */
  attachmentBytes: number;
  /** What the attachments of one employer may add up to (bytes). */
  attachmentQuotaPerEmployer: number;
  /** What the attachments one user uploaded may add up to (bytes). */
  attachmentQuotaPerUser: number;
  /** Largest JSON body of the ordinary routes (bytes). */
  jsonBodyBytes: number;
}

export const DEFAULT_UPLOAD_LIMITS: UploadLimits = {
  csvBytes: 1024 * MB,
  xlsxBytes: 100 * MB,
  xlsxUnpackedBytes: 1024 * MB,
  xlsxRows: 1_048_576,
  csvLineChars: 64 * 1024,
  attachmentBytes: 20 * MB,
  attachmentQuotaPerEmployer: 500 * MB,
  attachmentQuotaPerUser: 2048 * MB,
  jsonBodyBytes: 1 * MB,
};

export interface Config {
  /** PostgreSQL server URL; when absent the embedded PGlite database in `dataDir` is used. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Folder of stored files (attachments) and of uploads being received; beside the data folder by default. */
  filesDir: string;
  port: number;
  host: string;
  /** Whether an empty embedded database gets the demo data set on its first start (DONDOC_DEMO=0: no). */
  demo: boolean;
  /** Level of the JSON log lines the server writes on stdout. */
  logLevel: string;
  /** Employers in the demo data set (DONDOC_DEMO_EMPLOYERS): a smaller demo loads faster on a small machine. */
  demoEmployers: number;
  /** App processes sharing the port (DONDOC_WORKERS, or `start --workers N`); more than one needs DATABASE_URL. */
  workers: number;
  /** Minutes without a request after which a session ends. */
  sessionIdleMinutes: number;
  uploads: UploadLimits;
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
  const entries = (value ?? '')
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '');
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
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a whole number of requests per minute, got "${value}"`);
  return n;
}

/** Environment variable of each upload limit, in bytes (or rows, characters). */
const UPLOAD_ENV: Record<keyof UploadLimits, string> = {
  csvBytes: 'UPLOAD_CSV_MAX_BYTES',
  xlsxBytes: 'UPLOAD_XLSX_MAX_BYTES',
  xlsxUnpackedBytes: 'UPLOAD_XLSX_MAX_UNPACKED_BYTES',
  xlsxRows: 'UPLOAD_XLSX_MAX_ROWS',
  csvLineChars: 'UPLOAD_CSV_MAX_LINE_CHARS',
  attachmentBytes: 'ATTACHMENT_MAX_BYTES',
  attachmentQuotaPerEmployer: 'ATTACHMENT_QUOTA_PER_EMPLOYER_BYTES',
  attachmentQuotaPerUser: 'ATTACHMENT_QUOTA_PER_USER_BYTES',
  jsonBodyBytes: 'JSON_BODY_MAX_BYTES',
};

export function uploadLimitsFromEnv(env: NodeJS.ProcessEnv): UploadLimits {
  const limits = { ...DEFAULT_UPLOAD_LIMITS };
  for (const [key, name] of Object.entries(UPLOAD_ENV) as [keyof UploadLimits, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value <= 0)
      throw new Error(`${name} must be a positive whole number, got "${raw}"`);
    limits[key] = value;
  }
  return limits;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  const sessionIdleMinutes = Number(env.SESSION_IDLE_MINUTES ?? 30);
  if (!Number.isInteger(sessionIdleMinutes) || sessionIdleMinutes < 1 || sessionIdleMinutes > 720) {
    throw new Error(
      `SESSION_IDLE_MINUTES must be a whole number of minutes from 1 to 720, got "${env.SESSION_IDLE_MINUTES}"`,
    );
  }
  const dataDir = resolve(env.DATA_DIR ?? './data');
  const demoEmployers = Number(env.DONDOC_DEMO_EMPLOYERS ?? 20_000);
  if (!Number.isInteger(demoEmployers) || demoEmployers < 100) {
    throw new Error(`DONDOC_DEMO_EMPLOYERS must be a whole number of at least 100, got "${env.DONDOC_DEMO_EMPLOYERS}"`);
  }
  const workers = Number(env.DONDOC_WORKERS ?? 1);
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) {
    throw new Error(`DONDOC_WORKERS must be a whole number from 1 to 64, got "${env.DONDOC_WORKERS}"`);
  }
  return {
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir,
    filesDir: resolve(env.FILES_DIR ?? join(dirname(dataDir), 'files')),
    port,
    host: env.HOST ?? '0.0.0.0',
    demo: env.DONDOC_DEMO !== '0',
    logLevel: env.LOG_LEVEL ?? 'info',
    sessionIdleMinutes,
    uploads: uploadLimitsFromEnv(env),
    demoEmployers,
    workers,
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    publicLimits: {
      lookupsPerMinute: perMinute(
        'PUBLIC_LOOKUPS_PER_MINUTE',
        env.PUBLIC_LOOKUPS_PER_MINUTE,
        DEFAULT_PUBLIC_LIMITS.lookupsPerMinute,
      ),
      bulkChecksPerMinute: perMinute(
        'PUBLIC_BULK_CHECKS_PER_MINUTE',
        env.PUBLIC_BULK_CHECKS_PER_MINUTE,
        DEFAULT_PUBLIC_LIMITS.bulkChecksPerMinute,
      ),
    },
  };
}
