// The start-up Redis check on a real redis-server of our own (another port, never the shared
// 6379): an evicting policy is refused naming maxmemory-policy, no persistence is warned about,
// AOF passes, and neither the messages nor the CLI's output ever show the password.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { findFreePort } from '../../sandbox/index.js';
import { checkRedis, judgeRedisSettings } from '../../pipeline/app/redis-check.js';
import { redactUrl as redactRedisUrl } from '../../core/redact-url.js';
import { redisAnswers, resolveRedis } from '../../pipeline/app/redis.js';
import { createLogger } from '../../pipeline/app/logger.js';
import { ConfigError } from '../../core/errors.js';
import { tempDir } from '../support/services.js';
import { until } from '../integration/child-worker.js';

const PASSWORD = 'pw-s3cret-9d1';

describe('judging Redis settings', () => {
  it('refuses every policy but noeviction, warns without persistence, accepts AOF or RDB', () => {
    for (const p of ['allkeys-lru', 'volatile-lru', 'allkeys-random', 'volatile-ttl', 'allkeys-lfu']) {
      const v = judgeRedisSettings({ maxmemoryPolicy: p, appendonly: true, save: '' }, 'r');
      expect(v.refuse).toContain('maxmemory-policy noeviction');
      expect(v.refuse).toContain(p);
    }
    expect(judgeRedisSettings({ maxmemoryPolicy: 'noeviction', appendonly: true, save: '' }, 'r')).toEqual({ warnings: [] });
    expect(judgeRedisSettings({ maxmemoryPolicy: 'noeviction', appendonly: false, save: '3600 1' }, 'r')).toEqual({ warnings: [] });
    const none = judgeRedisSettings({ maxmemoryPolicy: 'noeviction', appendonly: false, save: '' }, 'r');
    expect(none.refuse).toBeUndefined();
    expect(none.warnings.join()).toMatch(/no persistence.*appendonly yes/);
    // Managed Redis without CONFIG: say what could not be checked instead of guessing.
    expect(judgeRedisSettings({}, 'r').warnings.join()).toMatch(/could not read maxmemory-policy.*could not tell whether/);
  });

  it('never shows a password', () => {
    expect(redactRedisUrl(`redis://:${PASSWORD}@h:6380/2`)).toBe('redis://:***@h:6380/2');
    expect(redactRedisUrl(`redis://user:${PASSWORD}@h:6380`)).not.toContain(PASSWORD);
    expect(redactRedisUrl('redis://h:6379')).toBe('redis://h:6379');
  });
});

describe('checking a live redis-server', () => {
  const dir = tempDir('certwatch-redischeck-');
  let server: ChildProcess;
  let url: string;
  let admin: Redis;

  beforeAll(async () => {
    const port = await findFreePort(1);
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir.path, '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'allkeys-lru', '--requirepass', PASSWORD], { stdio: 'ignore' });
    url = `redis://:${PASSWORD}@127.0.0.1:${port}`;
    await until(() => redisAnswers(url), 20_000, 'redis-server');
    admin = new Redis(url);
  });
  afterAll(async () => {
    admin?.disconnect();
    if (server?.exitCode === null) server.kill('SIGKILL');
    dir.remove();
  });

  it('refuses allkeys-lru, warns with noeviction and no persistence, is quiet with AOF', async () => {
    const err = await checkRedis(admin, url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).message).toMatch(/^maxmemory-policy: .*allkeys-lru.*Set maxmemory-policy noeviction/);
    expect((err as ConfigError).message).not.toContain(PASSWORD);

    await admin.config('SET', 'maxmemory-policy', 'noeviction');
    const warnings = await checkRedis(admin, url);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('no persistence');
    expect(warnings[0]).not.toContain(PASSWORD);

    await admin.config('SET', 'appendonly', 'yes');
    expect(await checkRedis(admin, url)).toEqual([]);
    await admin.config('SET', 'appendonly', 'no');
  });

  it('refuses at start-up: resolveRedis throws, and the CLI exits 2 naming the setting without the password', { timeout: 120_000 }, async () => {
    await admin.config('SET', 'maxmemory-policy', 'volatile-lru');
    const log = createLogger('test', 'silent');
    await expect(resolveRedis({ url, dataDir: dir.path, allowPrivate: false, log })).rejects.toThrow(/maxmemory-policy/);
    const r = spawnSync(process.execPath, ['bin/certwatch.mjs', 'crawl', '--source', 'none'], {
      env: { ...process.env, REDIS_URL: url, CERTWATCH_DATA_DIR: dir.path, CERTWATCH_LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('maxmemory-policy');
    expect(r.stderr).toContain('volatile-lru');
    expect(r.stderr).toContain('redis://:***@127.0.0.1');
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);

    // Unreachable: the message names the URL, still without the password.
    const down = spawnSync(process.execPath, ['bin/certwatch.mjs', 'crawl', '--source', 'none'], {
      env: { ...process.env, REDIS_URL: `redis://:${PASSWORD}@127.0.0.1:1`, CERTWATCH_DATA_DIR: dir.path, CERTWATCH_LOG_LEVEL: 'warn' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(down.status).toBe(2);
    expect(down.stderr).toContain('REDIS_URL');
    expect(down.stdout + down.stderr).not.toContain(PASSWORD);
    await admin.config('SET', 'maxmemory-policy', 'noeviction');
  });
});
