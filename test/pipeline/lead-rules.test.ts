// Which sellers become leads: a flagged listing plus a way to reach the seller. Buyers
// quoting an ad ("网上很多广告说包过…靠谱吗?") carry no contact and stay off the list.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listLeads } from '../../pipeline/leads/lead-query.js';
import { leadRuleSql } from '../../pipeline/leads/lead-rule.js';
import { countForbiddenRequests } from '../../cli/truth-check.js';
import { upsertListings, type ListingInput } from '../../pipeline/storage/listings.js';
import { testDatabase, type TestDatabase } from '../support/services.js';

let t: TestDatabase;

function listing(url: string, score: number, contacts: ListingInput['contacts'], pageId: number): ListingInput {
  return {
    url, pageId, sourceId: 'qa', platform: 'qa', position: 0, threadKey: url, authorHandle: null, authorUrl: null,
    postedAt: null, title: null, body: url, normalizedBody: url, bodySha: url.padEnd(64, '0').slice(0, 64), images: [], links: [],
    score, flagged: score >= 0.5, review: false, modelVersion: 'test', certTypes: [], reasons: [], contacts,
  };
}

beforeAll(async () => {
  t = await testDatabase('postgres');
  await t.db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('qa', 'QA', 'qa', 'http')`);
  const page = await t.db.query<{ id: number }>(
    `INSERT INTO pages (url, final_url, source_id, status, render, sha256, fetched_at) VALUES ('http://qa/', 'http://qa/', 'qa', 200, 'http', $1, now()) RETURNING id`,
    ['a'.repeat(64)],
  );
  const pageId = page.rows[0]!.id;
  const rows = await upsertListings(t.db, [
    listing('http://qa/seller#1', 0.7, [{ kind: 'wechat', value: 'zheng_8888', origin: 'text' }], pageId),
    listing('http://qa/buyer#1', 0.95, [], pageId),
    listing('http://qa/handle-only#1', 0.93, [{ kind: 'handle', value: 'qa|风中zz', origin: 'author' }], pageId),
    listing('http://qa/unflagged#1', 0.2, [{ kind: 'phone', value: '13812345678', origin: 'text' }], pageId),
    { ...listing('http://qa/phone-in-image#1', 0.9, [], pageId), images: ['http://qa/img/phone/1.png'] },
  ], new Date());
  for (const r of rows) {
    const s = await t.db.query<{ id: number }>(`INSERT INTO sellers (score) VALUES (0.5) RETURNING id`);
    await t.db.query(`UPDATE listings SET seller_id = $1 WHERE id = $2`, [s.rows[0]!.id, r.id]);
    await t.db.query(`UPDATE sellers SET score = (SELECT score FROM listings WHERE id = $2) WHERE id = $1`, [s.rows[0]!.id, r.id]);
  }
});
afterAll(async () => t?.drop());

describe('lead list rules', () => {
  it('lists a flagged seller with a contact even below 0.9, or with the number in an image, and not buyers or handle-only posters', async () => {
    const leads = await listLeads(t.db);
    expect(leads.map((l) => l.listings[0]!.url).sort()).toEqual(['http://qa/phone-in-image#1', 'http://qa/seller#1']);
  });

  it('puts flagged sellers nobody can reach under review (待复核), and a seller with no flagged or review post in neither', async () => {
    const review = await listLeads(t.db, { view: 'review' });
    expect(review.map((l) => l.listings[0]!.url).sort()).toEqual(['http://qa/buyer#1', 'http://qa/handle-only#1']);
    expect(review.every((l) => l.category === 'review')).toBe(true);
    const all = await listLeads(t.db, { view: 'all' });
    expect(all).toHaveLength(5);
    // The school-ad-like seller has a phone but no flagged post: reachable is not enough.
    const unflagged = all.find((l) => l.contacts.some((c) => c.value === '13812345678'))!;
    expect(unflagged.category).toBe('other');
    expect((await listLeads(t.db)).every((l) => l.category === 'lead')).toBe(true);
  });

  it('spells the rule alike for scanning every seller and for a few named ones', async () => {
    await t.db.query(`INSERT INTO sellers (score, merged_into) VALUES (0.9, (SELECT min(id) FROM sellers))`);
    const rows = await t.db.query<{ id: number; many: string; few: string; lead: boolean; review: boolean }>(
      `SELECT s.id, ${leadRuleSql.category('s')} AS many, ${leadRuleSql.categoryOfFew('s')} AS few,
              ${leadRuleSql.lead('s')} AS lead, ${leadRuleSql.review('s')} AS review FROM sellers s ORDER BY s.id`,
    );
    for (const r of rows.rows) {
      expect(r.few).toBe(r.many);
      expect([r.lead, r.review]).toEqual([r.many === 'lead', r.many === 'review']);
    }
    expect(rows.rows.map((r) => r.many).sort()).toEqual(['lead', 'lead', 'other', 'other', 'review', 'review']);
  });
});

describe('forbidden request count', () => {
  it('counts requests under a forbidden prefix but never robots.txt itself', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cw-log-'));
    const log = join(dir, 'access.jsonl');
    writeFileSync(log, [
      { host: '127.0.0.17:8900', path: '/robots.txt' },
      { host: '127.0.0.17:8900', path: '/price.html' },
      { host: '127.0.0.4:8900', path: '/vip/1x.shtml' },
      { host: '127.0.0.4:8900', path: '/zhengshu/' },
    ].map((r) => JSON.stringify(r)).join('\n') + '\nnot json\n');
    const r = countForbiddenRequests(log, ['http://127.0.0.17:8900/', 'http://127.0.0.4:8900/vip/']);
    expect(r).toEqual({ requests: 4, forbidden: 2, examples: ['http://127.0.0.17:8900/price.html', 'http://127.0.0.4:8900/vip/1x.shtml'] });
  });
});
