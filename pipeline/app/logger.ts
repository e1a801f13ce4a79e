// pino JSON logs for machines; on a terminal, one readable line per event so an
// operator watching `certwatch start` can follow it.
import { pino, type Logger } from 'pino';
import { Writable } from 'node:stream';
import { redactFields, redactSecrets } from '../../core/redact-url.js';

const LEVELS: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

function humanStream(out: NodeJS.WriteStream): Writable {
  return new Writable({
    write(chunk: Buffer, _enc, done) {
      try {
        const { level, time, msg, pid: _pid, hostname: _h, name, ...rest } = JSON.parse(chunk.toString()) as Record<string, unknown>;
        const t = new Date(time as number).toISOString().slice(11, 19);
        const extra = Object.entries(rest)
          .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
          .join(' ');
        out.write(`${t} ${(LEVELS[level as number] ?? level)} ${name ? `[${name}] ` : ''}${msg ?? ''}${extra ? `  ${extra}` : ''}\n`);
      } catch {
        out.write(chunk);
      }
      done();
    },
  });
}

export function createLogger(name = 'certwatch', level = process.env.CERTWATCH_LOG_LEVEL ?? 'info'): Logger {
  // Logs go to stderr so commands with a stdout contract (classify, leads) stay clean.
  const dest = process.stderr;
  // Every line passes the one redaction: a connection URL in a field or message never shows its password.
  const options = {
    name,
    level,
    formatters: { log: (obj: Record<string, unknown>) => redactFields(obj) },
    hooks: {
      logMethod(this: Logger, args: Parameters<Logger['info']>, method: (...a: unknown[]) => void) {
        method.apply(this, args.map((a) => (typeof a === 'string' ? redactSecrets(a) : a)));
      },
    },
  };
  return pino(options as never, dest.isTTY ? humanStream(dest) : dest);
}

export type { Logger };
