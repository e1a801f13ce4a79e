// Crawling the sandbox web with the shipped sandbox.yaml: the access log must show
// zero requests under the truth's robots-forbidden prefixes, while planted seller posts are reached.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSources } from '../../crawlers/sources/load.js';
import { runCrawl, type CrawlStats } from '../../crawlers/run-crawl.js';
import type { FetchedPage } from '../../crawlers/types.js';
import { findFreePort, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { connectRedis, deletePrefix, TEST_UA } from '../crawlers/helpers/crawl-harness.js';

const redis = connectRedis();
const prefix = `test:crawl-sandbox:${process.pid}`;
const dir = mkdtempSync(join(tmpdir(), 'certwatch-crawl-sandbox-'));
const accessLog = join(dir, 'access.jsonl');
let sandbox: Sandbox;
const pages: FetchedPage[] = [];
const stats: Record<string, CrawlStats> = {};

interface Access {
  host: string;
  path: string;
  status: number;
  ua: string;
}

beforeAll(async () => {
  const port = await findFreePort();
  sandbox = await startSandbox({ port, seed: 7, quiet: true, accessLog });
  const sources = loadSources(new URL('../../sandbox/sources.yaml', import.meta.url).pathname, { CERTWATCH_SANDBOX_PORT: String(port) });
  // The sources that meet forbidden space (classifieds' /vip/, the robots-closed seller site, the portal's admin)
  // plus the GBK forum, each capped so the file stays fast.
  const chosen: [string, number][] = [
    ['classifieds', 45],
    ['sellers', 45],
    ['bbs', 25],
  ];
  await Promise.all(
    chosen.map(async ([id, maxPages]) => {
      const source = sources.find((s) => s.id === id)!;
      stats[id] = await runCrawl({ source, redis, keyPrefix: prefix, userAgent: TEST_UA, maxPages, onPage: async (p) => void pages.push(p) });
    }),
  );
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
  rmSync(dir, { recursive: true, force: true });
});

function accessEntries(): Access[] {
  return readFileSync(accessLog, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Access);
}

describe('crawling the sandbox', () => {
  it('makes zero requests under robots-forbidden prefixes (robots.txt itself aside)', () => {
    const truth = sandbox.truth();
    expect(truth.forbidden.length).toBeGreaterThan(0);
    const entries = accessEntries();
    expect(entries.length).toBeGreaterThan(50);
    const urls = entries.filter((e) => e.path !== '/robots.txt').map((e) => `http://${e.host}${e.path}`);
    const violations = urls.filter((u) => truth.forbidden.some((f) => u.startsWith(f)));
    expect(violations).toEqual([]);
    // The crawl did meet the forbidden links: it skipped them rather than never seeing them.
    expect(stats.classifieds!.skippedRobots + stats.sellers!.skippedRobots).toBeGreaterThan(0);
  });

  it('identifies itself and is never throttled', () => {
    const entries = accessEntries();
    expect(entries.every((e) => e.ua === TEST_UA)).toBe(true);
    expect(entries.filter((e) => e.status === 429)).toEqual([]);
  });

  it('reaches planted seller posts with their contacts in the extracted text', () => {
    const truth = sandbox.truth();
    const planted = new Set(truth.sellers.flatMap((s) => s.posts));
    const reached = pages.filter((p) => planted.has(p.url) || (p.posts ?? []).some((post) => planted.has(post.url)));
    expect(reached.length).toBeGreaterThan(3);
    // Classifieds phones only exist behind the reveal XHR.
    expect(stats.classifieds!.reveals).toBeGreaterThan(0);
    const revealed = pages.filter((p) => p.extras?.phone && /"phone":"1\d{10}"/.test(p.extras.phone));
    expect(revealed.length).toBeGreaterThan(0);
    expect(revealed.some((p) => p.posts?.[0]?.body.includes(JSON.parse(p.extras!.phone!).phone))).toBe(true);
  });

  it('decodes the GBK forum into readable floors', () => {
    const threads = pages.filter((p) => p.sourceId === 'bbs' && /thread-\d+-\d+-1\.html/.test(p.url));
    expect(threads.length).toBeGreaterThan(0);
    expect(threads.every((p) => p.charset === 'gb18030')).toBe(true);
    const floors = threads.flatMap((p) => p.posts ?? []);
    expect(floors.length).toBeGreaterThan(threads.length);
    expect(floors.every((f) => !f.body.includes('\ufffd'))).toBe(true);
    // GBK read as anything else turns into Latin-1 or rare-CJK mojibake; every floor must read as Chinese.
    expect(floors.filter((f) => /[\u00c0-\u00ff]/.test(f.body))).toEqual([]);
    expect(floors.filter((f) => !/[\u4e00-\u9fff]/.test(f.body)).length).toBeLessThan(floors.length * 0.1);
    expect(floors.some((f) => /特种作业|电工证|焊工证|操作证/.test(f.body))).toBe(true);
  });
});
