// Every route's input through its schema, against a real server: bad dates, NUL bytes, ids past
// the database's integers and repeated keys answer 400 with a message, never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDashboard, type DashboardHandle } from '../../dashboards/index.js';
import { openTestContext, type TestContext } from './support/test-context.js';
import { PASSWORDS, seedDemoData, type DemoIds } from './support/demo-data.js';
import { DashboardClient } from './support/http-client.js';

let ctx: TestContext;
let dash: DashboardHandle;
let ids: DemoIds;
let alice: DashboardClient;
let root: DashboardClient;

beforeAll(async () => {
  ctx = await openTestContext();
  ids = await seedDemoData(ctx);
  dash = await startDashboard(ctx, { host: '127.0.0.1', port: 0, env: {} });
  [alice, root] = [new DashboardClient(dash.url), new DashboardClient(dash.url)];
  await alice.login('alice', PASSWORDS.alice);
  await root.login('root', PASSWORDS.root);
});
afterAll(async () => {
  await dash?.close();
  await ctx?.close();
});

async function expect400(res: Response, what: string, pattern?: RegExp): Promise<void> {
  expect(res.status, what).toBe(400);
  const body = (await res.json()) as { error: string };
  expect(body.error, what).toMatch(pattern ?? /\w/);
}

describe('when a query string carries a bad value', () => {
  it.each([
    ['/?from=2024-13-45', /from.*calendar day/],
    ['/?to=2024-02-30', /to.*calendar day/],
    ['/?q=%00', /q.*control characters/],
    ['/api/queue?q=a%00b', /control characters/],
    ['/api/queue?page=0', /page/],
    ['/api/queue?status=%3Cscript%3E', /status/],
    ['/api/claims?ids=99999999999', /ids/],
    ['/api/claims?ids=1,x', /ids/],
    ['/api/claims?ids=1&ids=2', /ids.*more than once/],
    ['/?status=new&status=all', /status.*more than once/],
    [`/sellers/99999999999`, /id/],
    ['/listings/99999999999', /id/],
    ['/sources?queued=%01', /control characters/],
  ])('%s answers 400 with a message', async (path, pattern) => {
    await expect400(await alice.get(path), path, pattern);
  });

  it('refuses repeated and hostile audit filters for the admin too', async () => {
    await expect400(await root.get('/audit?action=a&action=b'), 'action', /more than once/);
    await expect400(await root.get('/export/leads.xlsx?from=2024-13-45'), 'export', /from/);
    await expect400(await root.get('/audit?seller=99999999999'), 'seller', /seller/);
    await expect400(await root.get('/audit?actor=%00'), 'actor', /control/);
    expect((await root.get('/audit?actor=&action=&seller=')).status).toBe(200);
  });

  it('shows the message as a page to a browser', async () => {
    const res = await alice.get('/?from=2024-13-45', { accept: 'text/html,application/xhtml+xml' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('text/html');
    expect(await res.text()).toContain('query parameter from: not a calendar day (YYYY-MM-DD)');
  });

  it('still answers good values', async () => {
    for (const path of ['/?from=2024-02-29&to=2024-03-01', `/?q=${encodeURIComponent('电工证 138')}`, '/api/claims?ids=1,2,3', `/api/claims?ids=${ids.sellers.electric}`, `/sellers/${ids.sellers.electric}`]) {
      expect((await alice.get(path)).status, path).toBe(200);
    }
  });
});

describe('when a body carries a bad value', () => {
  it('answers 400 for an id past the database integers and a NUL in a note, and changes nothing', async () => {
    const notes = async () => (await ctx.db.query('SELECT id FROM seller_notes WHERE seller_id = $1', [ids.sellers.electric])).rows;
    const before = await notes();
    await expect400(await alice.json('/api/sellers/decision', { ids: [99999999999], action: 'confirm' }), 'ids', /ids/);
    await expect400(await alice.json('/api/sellers/decision', { ids: [ids.sellers.electric], action: 'note', note: 'a\u0000b' }), 'note', /control/);
    const res = await alice.form(`/sellers/${ids.sellers.electric}/decision`, { action: 'note', note: 'x\u0000y' });
    await expect400(res, 'form note', /control/);
    expect(await notes()).toEqual(before);
  });
});
