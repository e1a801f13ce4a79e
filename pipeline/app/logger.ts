// pino JSON logs for machines; on a terminal, one readable line per event (pino-pretty, local
// time in the configured zone) so an operator watching `certwatch start` can follow it.
import { hostname } from 'node:os';
import { Writable } from 'node:stream';
import { destination, pino, type Logger } from 'pino';
import { prettyFactory } from 'pino-pretty';
import { redactFields, redactSecrets } from '../../core/redact-url.js';

import { DEFAULT_TIME_ZONE } from '../../core/local-time.js';

/** Where the times on a terminal are shown (`timeZone` in certwatch.yaml); stored times stay UTC. */
export const DEFAULT_TIMEZONE = DEFAULT_TIME_ZONE;

export interface LoggerOptions {
  /** IANA zone for the times of pretty lines. @default 'Asia/Shanghai' */
  timezone?: string;
  /** Write JSON records to this file (appended) instead of stderr. @default stderr */
  file?: string;
  /** Test hook: where the records go, as JSON (pretty only when it is a terminal). */
  destination?: NodeJS.WritableStream & { isTTY?: boolean };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** `2026-12-04 00:13:05` in `timezone`, the form an operator in that zone reads without thinking. */
export function localTime(epochMs: number, timezone: string): string {
  let format = formats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formats.set(timezone, format);
  }
  const parts = format.formatToParts(new Date(epochMs));
  const p = Object.fromEntries(parts.map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

function prettyStream(out: NodeJS.WritableStream, timezone: string, colorize: boolean): Writable {
  // pino-pretty's formatter alone, not its stream: the stream takes pino's config message and
  // re-adds `err` to the keys it unfolds over several lines, and ours are one-line messages.
  const format = prettyFactory({
    singleLine: true,
    colorize,
    ignore: 'pid,hostname',
    errorLikeObjectKeys: [],
    // The epoch as pino wrote it, shown in the operator's zone (pino-pretty's own SYS: is the host's).
    translateTime: false,
    customPrettifiers: { time: (t) => (Number.isFinite(Number(t)) ? localTime(Number(t), timezone) : String(t)) },
  });
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      let line: string;
      try {
        line = format(chunk.toString('utf8'));
      } catch {
        line = chunk.toString('utf8');
      }
      out.write(line, () => done());
    },
  });
}

/**
 * A JSON line must not carry one key twice (`source` from `child({ source })` and from the call,
 * `pid` from pino's base and from the call): a repeat with the same value is dropped, one with a
 * different value is kept as `<key>_2` so nothing logged is lost.
 */
function dropRepeatedKeys(base: Record<string, unknown>) {
  return function logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void): void {
    const first = args[0];
    if (first && typeof first === 'object' && !(first instanceof Error)) {
      const bound: Record<string, unknown> = { ...base, ...this.bindings() };
      const own = first as Record<string, unknown>;
      if (Object.keys(own).some((k) => k in bound)) {
        const kept: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(own)) {
          if (!(k in bound)) kept[k] = v;
          else if (bound[k] !== v) kept[`${k}_2`] = v;
        }
        method.apply(this, [kept, ...args.slice(1)]);
        return;
      }
    }
    method.apply(this, args);
  };
}

export function createLogger(name = 'certwatch', level = process.env.CERTWATCH_LOG_LEVEL ?? 'info', opts: LoggerOptions = {}): Logger {
  const timezone = opts.timezone ?? DEFAULT_TIMEZONE;
  const dedupe = dropRepeatedKeys({ pid: process.pid, hostname: hostname(), name });
  // Every line passes the one redaction: a connection URL in a field or message never shows its password.
  const options = {
    name,
    level,
    formatters: { log: (obj: Record<string, unknown>) => redactFields(obj) },
    hooks: {
      logMethod(this: Logger, args: unknown[], method: (...a: unknown[]) => void) {
        dedupe.call(this, args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)), method);
      },
    },
  };
  if (opts.destination) return pino(options, opts.destination.isTTY ? prettyStream(opts.destination, timezone, false) : opts.destination);
  if (opts.file) return pino(options, destination({ dest: opts.file, append: true, mkdir: true, sync: true }));
  // Logs go to stderr so commands with a stdout contract (classify, leads) stay clean.
  return pino(options, process.stderr.isTTY ? prettyStream(process.stderr, timezone, true) : process.stderr);
}

export type { Logger };
