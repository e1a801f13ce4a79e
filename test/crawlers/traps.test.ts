// Trap bounds and odd responses in a real crawl: endless calendars, tracking-param
// variants, canonical duplicates, nofollow (rel and meta robots), binaries, oversized bodies, redirect loops, 404s, a failing onPage.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrawl } from '../../crawlers/run-crawl.js';
import type { CrawlStats } from '../../crawlers/crawl-stats.js';
import { collector, connectRedis, deletePrefix, source, TEST_UA } from './helpers/crawl-harness.js';
import { html, startFixtureServer, type FixtureServer } from './helpers/fixture-server.js';

const redis = connectRedis();
const prefix = `test:crawl-traps:${process.pid}`;
let server: FixtureServer;
const c = collector();
let stats: CrawlStats;

const longPath = `/long/${'x'.repeat(3000)}`;
const home = html(`
  <a href="/cal/0">calendar</a>
  <a href="/item?id=1&utm_source=a">v1</a> <a href="/item?utm_medium=b&id=1">v2</a> <a href="/item?id=1&spm=x.y&from=list">v3</a> <a href="/item?id=1&id=1#top">v4</a>
  <a href="/dup?x=1">duplicate</a> <a href="/secret" rel="nofollow">nofollow</a> <a href="/file.pdf">pdf</a> <a href="/download">download</a>
  <a href="/big">big</a> <a href="/big-chunked">big chunked</a> <a href="/loop/a">loop</a> <a href="/old">moved</a> <a href="/to-private">to private</a>
  <a href="${longPath}">long</a> <a href="/gone">gone</a> <a href="/boom">boom</a> <a href="/many">many</a> <a href="/meta-nofollow">meta</a> <a href="javascript:alert(1)">js</a> <a href="mailto:a@b.c">mail</a>`);

beforeAll(async () => {
  const text = (s: string) => html(`<div class="content">${s}</div>`);
  server = await startFixtureServer({
    '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nDisallow: /private\n' },
    '/': { body: home },
    '/item': { body: text('the one item page') },
    '/dup': { body: html('<div class="content">same as item</div>', '<link rel="canonical" href="/item?id=1">') },
    '/download': { headers: { 'content-type': 'application/octet-stream' }, body: Buffer.alloc(2000, 1) },
    '/big': { body: Buffer.alloc(1_200_000, 0x61) },
    '/big-chunked': (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      for (let i = 0; i < 12; i++) res.write(Buffer.alloc(100_000, 0x62));
      res.end();
    },
    '/loop/a': { status: 302, headers: { location: '/loop/b' } },
    '/loop/b': { status: 302, headers: { location: '/loop/a' } },
    '/old': { status: 301, headers: { location: '/new?utm_campaign=z' } },
    '/new': { body: text('moved here') },
    '/to-private': { status: 302, headers: { location: '/private/x' } },
    '/gone': { status: 404, body: text('deleted') },
    '/boom': { body: text('onPage throws for this one') },
    '/meta-nofollow': { body: html('<div class="content">read, not followed</div><a href="/behind-meta">behind</a>', '<meta name="Robots" content="NOINDEX,NOFOLLOW">') },
    '/many': { body: html(Array.from({ length: 30 }, (_, i) => `<a href="/m/${i}">m${i}</a>`).join(' ')) },
    '*': (req, res) => {
      const cal = /^\/cal\/(-?\d+)$/.exec(req.url ?? '');
      if (cal) {
        const n = Number(cal[1]);
        return void res.writeHead(200, { 'content-type': 'text/html' }).end(html(`<a href="/cal/${n - 1}">prev</a> <a href="/cal/${n + 1}">next</a>`));
      }
      if (/^\/m\/\d+$/.test(req.url ?? '')) return void res.writeHead(200, { 'content-type': 'text/html' }).end(text(`m ${req.url}`));
      res.writeHead(404).end();
    },
  });
  stats = await runCrawl({
    source: source({ seeds: [`${server.origin}/`], maxDepth: 4, maxPages: 60, maxBodyBytes: 1_000_000 }),
    redis,
    keyPrefix: prefix,
    userAgent: TEST_UA,
    onPage: async (page) => {
      if (page.url.endsWith('/boom')) throw new Error('storage down');
      await c.onPage(page);
    },
  });
});

