// pino JSON logs for machines; on a terminal, one readable line per event so an
// operator watching `certwatch start` can follow it.
import { pino, type Logger } from 'pino';
import { Writable } from 'node:stream';

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
  return pino({ name, level }, dest.isTTY ? humanStream(dest) : dest);
}

export type { Logger };
