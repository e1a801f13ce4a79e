// The shape of certwatch.yaml: one file for an installation, every key also settable
// by a CERTWATCH_* environment variable (env wins), validated before anything starts.
import { z } from 'zod';

// Env overrides arrive as strings: "false"/"0"/"no"/"off" mean false (z.coerce.boolean would say true).
const flag = z.preprocess((v) => (typeof v === 'string' ? !/^(?:false|0|no|off|)$/i.test(v.trim()) : v), z.boolean());

export const configSchema = z
  .object({
    dataDir: z.string().min(1).default('./data'),
    /** PostgreSQL URL; unset means embedded PGlite under dataDir (one process only). */
    databaseUrl: z.string().url().optional(),
    redisUrl: z.string().url().optional(),
    queuePrefix: z
      .string()
      .regex(/^[A-Za-z0-9_:{}-]+$/, 'letters, digits, _ : - { } only')
      .default('certwatch'),
    sourcesFile: z.string().min(1).default('sources.yaml'),
    userAgent: z.string().min(3).default('certwatch/0.1 (+https://example.invalid/certwatch; special-operation certificate fraud research)'),
    dashboard: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.coerce.number().int().min(0).max(65535).default(8080),
        /** Set true behind TLS: session cookies get the Secure flag and every answer an HSTS header. */
        secureCookies: flag.default(false),
        /**
         * The reverse proxy whose X-Forwarded-For names the client (addresses or CIDRs, comma-separated,
         * or loopback): without it, behind a proxy every login counts against the proxy's one address.
         * @default unset (no proxy trusted)
         */
        trustProxy: z
          .string()
          .regex(/^[0-9A-Za-z.:/, ]+$/, 'addresses, CIDRs or loopback, comma-separated')
          .optional(),
      })
      .default({}),
    classifier: z
      .object({
        /** Path to a trained model JSON; unset means the shipped default model. */
        model: z.string().optional(),
      })
      .default({}),
    workers: z
      .object({
        crawlConcurrency: z.coerce.number().int().min(1).max(64).default(2),
        analyzeConcurrency: z.coerce.number().int().min(1).max(64).default(4),
        captureConcurrency: z.coerce.number().int().min(1).max(16).default(1),
        /** How long a job's lock lives without renewal: a dead worker's job is retried after this. */
        lockDurationMs: z.coerce.number().int().min(1000).max(600_000).default(30_000),
      })
      .default({}),
    capture: z
      .object({
        enabled: flag.default(true),
      })
      .default({}),
  })
  .strict();

export type CertwatchConfig = z.infer<typeof configSchema>;

/** Environment variables that override config keys (dotted paths). */
export const ENV_OVERRIDES: Record<string, string> = {
  CERTWATCH_DATA_DIR: 'dataDir',
  DATABASE_URL: 'databaseUrl',
  REDIS_URL: 'redisUrl',
  CERTWATCH_QUEUE_PREFIX: 'queuePrefix',
  CERTWATCH_SOURCES: 'sourcesFile',
  CERTWATCH_USER_AGENT: 'userAgent',
  CERTWATCH_DASHBOARD_HOST: 'dashboard.host',
  CERTWATCH_DASHBOARD_PORT: 'dashboard.port',
  CERTWATCH_SECURE_COOKIES: 'dashboard.secureCookies',
  CERTWATCH_TRUST_PROXY: 'dashboard.trustProxy',
  CERTWATCH_MODEL: 'classifier.model',
  CERTWATCH_CRAWL_CONCURRENCY: 'workers.crawlConcurrency',
  CERTWATCH_ANALYZE_CONCURRENCY: 'workers.analyzeConcurrency',
  CERTWATCH_CAPTURE_CONCURRENCY: 'workers.captureConcurrency',
  CERTWATCH_LOCK_MS: 'workers.lockDurationMs',
  CERTWATCH_CAPTURE: 'capture.enabled',
};