afterAll(async () => {
  await server.close();
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const requested = (path: string) => server.log.filter((e) => e.path === path).length;

describe('trap bounds', () => {
  it('bounds an endless calendar by depth', () => {
    const cal = server.log.filter((e) => e.path.startsWith('/cal/'));
    // Depth 1 is /cal/0; depth 4 reaches ±3 — seven pages, each once.
    expect(cal.map((e) => e.path).sort()).toEqual(['/cal/-1', '/cal/-2', '/cal/-3', '/cal/0', '/cal/1', '/cal/2', '/cal/3']);
    expect(stats.skippedDepth).toBeGreaterThan(0);
  });

  it('fetches tracking-parameter variants once, as the canonical URL', () => {
    expect(requested('/item?id=1')).toBe(1);
    expect(server.log.filter((e) => e.path.startsWith('/item')).length).toBe(1);
    expect(c.pages.filter((p) => p.url.includes('/item')).map((p) => p.url)).toEqual([`${server.origin}/item?id=1`]);
  });

  it('sets aside a page whose rel=canonical is already known', () => {
    expect(requested('/dup?x=1')).toBe(1);
    expect(c.byPath('/dup?x=1')).toBeUndefined();
    expect(stats.canonicalRedirects).toBe(1);
  });

  it('skips nofollow, binary extensions, javascript: links and overlong URLs without a request', () => {
    expect(requested('/secret') + requested('/file.pdf')).toBe(0);
    // A page whose meta robots says nofollow is read, its links are not.
    expect(c.byPath('/meta-nofollow')).toBeDefined();
    expect(requested('/behind-meta')).toBe(0);
    expect(server.log.some((e) => e.path.startsWith('/long/'))).toBe(false);
    expect(stats.skippedNofollow).toBeGreaterThanOrEqual(1);
    expect(stats.skippedBinary).toBeGreaterThanOrEqual(1);
    expect(stats.skippedTooLong).toBeGreaterThanOrEqual(1);
  });

  it('drops binary content types and bodies over the size cap, counted', () => {
    expect(c.byPath('/download')).toBeUndefined();
    expect(stats.skippedContentType).toBe(1);
    expect(c.byPath('/big')).toBeUndefined();
    expect(c.byPath('/big-chunked')).toBeUndefined();
    expect(stats.errors.too_large).toBe(2);
    expect(requested('/big')).toBe(1);
  });

  it('counts a redirect loop without stalling, follows a real redirect, and never follows one into robots-disallowed space', () => {
    expect(stats.errors.redirect_loop).toBe(1);
    expect(requested('/loop/a')).toBe(1);
    expect(requested('/loop/b')).toBe(1);
    expect(c.byPath('/new')?.status).toBe(200);
    expect(requested('/new')).toBe(1);
    expect(server.log.some((e) => e.path.startsWith('/private'))).toBe(false);
    expect(stats.skippedRobots).toBe(1);
  });

  it('hands a 404 to onPage (so vanished posts can be marked gone) and counts it', () => {
    expect(c.byPath('/gone')?.status).toBe(404);
    expect(c.byPath('/gone')?.posts).toEqual([]);
    expect(stats.errors.http_404).toBe(1);
  });

  it('counts a failing onPage and carries on', () => {
    expect(stats.errors.on_page).toBe(1);
    expect(c.byPath('/many')).toBeDefined();
  });

  it('requests every page at most once', () => {
    const paths = server.log.map((e) => e.path);
    expect(new Set(paths).size).toBe(paths.length);
  });
});

describe('caps and abort', () => {
  it('holds a per-host page cap', async () => {
    const local = collector();
    const s = await runCrawl({ source: source({ seeds: [`${server.origin}/many`], maxPagesPerHost: 5 }), redis, keyPrefix: prefix, userAgent: TEST_UA, onPage: local.onPage });
    expect(local.pages.length).toBe(5);
    expect(s.skippedHostCap).toBeGreaterThanOrEqual(26);
  });

  it('holds maxPages', async () => {
    const local = collector();
    const s = await runCrawl({ source: source({ seeds: [`${server.origin}/many`], maxPages: 50 }), redis, keyPrefix: prefix, userAgent: TEST_UA, onPage: local.onPage, maxPages: 8 });
    expect(local.pages.length).toBe(8);
    expect(s.skippedHostCap).toBeGreaterThanOrEqual(23);
  });

  it('stops when the signal aborts and says so', async () => {
    const controller = new AbortController();
    let seen = 0;
    const s = await runCrawl({
      source: source({ seeds: [`${server.origin}/many`], rate: 20, concurrency: 1 }),
      redis,
      keyPrefix: prefix,
      userAgent: TEST_UA,
      signal: controller.signal,
      onPage: async () => {
        if (++seen === 3) controller.abort();
      },
    });
    expect(s.aborted).toBe(true);
    expect(s.pagesFetched).toBeLessThan(31);
  });
});
