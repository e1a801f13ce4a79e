// The shape of certwatch.yaml: one file for an installation, every key also settable
// by a CERTWATCH_* environment variable (env wins), validated before anything starts.
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../../core/local-time.js';

// Env overrides arrive as strings: "false"/"0"/"no"/"off" mean false (z.coerce.boolean would say true).
const flag = z.preprocess((v) => (typeof v === 'string' ? !/^(?:false|0|no|off|)$/i.test(v.trim()) : v), z.boolean());

const httpUrl = z.string().url().refine((v) => /^https?:\/\//i.test(v), 'must be an http(s) URL');
/** A comma-separated env value or a YAML list. */
const list = z.preprocess((v) => (typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter(Boolean) : v), z.array(z.string().min(1)));

/** name@host, as SMTP accepts it (an intranet host needs no dot). */
const mailbox = z.string().regex(/^[^@\s<>]+@[^@\s<>]+$/, 'must be an e-mail address');

const metricsSchema = z
  .object({
    /**
     * Bearer token that /metrics on the dashboard asks for; unset means the dashboard does not serve
     * /metrics (use `port` for a listener only the scraper can reach).
     */
    token: z.string().min(16, 'at least 16 characters').optional(),
    /** A separate listener for /metrics, /healthz and /readyz (no session, token still checked when set); unset means none. */
    port: z.coerce.number().int().min(0).max(65535).optional(),
    /** @default 127.0.0.1 */
    host: z.string().default('127.0.0.1'),
  })
  .strict()
  .default({});

const alertRulesSchema = z
  .object({
    /** A finished crawl run that fetched pages but kept no post. @default true */
    zeroPosts: flag.default(true),
    /** Posts of a run fall by more than this share of the previous run's (a layout change). @default 0.5 */
    postsDrop: z.coerce.number().min(0).max(1).default(0.5),
    /** …counted only when the previous run had at least this many posts. @default 10 */
    postsDropMin: z.coerce.number().int().min(1).default(10),
    /** Failed requests per request of a run above this, or the run failed. @default 0.2 */
    errorRate: z.coerce.number().min(0).max(1).default(0.2),
    /** Pages refused by robots.txt grew by at least this many since the previous run (0 turns it off). @default 5 */
    robotsChange: z.coerce.number().int().min(0).default(5),
    /** Jobs waiting in one queue above this. @default 5000 */
    queueBacklog: z.coerce.number().int().min(1).default(5000),
    /** Failed jobs kept in one queue above this. @default 20 */
    failedJobs: z.coerce.number().int().min(1).default(20),
    /** A seller first seen with a score at or above this. @default 0.9 */
    sellerScore: z.coerce.number().min(0).max(1).default(0.9),
    /** Capture jobs that failed for good within the last hour at or above this. @default 3 */
    captureFailures: z.coerce.number().int().min(1).default(3),
  })
  .strict()
  .default({});

const alertsSchema = z
  .object({
    /** Alerts are evaluated only when this is true and a webhook or an e-mail recipient is set. @default true */
    enabled: flag.default(true),
    /** How often the alert job runs. @default 60000 */
    everyMs: z.coerce.number().int().min(1000).max(86_400_000).default(60_000),
    /** Receives each alert as a JSON POST. */
    webhookUrl: httpUrl.optional(),
    /** SMTP server, e.g. smtp://user:pass@mail.example:587 (smtps:// for TLS). */
    smtpUrl: z.string().url().refine((v) => /^smtps?:\/\//i.test(v), 'must be an smtp:// or smtps:// URL').optional(),
    /** @default certwatch@localhost */
    emailFrom: mailbox.default('certwatch@localhost'),
    emailTo: list.pipe(z.array(mailbox)).default([]),
    /** The same alert (kind + source) is not sent again within this many minutes. @default 360 */
    dedupMinutes: z.coerce.number().int().min(1).max(43_200).default(360),
    /** At most this many alerts per hour; the rest wait for the next evaluation. @default 30 */
    maxPerHour: z.coerce.number().int().min(1).max(10_000).default(30),
    rules: alertRulesSchema,
  })
  .strict()
  .default({});

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
    /**
     * The clock people read times on (pages, XLSX, PDF report, custody display); stored times stay UTC.
     * @default 'Asia/Shanghai'
     */
    timeZone: z.string().refine(isTimeZone, 'not a time zone name (IANA, e.g. Asia/Shanghai)').default(DEFAULT_TIME_ZONE),
    /** Workers and the scheduler touch this file while alive and Redis answers (a container healthcheck reads its age). */
    heartbeatFile: z.string().min(1).optional(),
    /** Append JSON log records to this file instead of stderr ("-": stderr; the demo's default is a file in dataDir). */
    logFile: z.string().min(1).optional(),
    userAgent: z.string().min(3).default('certwatch/0.1 (+https://example.invalid/certwatch; special-operation certificate fraud research)'),
    dashboard: z
      .object({
        host: z.string().default('127.0.0.1'),
        port: z.coerce.number().int().min(0).max(65535).default(8080),
        /** Set true behind TLS: session cookies get the Secure flag and every answer an HSTS header. */
        secureCookies: flag.default(false),
        /** The address people reach the dashboard at, for links in alerts; unset means http://host:port. */
        publicUrl: httpUrl.optional(),
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
        /**
         * Picture jobs at once per worker process: each runs one single-threaded tesseract. On a
         * 2-core machine one leaves a core to crawl, analysis and linking; two finished no sooner
         * (pipeline-bench, 29.9 s against 30.9 s) and wrote the text results later.
         * @default 1
         */
        pictureConcurrency: z.coerce.number().int().min(1).max(32).default(1),
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
    metrics: metricsSchema,
    alerts: alertsSchema,
    verification: z
      .object({
        /**
         * Follow the sites that flagged and review-band posts cite (links, addresses, QR codes) to
         * recognise cloned certificate query platforms.
         * @default true
         */
        follow: flag.default(true),
        /** Pages fetched per cited site and visit (its cited pages and what they link to). @default 12 */
        pagesPerSite: z.coerce.number().int().min(1).max(200).default(12),
        /**
         * Domains besides *.gov.cn and the Ministry's old saws.org.cn that are official (a provincial
         * portal elsewhere): never followed, never flagged. Comma-separated in the environment.
         * @default []
         */
        officialHosts: z.preprocess(
          (v) => (typeof v === 'string' ? v.split(',').map((x) => x.trim()).filter(Boolean) : v),
          z.array(z.string().regex(/^[a-z0-9.-]+$/i, 'host names only (letters, digits, . and -)')).default([]),
        ),
      })
      .strict()
      .default({}),
    /** Text in the images of flagged, review-band and seller-site posts (tesseract; see pipeline/ocr/). */
    ocr: z
      .object({
        /** @default true */
        enabled: flag.default(true),
        /** The tesseract executable. @default 'tesseract' */
        command: z.string().min(1).default('tesseract'),
        /** tesseract's -l. @default 'chi_sim' */
        languages: z.string().regex(/^[a-z_]+(?:\+[a-z_]+)*$/, 'tesseract language names joined by +').default('chi_sim'),
        /** Wall time per image. @default 20000 */
        timeoutMs: z.coerce.number().int().min(500).max(300_000).default(20_000),
        /** Engine processes a large read (≥ 12 images) is split across, each loading the model. @default 2 */
        processes: z.coerce.number().int().min(1).max(16).default(2),
        /** Larger images are skipped and counted. @default 5000000 */
        maxBytes: z.coerce.number().int().min(1000).max(100_000_000).default(5_000_000),
        /** Images claiming more pixels are skipped and counted. @default 12000000 */
        maxPixels: z.coerce.number().int().min(10_000).max(200_000_000).default(12_000_000),
        /** Grayscale / invert / upscale small PNGs before OCR. @default true */
        preprocess: flag.default(true),
        /** @default 6 */
        maxImagesPerPost: z.coerce.number().int().min(1).max(100).default(6),
        /** @default 24 */
        maxImagesPerPage: z.coerce.number().int().min(1).max(500).default(24),
        /** Time to fetch one image. @default 10000 */
        fetchTimeoutMs: z.coerce.number().int().min(500).max(120_000).default(10_000),
      })
      .strict()
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
  CERTWATCH_TIME_ZONE: 'timeZone',
  CERTWATCH_USER_AGENT: 'userAgent',
  CERTWATCH_TIMEZONE: 'timeZone',
  CERTWATCH_LOG_FILE: 'logFile',
  CERTWATCH_HEARTBEAT_FILE: 'heartbeatFile',
  CERTWATCH_DASHBOARD_HOST: 'dashboard.host',
  CERTWATCH_DASHBOARD_PORT: 'dashboard.port',
  CERTWATCH_SECURE_COOKIES: 'dashboard.secureCookies',
  CERTWATCH_TRUST_PROXY: 'dashboard.trustProxy',
  CERTWATCH_MODEL: 'classifier.model',
  CERTWATCH_CRAWL_CONCURRENCY: 'workers.crawlConcurrency',
  CERTWATCH_ANALYZE_CONCURRENCY: 'workers.analyzeConcurrency',
  CERTWATCH_PICTURE_CONCURRENCY: 'workers.pictureConcurrency',
  CERTWATCH_CAPTURE_CONCURRENCY: 'workers.captureConcurrency',
  CERTWATCH_LOCK_MS: 'workers.lockDurationMs',
  CERTWATCH_CAPTURE: 'capture.enabled',
  CERTWATCH_PUBLIC_URL: 'dashboard.publicUrl',
  CERTWATCH_METRICS_TOKEN: 'metrics.token',
  CERTWATCH_METRICS_PORT: 'metrics.port',
  CERTWATCH_METRICS_HOST: 'metrics.host',
  CERTWATCH_ALERTS: 'alerts.enabled',
  CERTWATCH_ALERT_EVERY_MS: 'alerts.everyMs',
  CERTWATCH_ALERT_WEBHOOK: 'alerts.webhookUrl',
  CERTWATCH_SMTP_URL: 'alerts.smtpUrl',
  CERTWATCH_ALERT_EMAIL_FROM: 'alerts.emailFrom',
  CERTWATCH_ALERT_EMAIL_TO: 'alerts.emailTo',
  CERTWATCH_ALERT_DEDUP_MINUTES: 'alerts.dedupMinutes',
  CERTWATCH_ALERT_MAX_PER_HOUR: 'alerts.maxPerHour',
  CERTWATCH_ALERT_POSTS_DROP: 'alerts.rules.postsDrop',
  CERTWATCH_ALERT_ERROR_RATE: 'alerts.rules.errorRate',
  CERTWATCH_ALERT_QUEUE_BACKLOG: 'alerts.rules.queueBacklog',
  CERTWATCH_ALERT_FAILED_JOBS: 'alerts.rules.failedJobs',
  CERTWATCH_ALERT_SELLER_SCORE: 'alerts.rules.sellerScore',
  CERTWATCH_ALERT_CAPTURE_FAILURES: 'alerts.rules.captureFailures',
  CERTWATCH_FOLLOW_CITED_SITES: 'verification.follow',
  CERTWATCH_FOLLOW_PAGES_PER_SITE: 'verification.pagesPerSite',
  CERTWATCH_OFFICIAL_HOSTS: 'verification.officialHosts',
  CERTWATCH_OCR: 'ocr.enabled',
  CERTWATCH_OCR_COMMAND: 'ocr.command',
  CERTWATCH_OCR_LANGUAGES: 'ocr.languages',
  CERTWATCH_OCR_TIMEOUT_MS: 'ocr.timeoutMs',
  CERTWATCH_OCR_PROCESSES: 'ocr.processes',
  CERTWATCH_OCR_PREPROCESS: 'ocr.preprocess',
};
