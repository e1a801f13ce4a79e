// The heartbeat a container healthcheck reads for workers and the scheduler: fresh while Redis
// answers, stale (and said once in the log) when it does not, gone after a clean stop.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { startHeartbeat } from '../../pipeline/app/heartbeat.js';
import { createLogger } from '../../pipeline/app/logger.js';
import { tempDir, testRedis } from '../support/services.js';

const until = async (check: () => boolean, ms: number) => {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  return check();
};

describe('heartbeat file', () => {
  const dir = tempDir();
  const redis = testRedis();
  afterAll(() => {
    redis.disconnect();
    dir.remove();
  });

  it('is touched while Redis answers and removed on stop', async () => {
    const file = join(dir.path, 'alive');
    const hb = startHeartbeat(file, () => redis.ping(), createLogger('test', 'silent'), 200);
    expect(await until(() => existsSync(file), 10_000)).toBe(true);
    const first = statSync(file).mtimeMs;
    expect(await until(() => statSync(file).mtimeMs > first, 10_000)).toBe(true);
    hb.stop();
    expect(existsSync(file)).toBe(false);
  });

  it('goes stale when Redis does not answer', async () => {
    const file = join(dir.path, 'dead');
    // Nothing listens on port 1: every ping waits in the offline queue until the beat's timeout.
    const dead = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null, retryStrategy: () => 1000 });
    dead.on('error', () => undefined);
    let warned = 0;
    const log = createLogger('test', 'warn');
    log.warn = ((..._a: unknown[]) => void warned++) as typeof log.warn;
    const hb = startHeartbeat(file, () => dead.ping(), log, 100, 150);
    await new Promise((r) => setTimeout(r, 1200));
    const written = existsSync(file);
    hb.stop();
    dead.disconnect();
    expect(written).toBe(false);
    expect(warned).toBe(1);
  });
});
