// Counts the Postgres queries and Redis commands this process sends, by statement and command, so a
// benchmark or test can say how many round trips a page costs and where they come from.
import pg from 'pg';
import { Redis } from 'ioredis';

export interface RoundTripCounts {
  pgQueries: number;
  redisCommands: number;
  /** Postgres statements by their first words (BEGIN, COMMIT, `INSERT INTO listings`, …). */
  pgByStatement: Record<string, number>;
  /** Redis commands by name; BullMQ's Lua scripts by script name (`evalsha:moveToFinished`). */
  redisByCommand: Record<string, number>;
}

/** The first words that tell one statement from another: the verb and its table. */
function statementKey(sql: string): string {
  const s = sql.replace(/\s+/g, ' ').trim();
  const cte = /^WITH\s+(\w+)/i.exec(s);
  if (cte) return `WITH ${cte[1]} …`;
  const verb = /^(INSERT INTO \w+|UPDATE \w+|DELETE FROM \w+)/i.exec(s);
  if (verb) return verb[1]!;
  if (/^SELECT/i.test(s)) {
    const from = /\bFROM (\w+)/i.exec(s);
    return from ? `SELECT … FROM ${from[1]}` : s.slice(0, 40);
  }
  return s.split(' ')[0]!;
}

interface ScriptCarrier {
  scriptsSet?: Record<string, { sha: string }>;
}

/**
 * Patches pg's Client and ioredis's Redis prototypes (every pool, queue and worker connection in this
 * process goes through them) until stop(). Counts are what left the process: a Lua script is one
 * command here, however many calls it makes inside Redis.
 */
export function countRoundTrips(): { read(): RoundTripCounts; reset(): void; stop(): void } {
  let counts: RoundTripCounts = { pgQueries: 0, redisCommands: 0, pgByStatement: {}, redisByCommand: {} };
  const scriptNames = new Map<string, string>();
  const clientProto = pg.Client.prototype as unknown as { query: (...a: unknown[]) => unknown };
  const origQuery = clientProto.query;
  clientProto.query = function (this: unknown, ...args: unknown[]) {
    const first = args[0];
    const sql = typeof first === 'string' ? first : typeof (first as { text?: unknown })?.text === 'string' ? (first as { text: string }).text : '';
    counts.pgQueries++;
    const k = statementKey(sql);
    counts.pgByStatement[k] = (counts.pgByStatement[k] ?? 0) + 1;
    return origQuery.apply(this, args);
  };
  const redisProto = Redis.prototype as unknown as { sendCommand: (...a: unknown[]) => unknown };
  const origSend = redisProto.sendCommand;
  redisProto.sendCommand = function (this: ScriptCarrier, ...args: unknown[]) {
    const cmd = args[0] as { name: string; args: unknown[] };
    let name = cmd.name.toLowerCase();
    if (name === 'evalsha' || name === 'eval') {
      const sha = String(cmd.args[0]);
      let script = scriptNames.get(sha);
      if (!script) {
        for (const [n, s] of Object.entries(this.scriptsSet ?? {})) scriptNames.set(s.sha, n);
        script = scriptNames.get(sha) ?? sha.slice(0, 8);
      }
      name = `${name}:${script}`;
    }
    counts.redisCommands++;
    counts.redisByCommand[name] = (counts.redisByCommand[name] ?? 0) + 1;
    return origSend.apply(this, args);
  };
  return {
    read: () => ({ ...counts, pgByStatement: { ...counts.pgByStatement }, redisByCommand: { ...counts.redisByCommand } }),
    reset() {
      counts = { pgQueries: 0, redisCommands: 0, pgByStatement: {}, redisByCommand: {} };
    },
    stop() {
      clientProto.query = origQuery;
      redisProto.sendCommand = origSend;
    },
  };
}

/** The `n` largest entries, per page: where the round trips come from. */
export function topPerPage(by: Record<string, number>, pages: number, n = 10): Array<[string, number]> {
  return Object.entries(by)
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => [k, Math.round((v / Math.max(1, pages)) * 100) / 100]);
}

/** Calls Redis made by name, Lua scripts' inner calls included (INFO commandstats, a server to itself). */
export async function serverCommandStats(r: Redis): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const line of (await r.info('commandstats')).split('\n')) {
    const m = /^cmdstat_([^:]+):calls=(\d+)/.exec(line.trim());
    if (m) out[m[1]!] = Number(m[2]);
  }
  return out;
}

/**
 * A redis-server of this process's own (no persistence), so INFO commandstats and its CPU are the
 * pipeline's alone while other work shares the machine's Redis.
 */
export async function privateRedis(port: number): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const { spawn } = await import('node:child_process');
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'noeviction'], { stdio: 'ignore' });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => undefined);
    const ok = await r.connect().then(() => r.ping()).then(() => true, () => false);
    r.disconnect();
    if (ok) break;
    if (i > 50) throw new Error(`private redis-server on ${port} did not answer`);
    await new Promise((res) => setTimeout(res, 100));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      await new Promise((res) => child.once('exit', res));
    },
  };
}
