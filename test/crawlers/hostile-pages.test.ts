// Hostile bytes in a real crawl, where the page is decoded, parsed and read once: lying and
// unknown charsets, markup too deep to parse, broken HTML, JSON — each counted, none fatal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { runCrawl } from '../../crawlers/run-crawl.js';
import type { CrawlStats } from '../../crawlers/crawl-stats.js';
import { collector, connectRedis, deletePrefix, source, TEST_UA } from './helpers/crawl-harness.js';
import { html, startFixtureServer, type FixtureServer } from './helpers/fixture-server.js';

const redis = connectRedis();
const prefix = `test:crawl-hostile:${process.pid}`;
let server: FixtureServer;
const c = collector();
let stats: CrawlStats;

const POST = '出售电工证 焊工证 不用考试 微信 hostile88';
const deep = `<html><body>${'<div>'.repeat(5000)}${POST}${'</div>'.repeat(5000)}</body></html>`;

beforeAll(async () => {
  const links = ['/deep', '/deep-text', '/liar', '/klingon', '/broken', '/json', '/junk', '/ok'].map((p) => `<a href="${p}">${p}</a>`).join(' ');
  server = await startFixtureServer({
    '/': { body: html(links) },
    '/deep': { body: deep },
    // Not markup by its type, so only the extractor's own parse would meet it: it refuses, and the page still arrives.
    '/deep-text': { headers: { 'content-type': 'text/plain' }, body: deep },
    '/liar': { headers: { 'content-type': 'text/html; charset=utf-8' }, body: iconv.encode(html(`<div class="post">${POST}</div><div class="post">顶一下 这个帖子</div>`), 'gbk') },
    '/klingon': { headers: { 'content-type': 'text/html; charset=x-klingon' }, body: Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 37) % 256)) },
    '/broken': { body: `<html><body><div class="post"><table><td>${POST}</div></td></tr><div class="post"><p>第二楼 <b><i>未闭合` },
    '/json': { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ posts: [{ id: 1, floor: 1, author: { name: 'a' }, content: POST }, { id: 2, floor: 2, author: { name: 'b' }, content: '顶' }] }) },
    '/junk': { body: Buffer.from(Array.from({ length: 100_000 }, (_, i) => (i * 31) % 256)) },
    '/ok': { body: html(`<div class="content">${POST}</div>`) },
  });
  stats = await runCrawl({ source: source({ seeds: [`${server.origin}/`], maxDepth: 2 }), redis, keyPrefix: prefix, userAgent: TEST_UA, onPage: c.onPage });
});

afterAll(async () => {
  await server.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('hostile pages in a crawl', () => {
  it('refuses markup too deep to parse before parsing it, counted, and carries on', () => {
    expect(c.byPath('/deep')).toBeUndefined();
    expect(stats.errors.too_deep).toBe(1);
    expect(c.byPath('/ok')!.posts[0]!.body).toContain('hostile88');
  });

  it('hands over a page that defeats the extractor with the reason, not as a page without posts', () => {
    const page = c.byPath('/deep-text')!;
    expect(page.posts).toEqual([]);
    expect(page.extractError).toMatch(/nests deeper/);
    expect(stats.errors.extract).toBe(1);
  });

  it('reads a page whose declared charset lies, and one with an unknown charset, without a crash', () => {
    const liar = c.byPath('/liar')!;
    expect(liar.charset).toBe('gb18030');
    expect(liar.posts.map((p) => p.body)).toEqual([POST, '顶一下 这个帖子']);
    expect(typeof c.byPath('/klingon')!.html).toBe('string');
    expect(c.byPath('/klingon')!.extractError).toBeUndefined();
  });

  it('reads broken markup, JSON threads and binary junk', () => {
    expect(c.byPath('/broken')!.posts.some((p) => p.body.includes('hostile88'))).toBe(true);
    expect(c.byPath('/json')!.posts.map((p) => p.body)).toEqual([POST, '顶']);
    expect(c.byPath('/junk')!.extractError).toBeUndefined();
    expect(stats.pagesFetched).toBe(8);
  });
});
