// The picture stage between real workers (Postgres, Redis, an HTTP image server, tesseract):
// analysis writes the text result and owes the pictures; the picture job reads them and the lead
// gets the seller's drawn phone; a lost picture job is found and redone; hostile images are counted.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSources } from '../../crawlers/sources/load.js';
import type { FetchedPage } from '../../crawlers/types.js';
import { fetchedPage } from '../crawlers/helpers/fetched-page.js';
import { storeSnapshot } from '../../pipeline/ingest/page-snapshot.js';
import { ContactFilter } from '../../pipeline/ingest/contact-filter.js';
import { recordPageFetch } from '../../pipeline/storage/pages.js';
import { upsertSources } from '../../pipeline/storage/sources.js';
import { enqueueAnalyzeBatch } from '../../pipeline/queues/enqueue.js';
import { queueCounts, waitForIdle } from '../../pipeline/queues/queue-status.js';
import type { QueueName } from '../../pipeline/queues/names.js';
import { reconcile } from '../../pipeline/reconcile/reconcile.js';
import { OpenPictureJob } from '../../pipeline/queues/open-picture-job.js';
import { listLeads } from '../../pipeline/leads/lead-query.js';
import { analysisOwed } from '../../pipeline/storage/run-summaries.js';
import { startWorkers, type WorkerPool } from '../../cli/worker-pool.js';
import { contactDesign } from '../../sandbox/images/picture-designs.js';
import { renderPictures } from '../../sandbox/images/picture-render.js';
import { openHarness, type Harness } from './harness.js';
import { pngHeaderClaiming } from '../support/png-header.js';

const sources = parseSources([
  // A lab source: its pictures are served from loopback, which a source must allow (image-fetch-guard.test.ts).
  { id: 'forum', name: 'Forum', platform: 'discuz', seeds: ['http://127.0.0.2:9/forum.php'], selectors: { post: 'div.floor', author: '.author', body: '.msg' }, allowPrivateAddresses: true },
]);
const registry = { file: 'test', list: sources, byId: new Map(sources.map((s) => [s.id, s])), filter: new ContactFilter(sources) };
// Seller posts whose phone is only in the picture.
const SELLER = '低压电工证 高压电工证 焊工证 不用考试 包过 直接拿证 全国联网可查 价格优惠 联系方式看图';
const PHONES = { a: '15956442218', b: '13014012227', c: '18655231907', d: '13505172246' };

