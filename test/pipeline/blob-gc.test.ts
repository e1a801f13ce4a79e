// Blob garbage collection on real PostgreSQL: a blob no row names goes, one named by a page, a
// version, a snapshot's images, a capture's evidence, a pack, a referral or an audit detail stays.
import { existsSync, utimesSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../pipeline/storage/blob-store.js';
import { collectBlobGarbage } from '../../pipeline/storage/blob-gc.js';
import { tempDir, testDatabase, type TestDatabase } from '../support/services.js';

describe('blob garbage collection', () => {
  let t: TestDatabase;
  let blobs: BlobStore;
  const put = (s: string) => blobs.put(Buffer.from(s));
  const age = (sha: string) => {
    const old = new Date(Date.now() - 48 * 3600_000);
    utimesSync(blobs.pathOf(sha), old, old);
  };
  const shas: Record<string, string> = {};

  beforeAll(async () => {
    t = await testDatabase('postgres');
    blobs = new BlobStore(tempDir().path);
    shas.body = put('<html>today’s list page</html>');
    shas.oldBody = put('<html>yesterday’s list page</html>');
    shas.image = put('image bytes a snapshot names');
    shas.snapshot = put(JSON.stringify({ v: 2, url: 'http://s.test/t1', posts: [], images: { 'http://s.test/q.png': shas.image } }));
    shas.oldSnapshot = put(JSON.stringify({ v: 2, url: 'http://s.test/t1', posts: [], note: 'an earlier version, kept in page_versions' }));
    shas.screenshot = put('png bytes of a capture');
    shas.warc = put('warc bytes of a capture');
    shas.pack = put('zip bytes of an exported pack');
    shas.audited = put('bytes named only inside an audit detail');
    shas.orphan = put('bytes no row names');
    shas.youngOrphan = put('bytes no row names yet: a crawl stored them a moment ago');
    for (const k of Object.keys(shas)) if (k !== 'youngOrphan') age(shas[k]!);

    const q = (sql: string, params: unknown[] = []) => t.db.query(sql, params);
    await q(`INSERT INTO sources (id, name, platform, render) VALUES ('s', 'S', 'bbs', 'http')`);
    const page = await q(
      `INSERT INTO pages (url, final_url, source_id, status, render, sha256, content_sha256, analyzed_sha256, fetched_at)
       VALUES ('http://s.test/t1', 'http://s.test/t1', 's', 200, 'http', $1, $2, $2, now()) RETURNING id`,
      [shas.body, shas.snapshot],
    );
    const pageId = (page.rows[0] as { id: number }).id;
    await q(`INSERT INTO page_versions (page_id, sha256, fetched_at) VALUES ($1, $2, now()), ($1, $3, now())`, [pageId, shas.snapshot, shas.oldSnapshot]);
    const listing = await q(
      `INSERT INTO listings (page_id, url, source_id, platform, body, normalized_body, body_sha256, score, flagged, model_version)
       VALUES ($1, 'http://s.test/t1#1', 's', 'bbs', 'b', 'b', $2, 0.9, true, 'm') RETURNING id`,
      [pageId, 'f'.repeat(64)],
    );
    const listingId = (listing.rows[0] as { id: number }).id;
    const capture = await q(`INSERT INTO captures (listing_id, url, started_at) VALUES ($1, 'http://s.test/t1', now()) RETURNING id`, [listingId]);
    const captureId = (capture.rows[0] as { id: number }).id;
    await q(
      `INSERT INTO evidence (capture_id, listing_id, role, media_type, size, sha256, sm3, captured_at)
       VALUES ($1, $2, 'screenshot', 'image/png', 1, $3, 'x', now()), ($1, $2, 'warc', 'application/warc', 1, $4, 'x', now())`,
      [captureId, listingId, shas.screenshot, shas.warc],
    );
    const seller = await q(`INSERT INTO sellers DEFAULT VALUES RETURNING id`);
    const sellerId = (seller.rows[0] as { id: number }).id;
    await q(`INSERT INTO referrals (seller_id, unit, referred_by, pack_sha256) VALUES ($1, 'unit', 'sup', $2)`, [sellerId, shas.pack]);
    await q(`INSERT INTO audit_log (actor, action, seller_id, detail, prev_hash, hash) VALUES ('a', 'export', $1, $2, $3, $4)`, [
      sellerId,
      JSON.stringify({ pack: { sha256: shas.audited } }),
      '0'.repeat(64),
      '1'.repeat(64),
    ]);
  });
  afterAll(async () => t?.drop());

  it('counts what it would delete without deleting on a dry run', async () => {
    const report = await collectBlobGarbage(t.db, blobs, { graceMs: 3600_000, dryRun: true });
    expect(report).toMatchObject({ files: 11, removed: 2, young: 1, dryRun: true });
    expect(existsSync(blobs.pathOf(shas.orphan!))).toBe(true);
    expect(existsSync(blobs.pathOf(shas.oldBody!))).toBe(true);
  });

  it('deletes the old blobs no row names (a page’s previous body), and keeps every referenced and every young one', async () => {
    const report = await collectBlobGarbage(t.db, blobs, { graceMs: 3600_000 });
    expect(report).toMatchObject({ files: 11, referenced: 8, young: 1, removed: 2, unreadableSnapshots: 0 });
    const gone = new Set(['orphan', 'oldBody']);
    for (const [name, sha] of Object.entries(shas)) expect(existsSync(blobs.pathOf(sha)), name).toBe(!gone.has(name));
  });

  it('gives a blob stored again a new grace period', async () => {
    const again = put('a body stored long ago that no row names');
    age(again);
    // The crawler meets that body again just before its row is written.
    put('a body stored long ago that no row names');
    const report = await collectBlobGarbage(t.db, blobs, { graceMs: 3600_000 });
    expect(report.removed).toBe(0);
    expect(existsSync(blobs.pathOf(again))).toBe(true);
  });
});
