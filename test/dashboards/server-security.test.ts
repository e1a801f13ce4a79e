// Dashboard security against a real server on real Postgres: logged out nothing leaks,
// login is throttled and audited, cookies and CSP are strict, CSRF and roles hold,
// scraped payloads come back escaped, stored pages are inert, the audit chain verifies.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { load } from 'cheerio';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { localPath } from '../../dashboards/routes/auth-routes.js';
import { LoginRateLimiter } from '../../dashboards/auth/login-rate-limit.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, seedDemoData, XSS_ATTR, XSS_IMG, XSS_SCRIPT, type DemoIds } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';

let ctx: TestContext;
let dash: DashboardHandle;
let ids: DemoIds;

beforeAll(async () => {
  ctx = await openTestContext();
  ids = await seedDemoData(ctx);
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {}, limiter: new LoginRateLimiter({ maxFailures: 4, windowMs: 60_000 }) });
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
});

const LEAD_MARKERS = ['13812345678', 'dgz_wang888', '低压电工证 高压电工证', 'hangong_li', '证书哥'];

describe('logged out', () => {
  it('gets a redirect or 401 from every page and API, and never sees lead data', async () => {
    const c = new DashboardClient(dash.url);
    const p = ids.pages['p-x1']!;
    const paths = ['/', '/api/queue', `/sellers/${ids.sellers.electric}`, `/listings/${ids.listings.e1}`, `/stored/pages/${p.id}/${p.sha}`,
      '/evidence/1', '/export/leads.xlsx', '/stats', '/api/stats', '/stats/table.xlsx', '/sources', '/api/health', '/audit', '/users',
      '/retrain', `/api/claims?ids=${ids.sellers.electric}`, '/no-such-page', '/api/no-such'];
    for (const path of paths) {
      const res = await c.get(path);
      expect([302, 401], path).toContain(res.status);
      if (res.status === 302) expect(res.headers.get('location'), path).toMatch(/^\/login/);
      const text = await res.text();
      for (const m of LEAD_MARKERS) expect(text, `${path} leaks ${m}`).not.toContain(m);
    }
    const post = await c.json('/api/sellers/decision', { ids: [ids.sellers.electric], action: 'confirm' }, { csrf: false });
    expect(post.status).toBe(401);
    const login = await (await c.get('/login')).text();
    for (const m of LEAD_MARKERS) expect(login).not.toContain(m);
  });
});

describe('redirects after login and the language switch', () => {
  const offSite = ['//example.org/x', '/\t/example.org/x', '/\n/example.org', '/\r/example.org', '/\\example.org', '/\\/example.org', '/%09/x\t', 'https://example.org/', ' /x', '/\u0000x'];

  it('keep only paths of this site, whatever a browser would make of the characters', () => {
    for (const v of offSite) expect(localPath(v), JSON.stringify(v)).toBe('/');
    for (const v of ['/', '/sellers/3?msg=saved', '/?q=%E7%94%B5%E5%B7%A5', '/%2F/x']) expect(localPath(v)).toBe(v);
  });

  it('answers a hostile back= with a redirect home, never off-site and never a 500', async () => {
    for (const back of ['/%09/example.org/x', '/%0a/example.org', '/%0d/example.org', '/%5C/example.org', '//example.org']) {
      const res = await fetch(`${dash.url}/lang/en?back=${back}`, { redirect: 'manual' });
      expect(res.status, back).toBe(303);
      expect(res.headers.get('location'), back).toBe('/');
    }
  });
});

