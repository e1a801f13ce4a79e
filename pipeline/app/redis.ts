// Finds the Redis that carries the queues: REDIS_URL, else the default port, else
// (for start/demo) a private redis-server under the data dir, announced in the log;
// then checks its settings (redis-check.ts) before any queue is opened on it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { ConfigError } from '../../core/errors.js';
import type { Logger } from './logger.js';
import { redactUrl } from '../../core/redact-url.js';
import { checkRedis } from './redis-check.js';

export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export interface RedisHandle {
  url: string;
  /** A private server this process started; stopped by stop(). */
  privateServer?: ChildProcess;
  stop(): Promise<void>;
}

/** True when a Redis at `url` answers PING within a short time; never throws. */
export async function redisAnswers(url: string): Promise<boolean> {
  const r = new Redis(url, { lazyConnect: true, connectTimeout: 1500, maxRetriesPerRequest: 0, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** Refuses an evicting Redis (ConfigError naming maxmemory-policy) and logs what else is unsafe. */
async function checked(handle: RedisHandle, log: Logger): Promise<RedisHandle> {
  const r = new Redis(handle.url, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 1, retryStrategy: () => null });
  r.on('error', () => undefined);
  try {
    await r.connect();
    for (const w of await checkRedis(r, handle.url)) log.warn(w);
    return handle;
  } catch (err) {
    await handle.stop().catch(() => undefined);
    throw err;
  } finally {
    r.disconnect();
  }
}

export async function resolveRedis(opts: { url?: string; dataDir: string; allowPrivate: boolean; log: Logger }): Promise<RedisHandle> {
  if (opts.url) {
    if (!(await redisAnswers(opts.url))) throw new ConfigError(`no Redis answers at ${redactUrl(opts.url)}`, 'REDIS_URL');
    return checked({ url: opts.url, stop: async () => undefined }, opts.log);
  }
  if (await redisAnswers(DEFAULT_REDIS_URL)) return checked({ url: DEFAULT_REDIS_URL, stop: async () => undefined }, opts.log);
  if (!opts.allowPrivate) {
    throw new ConfigError(`no Redis answers at ${DEFAULT_REDIS_URL}; start one or set REDIS_URL`, 'REDIS_URL');
  }
  const port = await freePort();
  const dir = join(opts.dataDir, 'redis');
  mkdirSync(dir, { recursive: true });
  let child: ChildProcess;
  try {
    // Configured as BullMQ asks (AOF on, never evict), so the start-up check has nothing to say.
    child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--maxmemory-policy', 'noeviction'], {
      stdio: 'ignore',
    });
  } catch (err) {
    throw new ConfigError(`no Redis at ${DEFAULT_REDIS_URL} and redis-server could not start: ${(err as Error).message}`, 'REDIS_URL');
  }
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (e) => reject(new ConfigError(`no Redis at ${DEFAULT_REDIS_URL} and redis-server is not installed (${e.message}); install it or set REDIS_URL`, 'REDIS_URL'))),
  );
  const url = `redis://127.0.0.1:${port}`;
  const ready = (async () => {
    for (let i = 0; i < 50; i++) {
      if (await redisAnswers(url)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new ConfigError(`started redis-server on port ${port} but it did not answer`, 'REDIS_URL');
  })();
  await Promise.race([ready, spawnFailed]);
  opts.log.warn({ url, dir }, 'no Redis on the default port: started a private redis-server for this process');
  return checked({
    url,
    privateServer: child,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  }, opts.log);
}
