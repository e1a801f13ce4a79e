// Behind a TLS proxy: with secure cookies on, every answer carries HSTS and the session cookie
// is Secure; with the proxy trusted, the login throttle counts each client's own address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { LoginRateLimiter } from '../../dashboards/auth/login-rate-limit.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, seedDemoData } from './support/demo-data.js';

let ctx: TestContext;
let tls: DashboardHandle;
let plain: DashboardHandle;

beforeAll(async () => {
  ctx = await openTestContext();
  await seedDemoData(ctx);
  const behindProxy = { ...ctx, config: { ...ctx.config, dashboard: { ...ctx.config.dashboard, trustProxy: '127.0.0.1' } } };
  tls = await startDashboard(behindProxy, { host: '127.0.0.1', port: 0, env: {}, secureCookies: true, limiter: new LoginRateLimiter({ maxFailures: 50, windowMs: 60_000, maxFailuresPerAddress: 2 }) });
  plain = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
});
afterAll(async () => {
  await Promise.all([tls?.close(), plain?.close()]);
  await ctx?.close();
});

async function login(base: string, username: string, password: string, forwardedFor?: string): Promise<Response> {
  const form = await fetch(`${base}/login`, { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });
  const cookie = form.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  return fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: new URLSearchParams({ _csrf: token, username, password, next: '/' }),
  });
}

describe('with secure cookies on (served over TLS)', () => {
  it('sends HSTS on every answer and a Secure session cookie', async () => {
    expect((await fetch(`${tls.url}/login`)).headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    const res = await login(tls.url, 'alice', PASSWORDS.alice, '203.0.113.9');
    expect(res.status).toBe(303);
    expect(res.headers.getSetCookie().find((c) => c.startsWith('cw_session') || /session/i.test(c))).toMatch(/; Secure/i);
  });

  it('counts failed logins per client address the trusted proxy names', async () => {
    for (let i = 0; i < 2; i++) expect((await login(tls.url, 'bob', `wrong-${i}-xxxxxx`, '198.51.100.1')).status).toBe(401);
    expect((await login(tls.url, 'bob', PASSWORDS.bob, '198.51.100.1')).status).toBe(429);
    expect((await login(tls.url, 'sup', PASSWORDS.sup, '198.51.100.2')).status).toBe(303);
  });
});

describe('with secure cookies off (plain HTTP on localhost)', () => {
  it('sends no HSTS', async () => {
    expect((await fetch(`${plain.url}/login`)).headers.get('strict-transport-security')).toBeNull();
  });
});
