// The login throttle against real Redis and a real server: an address's budget survives a
// successful login, is shared by every dashboard process and a restart, and a flood of
// blocked attempts writes one audit row per address and window.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { LoginRateLimiter } from '../../dashboards/auth/login-rate-limit.js';
import { RedisLoginThrottle } from '../../dashboards/auth/redis-login-throttle.js';
import { clearRedisPrefix, testRedis, uniqueName } from '../support/services.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, seedDemoData } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';

const redis = testRedis();
const prefix = uniqueName('cwlogin');
let ctx: TestContext;
let dash: DashboardHandle;

beforeAll(async () => {
  ctx = await openTestContext();
  await seedDemoData(ctx);
  const limiter = new RedisLoginThrottle(testRedis(), `${prefix}:http`, { maxFailures: 50, windowMs: 60_000, maxFailuresPerAddress: 4 });
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {}, limiter });
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
  await clearRedisPrefix(redis, prefix);
  redis.disconnect();
});

describe('when an attacker with an account of their own guesses from one address', () => {
  it('keeps counting the address across their own successful logins', async () => {
    const t = new RedisLoginThrottle(redis, `${prefix}:unit`, { maxFailures: 100, windowMs: 60_000, maxFailuresPerAddress: 5 });
    for (let i = 0; i < 5; i++) {
      expect(await t.blocked('10.9.9.9', 'bob')).toBe(false);
      await t.fail('10.9.9.9', 'bob');
      await t.succeed('10.9.9.9', 'mallory');
    }
    expect(await t.blocked('10.9.9.9', 'bob')).toBe(true);
    expect(await t.blocked('10.9.9.9', 'mallory')).toBe(true);
    expect(await t.blocked('10.9.9.10', 'carol')).toBe(false);
  });

  it('blocks through HTTP too: after the address budget even a right password is refused', async () => {
    const attacker = new DashboardClient(dash.url);
    for (let i = 0; i < 4; i++) {
      expect((await attacker.login('bob', `guess-${i}-xxxxxx`)).status).toBe(401);
      // Their own account resets nothing.
      const own = new DashboardClient(dash.url);
      const r = await own.login('alice', PASSWORDS.alice);
      expect(r.status, `own login ${i}`).toBe(i < 3 ? 303 : 429);
    }
    expect((await attacker.login('bob', PASSWORDS.bob)).status).toBe(429);
  });

  it('writes one login.blocked audit row per address and window, however many attempts', async () => {
    const c = new DashboardClient(dash.url);
    for (let i = 0; i < 6; i++) expect((await c.login('bob', `again-${i}-xxxxxx`)).status).toBe(429);
    const rows = await ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'login.blocked'`);
    expect(rows.rows).toHaveLength(1);
  });
});

describe('when the dashboard runs as several processes, or restarts', () => {
  it('shares one count through Redis', async () => {
    const opts = { maxFailures: 3, windowMs: 60_000 };
    const a = new RedisLoginThrottle(testRedis(), `${prefix}:shared`, opts);
    const b = new RedisLoginThrottle(testRedis(), `${prefix}:shared`, opts);
    await a.fail('10.1.1.1', 'dave');
    await b.fail('10.1.1.2', 'dave');
    await a.fail('10.1.1.3', 'Dave');
    const restarted = new RedisLoginThrottle(testRedis(), `${prefix}:shared`, opts);
    expect(await restarted.blocked('10.1.1.4', 'dave')).toBe(true);
  });
});

describe('the in-process throttle (no Redis)', () => {
  it('never forgets an active address when a spray of usernames fills its table', async () => {
    const l = new LoginRateLimiter({ maxFailures: 5, windowMs: 60_000, maxFailuresPerAddress: 25 });
    for (let i = 0; i < 60_000; i++) await l.fail(i % 2 ? '10.0.0.1' : `10.1.${i % 250}.${i % 200}`, `user-${i}`);
    expect(await l.blocked('10.0.0.1', 'someone')).toBe(true);
    await l.succeed('10.0.0.1', 'mallory');
    expect(await l.blocked('10.0.0.1', 'someone')).toBe(true);
  });
});