describe('login', () => {
  it('sets an httpOnly SameSite=Strict session cookie, audits success and failure', async () => {
    const c = new DashboardClient(dash.url);
    const bad = await c.login('alice', 'wrong-password!');
    expect(bad.status).toBe(401);
    const ok = await new DashboardClient(dash.url).login('alice', PASSWORDS.alice);
    expect(ok.status).toBe(303);
    const cookie = ok.headers.getSetCookie().find((x) => x.startsWith('cw_session='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const r = await ctx.db.query<{ action: string; actor: string }>(`SELECT action, actor FROM audit_log WHERE action LIKE 'login.%' ORDER BY id`);
    expect(r.rows).toEqual(expect.arrayContaining([{ action: 'login.failure', actor: 'alice' }, { action: 'login.success', actor: 'alice' }]));
    // The session token is stored only as a hash.
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const s = await ctx.db.query(`SELECT 1 FROM sessions WHERE token_hash = $1`, [token]);
    expect(s.rows).toHaveLength(0);
  });

  it('refuses a login without the login CSRF token', async () => {
    const c = new DashboardClient(dash.url);
    const res = await c.form('/login', { username: 'bob', password: PASSWORDS.bob }, { csrf: false });
    expect(res.status).toBe(403);
  });

  it('rate limits repeated failures, even when the right password follows', async () => {
    const c = new DashboardClient(dash.url);
    for (let i = 0; i < 4; i++) expect((await c.login('bob', `guess-${i}-xxxxxx`)).status).toBe(401);
    expect((await c.login('bob', PASSWORDS.bob)).status).toBe(429);
    const blocked = await ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'login.blocked' AND actor = 'bob'`);
    expect(blocked.rows.length).toBeGreaterThan(0);
  });
});

describe('logged in', () => {
  let alice: DashboardClient;
  beforeAll(async () => {
    alice = new DashboardClient(dash.url);
    expect((await alice.login('alice', PASSWORDS.alice)).status).toBe(303);
  });

  it('serves pages under a strict CSP without inline script', async () => {
    const res = await alice.get('/');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    const $ = load(await res.text());
    expect($('script').length).toBeGreaterThan(0);
    $('script').each((_, el) => expect($(el).attr('src')).toMatch(/^\/assets\/[a-z.]+\.js$/));
    $('*').each((_, el) => {
      for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) expect(name).not.toMatch(/^on/i);
    });
  });

  it('escapes scraped titles, bodies, handles and contact ids on every page', async () => {
    const pages = ['/', `/sellers/${ids.sellers.xss}`, `/listings/${ids.listings.x1}`, `/sellers/${ids.sellers.electric}`, '/?q=186'];
    for (const p of pages) {
      const text = await (await alice.get(p)).text();
      expect(text, p).not.toContain(XSS_SCRIPT);
      expect(text, p).not.toContain(XSS_IMG);
      expect(text, p).not.toContain(XSS_ATTR);
      expect(text, p).not.toContain('href="javascript:');
    }
    const listing = await (await alice.get(`/listings/${ids.listings.x1}`)).text();
    expect(listing).toContain('&lt;script&gt;window.__sandboxXss=true&lt;/script&gt;');
    expect(listing).toContain('&quot;&gt;&lt;svg onload=window.__sandboxXss=true&gt;');
  });

  it('serves a stored page only under the sandbox CSP, and audits the view', async () => {
    const p = ids.pages['p-x1']!;
    const res = await alice.get(`/stored/pages/${p.id}/${p.sha}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("sandbox; default-src 'none'; img-src data:");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain(XSS_SCRIPT);
    // A sha that is not a version of that page is refused.
    const other = ids.pages['p-e1']!;
    expect((await alice.get(`/stored/pages/${p.id}/${other.sha}`)).status).toBe(404);
    expect((await alice.get(`/stored/pages/${p.id}/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
    const seller = await (await alice.get(`/sellers/${ids.sellers.xss}?stored=${ids.listings.x1}`)).text();
    expect(seller).toMatch(/<iframe class="stored" sandbox=""/);
    const audit = await ctx.db.query(`SELECT 1 FROM audit_log WHERE action = 'view.stored_page' AND actor = 'alice' AND seller_id = $1`, [ids.sellers.xss]);
    expect(audit.rows.length).toBe(1);
  });

  it('refuses state changes without the CSRF token or from another origin', async () => {
    const noToken = await alice.json('/api/sellers/decision', { ids: [ids.sellers.heights], action: 'dismiss' }, { csrf: false });
    expect(noToken.status).toBe(403);
    const wrong = await alice.request('/api/sellers/decision', {
      method: 'POST',
      body: JSON.stringify({ ids: [ids.sellers.heights], action: 'dismiss' }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': 'x'.repeat(32) },
    });
    expect(wrong.status).toBe(403);
    const foreign = await alice.request('/api/sellers/decision', {
      method: 'POST',
      body: JSON.stringify({ ids: [ids.sellers.heights], action: 'dismiss' }),
      headers: { 'content-type': 'application/json', 'x-csrf-token': alice.csrf, origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
    const form = await alice.form(`/sellers/${ids.sellers.heights}/decision`, { action: 'dismiss' }, { csrf: false });
    expect(form.status).toBe(403);
    const r = await ctx.db.query<{ status: string }>('SELECT status FROM sellers WHERE id = $1', [ids.sellers.heights]);
    expect(r.rows[0]!.status).toBe('new');
  });

  it('enforces roles: analysts cannot refer, export, run sources, retrain or administer', async () => {
    const checks: [string, () => Promise<Response>][] = [
      ['export', () => alice.get('/export/leads.xlsx')],
      ['stats xlsx', () => alice.get('/stats/table.xlsx')],
      ['audit', () => alice.get('/audit')],
      ['users', () => alice.get('/users')],
      ['retrain page', () => alice.get('/retrain')],
      ['retrain', () => alice.form('/retrain', {})],
      ['create user', () => alice.form('/users', { username: 'mallory', password: 'mallory-password', role: 'admin' })],
      ['refer', () => alice.form(`/sellers/${ids.sellers.electric}/refer`, { unit: '某市公安局' })],
      ['run now', () => alice.form('/sources/bbs/run', {})],
    ];
    for (const [name, call] of checks) expect((await call()).status, name).toBe(403);
    expect((await ctx.db.query(`SELECT 1 FROM users WHERE username = 'mallory'`)).rows).toHaveLength(0);
  });

  it('logs out: the session stops working', async () => {
    const c = new DashboardClient(dash.url);
    await c.login('sup', PASSWORDS.sup);
    const stale = c.cookies.get('cw_session')!;
    expect((await c.form('/logout', {})).status).toBe(303);
    c.cookies.set('cw_session', stale);
    expect((await c.get('/api/queue')).status).toBe(401);
  });
});

describe('audit log', () => {
  it('is shown to admins with a chain status that detects an edited entry', async () => {
    const root = new DashboardClient(dash.url);
    await root.login('root', PASSWORDS.root);
    await root.get(`/sellers/${ids.sellers.welder}`);
    const ok = await (await root.get('/audit')).text();
    expect(ok).toMatch(/id="chain-status" class="ok"/);
    expect(ok).toContain('view.seller');
    const victim = (await ctx.db.query<{ id: number }>(`SELECT id FROM audit_log WHERE action = 'view.seller' ORDER BY id LIMIT 1`)).rows[0]!.id;
    await ctx.db.query(`UPDATE audit_log SET actor = 'nobody' WHERE id = $1`, [victim]);
    // A view re-hashes only entries since the last sound check (test/pipeline/audit-chain.test.ts); the full check finds an older edit.
    const broken = await (await root.get('/audit?verify=full')).text();
    expect(broken).toMatch(/id="chain-status" class="error"/);
    expect(broken).toContain(`${victim}`);
    const api = await (await root.get('/api/audit/verify')).json();
    expect(api).toMatchObject({ ok: false, brokenAt: victim });
  });
});
