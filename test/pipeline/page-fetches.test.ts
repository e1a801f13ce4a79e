// Batched page records: one statement per batch gives each URL the same answer as recording
// it alone (new, changed, owed analysis), on real PostgreSQL and on PGlite.
import { afterAll, describe, expect, it } from 'vitest';
import { recordPageFetch, recordPageFetches, touchListingsOfPages, type PageFetch } from '../../pipeline/storage/pages.js';
import { testDatabase, type TestDatabase } from '../support/services.js';

const sha = (c: string) => c.repeat(64);
const fetchOf = (url: string, content: string, at: string, status = 200): PageFetch => ({
  sourceId: 's1',
  url,
  finalUrl: url,
  status,
  contentType: 'text/html',
  charset: null,
  render: 'http',
  bodySha: sha(content),
  contentSha: sha(content),
  fetchedAt: new Date(at),
});

describe.each(['postgres', 'pglite'] as const)('recordPageFetches on %s', (kind) => {
  let t: TestDatabase;
  afterAll(async () => t?.drop());

  it('reports new, changed and unchanged pages per URL, duplicates within a batch in order', async () => {
    t = await testDatabase(kind);
    await t.db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('s1', 'S', 'bbs', 'http')`);
    const first = await recordPageFetch(t.db, fetchOf('http://a/1', 'a', '2026-11-01T00:00:00Z'));
    expect(first).toMatchObject({ isNew: true, changed: false, needsAnalysis: true });
    await t.db.query(`UPDATE pages SET analyzed_sha256 = content_sha256`);

    const r = await recordPageFetches(t.db, [
      fetchOf('http://a/3', 'c', '2026-11-02T00:00:00Z', 404),
      fetchOf('http://a/1', 'a', '2026-11-02T00:00:00Z'),
      fetchOf('http://a/2', 'b', '2026-11-02T00:00:00Z'),
      fetchOf('http://a/2', 'd', '2026-11-02T00:01:00Z'),
    ]);
    expect(r.map((x) => [x.isNew, x.changed, x.needsAnalysis])).toEqual([
      [true, false, true],
      [false, false, false],
      [true, false, true],
      [false, true, true],
    ]);
    expect(r[1]!.pageId).toBe(first.pageId);
    expect(r[2]!.pageId).toBe(r[3]!.pageId);
    const rows = (await t.db.query<{ url: string; content_sha256: string; fetch_count: number; gone: boolean }>(
      `SELECT url, content_sha256, fetch_count, gone_at IS NOT NULL AS gone FROM pages ORDER BY url`,
    )).rows;
    expect(rows).toEqual([
      { url: 'http://a/1', content_sha256: sha('a'), fetch_count: 2, gone: false },
      { url: 'http://a/2', content_sha256: sha('d'), fetch_count: 2, gone: false },
      { url: 'http://a/3', content_sha256: sha('c'), fetch_count: 1, gone: true },
    ]);
    // Every content a URL had is a version, once.
    const versions = (await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM page_versions`)).rows[0]!.n;
    expect(versions).toBe(4);
  });

  it('re-sees the live listings of unchanged pages in one update', async () => {
    const page = (await t.db.query<{ id: number }>(`SELECT id FROM pages WHERE url = 'http://a/1'`)).rows[0]!.id;
    await t.db.query(
      `INSERT INTO listings (url, page_id, source_id, platform, position, body, normalized_body, body_sha256, score, flagged, review, model_version, first_seen, last_seen, updated_at)
       VALUES ('http://a/1#1', $1, 's1', 'bbs', 0, 'b', 'b', $2, 0.1, false, false, 'm', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')`,
      [page, sha('e')],
    );
    await touchListingsOfPages(t.db, [{ pageId: page, seenAt: new Date('2026-11-05T00:00:00Z') }]);
    await touchListingsOfPages(t.db, [{ pageId: page, seenAt: new Date('2026-11-03T00:00:00Z') }]);
    const seen = (await t.db.query<{ last_seen: Date }>(`SELECT last_seen FROM listings`)).rows[0]!.last_seen;
    expect(seen.toISOString()).toBe('2026-11-05T00:00:00.000Z');
  });
});