describe('the picture stage', () => {
  let h: Harness;
  let server: Server;
  let base = '';
  let pool: WorkerPool | undefined;
  const requests: string[] = [];

  beforeAll(async () => {
    const pngs = await renderPictures(new Map(Object.entries(PHONES).map(([k, v], i) => [k, contactDesign({ kind: 'phone', value: v }, i, `picture-stage-${k}`)])));
    server = createServer((req, res) => {
      const url = req.url ?? '';
      requests.push(url);
      const png = /^\/img\/([abcd])\.png$/.exec(url);
      if (url === '/robots.txt') res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nAllow: /\n');
      else if (png) res.writeHead(200, { 'content-type': 'image/png' }).end(pngs.get(png[1]!));
      else if (url === '/img/huge.png') {
        // Over the byte budget: cut off while it streams, never held whole.
        res.writeHead(200, { 'content-type': 'image/png' });
        res.end(Buffer.alloc(6_000_000, 7));
      } else if (url === '/img/bomb.png') {
        // A header claiming 60,000 × 60,000 pixels: skipped by its header, never decoded.
        res.writeHead(200, { 'content-type': 'image/png' }).end(pngHeaderClaiming(60_000, 60_000));
      } else if (url === '/img/broken.png') {
        // A sound header over garbage: the engine fails on it.
        const b = Buffer.alloc(4096, 0x5a);
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(b);
        b.write('IHDR', 12, 'latin1');
        b.writeUInt32BE(300, 16);
        b.writeUInt32BE(200, 20);
        res.writeHead(200, { 'content-type': 'image/png' }).end(b);
      } else if (url === '/img/page.png') res.writeHead(200, { 'content-type': 'image/png' }).end('<html><body>not an image</body></html>');
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h = await openHarness('postgres', { capture: { enabled: false }, verification: { follow: false, pagesPerSite: 1, officialHosts: [] } });
    await upsertSources(h.ctx.db, sources);
  }, 120_000);
  afterAll(async () => {
    await pool?.close();
    await h?.close();
    await new Promise((r) => server?.close(r));
  });

  async function store(thread: number, images: string[], text = SELLER) {
    const html = `<html><body><div class="floor"><a class="author">证书代办${thread}</a><div class="msg">${text} 编号${thread}${images.map((i) => `<img src="${base}/img/${i}">`).join('')}</div></div></body></html>`;
    const p: FetchedPage = fetchedPage('forum', `http://127.0.0.2:9/thread-${thread}-1-1.html`, html, { selectors: sources[0]!.selectors });
    const { contentSha, bodySha } = storeSnapshot(h.ctx.blobs, p);
    const r = await recordPageFetch(h.ctx.db, { sourceId: 'forum', url: p.url, finalUrl: p.finalUrl, status: p.status, contentType: p.contentType, charset: p.charset, render: p.render, bodySha, contentSha, fetchedAt: p.fetchedAt });
    return { pageId: r.pageId, contentSha };
  }

  const drain = (queues: QueueName[]) => waitForIdle(Object.fromEntries(queues.map((q) => [q, h.ctx.queue(q)])), { pollMs: 200, settleMs: 800, timeoutMs: 120_000 });
  const leadPhones = async () => (await listLeads(h.ctx.db)).flatMap((l) => l.contacts.filter((c) => c.kind === 'phone').map((c) => c.value)).sort();
  const owedPictures = async () => (await h.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM pages WHERE pictures_job IS NOT NULL`)).rows[0]!.n;

  it('writes the text result first and owes the pictures until a picture worker reads them', async () => {
    // Analyze and link alone: the posts are stored and flagged on their text, the phones wait, and
    // so does their linking (the picture job links them once, with what their pictures add).
    pool = await startWorkers(h.ctx, ['analyze', 'link'], { registry: () => registry });
    const pages = [await store(1, ['a.png']), await store(2, ['b.png'])];
    await enqueueAnalyzeBatch(h.ctx.queue('analyze'), pages);
    await drain(['analyze', 'link']);
    const flagged = await h.ctx.db.query<{ n: number; linked: number }>(`SELECT count(*)::int AS n, count(seller_id)::int AS linked FROM listings WHERE flagged`);
    expect(flagged.rows[0]).toEqual({ n: 2, linked: 0 });
    const contacts = await h.ctx.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id WHERE c.kind = 'phone'`);
    expect(contacts.rows[0]!.n).toBe(0);
    expect(await owedPictures()).toBe(2);
    // One picture job for the batch, named in both pages' rows.
    const jobs = await h.ctx.db.query<{ job: string }>(`SELECT DISTINCT pictures_job AS job FROM pages WHERE pictures_job IS NOT NULL`);
    expect(jobs.rows).toHaveLength(1);
    expect(await h.ctx.queue('picture').getJobState(jobs.rows[0]!.job)).toBe('waiting');
    // A run is not finished while pictures are owed.
    expect(await analysisOwed(h.ctx.db, ['forum'])).toEqual({ pagesNotAnalysed: 0, picturesNotRead: 2, postsNotLinked: 2 });
  }, 120_000);

  it('finds a picture job Redis lost and re-adds it under the id the pages name', async () => {
    const job = (await h.ctx.db.query<{ job: string }>(`SELECT DISTINCT pictures_job AS job FROM pages WHERE pictures_job IS NOT NULL`)).rows[0]!.job;
    await h.ctx.queue('picture').remove(job);
    expect(await h.ctx.queue('picture').getJobState(job)).toBe('unknown');
    const r = await reconcile(h.ctx);
    expect(r.picture).toMatchObject({ owed: 2, inFlight: 0, requeued: 2, rerun: 0, failed: 0 });
    // Their linking, left to the picture job, is owed too: a reconciler pass links them meanwhile.
    expect(r.link).toMatchObject({ owed: 2, requeued: 2 });
    expect(await h.ctx.queue('picture').getJobState(job)).toBe('waiting');
    // A second pass finds it in flight: nothing more to do.
    expect((await reconcile(h.ctx)).picture).toMatchObject({ owed: 2, inFlight: 2, requeued: 0 });
  }, 60_000);

  it("reads the pictures, and each lead carries its seller's drawn phone", async () => {
    await pool!.close();
    pool = await startWorkers(h.ctx, ['analyze', 'picture', 'link'], { registry: () => registry });
    await drain(['analyze', 'picture', 'link']);
    expect(await leadPhones()).toEqual([PHONES.a, PHONES.b].sort());
    expect(await owedPictures()).toBe(0);
    const origins = await h.ctx.db.query<{ origin: string }>(
      `SELECT DISTINCT lc.origin FROM listing_contacts lc JOIN contacts c ON c.id = lc.contact_id WHERE c.kind = 'phone'`,
    );
    expect(origins.rows).toEqual([{ origin: 'image' }]);
    expect((await reconcile(h.ctx)).repaired).toBe(0);
    for (const q of ['analyze', 'picture', 'link'] as const) expect((await queueCounts(h.ctx.queue(q))).failed, q).toBe(0);
  }, 120_000);

  it('reads the pictures again when a content comes back (A → B → A): its picture job is a new job, not a dropped duplicate', async () => {
    const picture = h.ctx.queue('picture');
    const doneBefore = new Set((await picture.getJobs(['completed'])).map((j) => j.id));
    // B: the same posts edited; then A again, the content whose pictures were read in the test above.
    await enqueueAnalyzeBatch(h.ctx.queue('analyze'), [await store(1, ['a.png'], `${SELLER} 今日特价`), await store(2, ['b.png'], `${SELLER} 今日特价`)]);
    await drain(['analyze', 'picture', 'link']);
    await enqueueAnalyzeBatch(h.ctx.queue('analyze'), [await store(1, ['a.png']), await store(2, ['b.png'])]);
    await drain(['analyze', 'picture', 'link']);
    const fresh = (await picture.getJobs(['completed'])).filter((j) => !doneBefore.has(j.id));
    expect(fresh).toHaveLength(2);
    expect(new Set(fresh.map((j) => j.id)).size).toBe(2);
    // Both contents' pages were read (A's under its new job), and nothing is owed.
    expect(fresh.map((j) => (j.returnvalue as { read: number }).read)).toEqual([2, 2]);
    expect(await owedPictures()).toBe(0);
    expect(await leadPhones()).toEqual(expect.arrayContaining([PHONES.a, PHONES.b]));
  }, 120_000);

  it("joins a post to the seller whose text carries the phone its picture shows (the picture's link job)", async () => {
    // Two sellers on their texts alone: a WeChat id on one post, the phone on the other.
    const pictured = await store(4, ['d.png'], `${SELLER} 微信 zhengshu8866`);
    const texted = await store(5, [], `低压电工证 焊工证 不用考试 包过 直接拿证 电话${PHONES.d}`);
    await enqueueAnalyzeBatch(h.ctx.queue('analyze'), [pictured, texted]);
    await drain(['analyze', 'picture', 'link']);
    const sellers = await h.ctx.db.query<{ seller_id: number | null }>(`SELECT seller_id FROM listings WHERE url LIKE '%thread-4-%' OR url LIKE '%thread-5-%' ORDER BY url`);
    expect(sellers.rows).toHaveLength(2);
    expect(sellers.rows[0]!.seller_id).not.toBeNull();
    expect(sellers.rows[1]!.seller_id).toBe(sellers.rows[0]!.seller_id);
    const lead = (await listLeads(h.ctx.db)).find((l) => l.contacts.some((c) => c.value === PHONES.d))!;
    expect(lead.contacts).toEqual(expect.arrayContaining([{ kind: 'phone', value: PHONES.d }, { kind: 'wechat', value: 'zhengshu8866' }]));
  }, 120_000);

  it('counts hostile images (too large, a pixel bomb, broken, not an image) and reads the good one beside them', async () => {
    const page = await store(3, ['huge.png', 'bomb.png', 'broken.png', 'page.png', 'c.png']);
    await enqueueAnalyzeBatch(h.ctx.queue('analyze'), [page]);
    await drain(['analyze', 'picture', 'link']);
    expect(await leadPhones()).toContain(PHONES.c);
    const rows = await h.ctx.db.query<{ url: string; status: string; reason: string | null }>(
      `SELECT li.url, ir.status, ir.reason FROM listing_images li JOIN image_reads ir ON ir.sha256 = li.sha256 JOIN listings l ON l.id = li.listing_id
       WHERE l.url LIKE '%thread-3-%' ORDER BY li.url`,
    );
    const by = new Map(rows.rows.map((r) => [r.url.replace(`${base}/img/`, ''), r]));
    expect(by.get('c.png')?.status).toBe('read');
    expect(by.get('bomb.png')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/pixels/) });
    expect(by.get('page.png')).toMatchObject({ status: 'skipped', reason: expect.stringMatching(/not a PNG/) });
    expect(by.get('broken.png')?.status).toBe('failed');
    // Over the byte budget: never stored, so no row; the fetch was made and counted as skipped.
    expect(by.has('huge.png')).toBe(false);
    expect(requests).toContain('/img/huge.png');
    expect(await owedPictures()).toBe(0);
    for (const q of ['analyze', 'picture', 'link'] as const) expect((await queueCounts(h.ctx.queue(q))).failed, q).toBe(0);
  }, 180_000);

  const jobsOfThreads = async (threads: number[]) =>
    (await h.ctx.db.query<{ job: string }>(`SELECT DISTINCT pictures_job AS job FROM pages WHERE pictures_job IS NOT NULL AND url ~ $1`, [`thread-(${threads.join('|')})-`])).rows.map((r) => r.job);
  const freshPictureJobs = async (before: Set<string | undefined>) => (await h.ctx.queue('picture').getJobs(['completed'])).filter((j) => !before.has(j.id));

  it('hands the pages of several analyze batches, owed while no picture worker is free, to one picture job (one engine run)', async () => {
    await pool!.close();
    pool = await startWorkers(h.ctx, ['analyze', 'link'], { registry: () => registry });
    const before = new Set((await h.ctx.queue('picture').getJobs(['completed'])).map((j) => j.id));
    for (const t of [10, 11, 12]) {
      await enqueueAnalyzeBatch(h.ctx.queue('analyze'), [await store(t, ['a.png'], `${SELLER} 批次${t}`)]);
      await drain(['analyze', 'link']);
    }
    expect(await jobsOfThreads([10, 11, 12])).toHaveLength(1);
    expect(await owedPictures()).toBe(3);
    await pool.close();
    pool = await startWorkers(h.ctx, ['analyze', 'picture', 'link'], { registry: () => registry });
    await drain(['analyze', 'picture', 'link']);
    const fresh = await freshPictureJobs(before);
    expect(fresh.map((j) => j.returnvalue as { pages: number; read: number; rounds: number })).toEqual([expect.objectContaining({ pages: 3, read: 3, rounds: 1 })]);
    expect(await owedPictures()).toBe(0);
  }, 120_000);

  it('reads a page handed to its job after the job started (an analysis that named it just before) in a further round of the same job', async () => {
    await pool!.close();
    pool = await startWorkers(h.ctx, ['analyze', 'link'], { registry: () => registry });
    const before = new Set((await h.ctx.queue('picture').getJobs(['completed'])).map((j) => j.id));
    const first = await store(13, ['b.png'], `${SELLER} 迟到一`);
    const late = await store(14, ['b.png'], `${SELLER} 迟到二`);
    await enqueueAnalyzeBatch(h.ctx.queue('analyze'), [first, late]);
    await drain(['analyze', 'link']);
    const [job] = await jobsOfThreads([13, 14]);
    // The late page's analysis commits while the job reads its first round: a trigger names the
    // job in its row as the first round's pages are cleared.
    await h.ctx.db.query(`UPDATE pages SET pictures_job = NULL WHERE id = $1`, [late.pageId]);
    await h.ctx.db.query(`CREATE OR REPLACE FUNCTION test_late_picture_page() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN UPDATE pages SET pictures_job = OLD.pictures_job WHERE id = ${late.pageId} AND pictures_job IS NULL; RETURN NEW; END $$`);
    await h.ctx.db.query(`CREATE TRIGGER test_late_picture_page AFTER UPDATE OF pictures_job ON pages FOR EACH ROW
      WHEN (OLD.id = ${first.pageId} AND OLD.pictures_job IS NOT NULL AND NEW.pictures_job IS NULL) EXECUTE FUNCTION test_late_picture_page()`);
    try {
      await pool.close();
      pool = await startWorkers(h.ctx, ['analyze', 'picture', 'link'], { registry: () => registry });
      await drain(['analyze', 'picture', 'link']);
    } finally {
      await h.ctx.db.query(`DROP TRIGGER IF EXISTS test_late_picture_page ON pages`);
    }
    const fresh = await freshPictureJobs(before);
    expect(fresh.map((j) => j.id)).toEqual([job]);
    expect(fresh[0]!.returnvalue).toMatchObject({ pages: 2, rounds: 2 });
    expect(await owedPictures()).toBe(0);
    expect((await reconcile(h.ctx)).repaired).toBe(0);
  }, 120_000);

  it('does not end while an analysis that took its id before it started is still writing (its pages are read when it commits)', async () => {
    await pool!.close();
    pool = await startWorkers(h.ctx, ['analyze', 'link'], { registry: () => registry });
    const before = new Set((await h.ctx.queue('picture').getJobs(['completed'])).map((j) => j.id));
    const first = await store(15, ['c.png'], `${SELLER} 在写一`);
    const late = await store(16, ['c.png'], `${SELLER} 在写二`);
    await enqueueAnalyzeBatch(h.ctx.queue('analyze'), [first, late]);
    await drain(['analyze', 'link']);
    const [job] = await jobsOfThreads([15, 16]);
    // An analysis holding the open id: its page's row does not name the job yet.
    const writer = new OpenPictureJob(h.ctx.connection(), h.ctx.config.queuePrefix);
    expect(await writer.take()).toBe(job);
    await h.ctx.db.query(`UPDATE pages SET pictures_job = NULL WHERE id = $1`, [late.pageId]);
    await pool.close();
    pool = await startWorkers(h.ctx, ['analyze', 'picture', 'link'], { registry: () => registry });
    // The job has read its one page and waits for the writer.
    for (let i = 0; i < 200 && (await owedPictures()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));
    expect(await h.ctx.queue('picture').getJobState(job!)).toBe('active');
    // The writer commits and says so: the job reads the page in a further round, then ends.
    await h.ctx.db.query(`UPDATE pages SET pictures_job = $2 WHERE id = $1`, [late.pageId, job]);
    await writer.done(job!);
    await drain(['analyze', 'picture', 'link']);
    const fresh = await freshPictureJobs(before);
    expect(fresh.map((j) => j.id)).toEqual([job]);
    expect(fresh[0]!.returnvalue).toMatchObject({ pages: 2, rounds: 2 });
    expect(await owedPictures()).toBe(0);
  }, 120_000);
});
