// Politeness on the wire: Retry-After delays the host and retries a bounded number
// of times, and the Redis host lease spaces requests of two concurrent crawlers.
import { afterAll, describe, expect, it } from 'vitest';
import { HostLease } from '../../crawlers/politeness/host-lease.js';
import { parseRetryAfter } from '../../crawlers/politeness/retry-after.js';
import { runCrawl } from '../../crawlers/run-crawl.js';
import { collector, connectRedis, deletePrefix, source, TEST_UA } from './helpers/crawl-harness.js';
import { countRoundTrips } from '../support/round-trips.js';
import { html, startFixtureServer } from './helpers/fixture-server.js';

const redis = connectRedis();
const prefix = `test:crawl-politeness:${process.pid}`;
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('Retry-After', () => {
  it('parses seconds and HTTP dates, bounded', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('3', now)).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('99999', now)).toBe(120_000);
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });

  it('waits out 429/503 on that host and retries until the page comes', async () => {
    const server = await startFixtureServer({
      '/robots.txt': { status: 404 },
      '/': { body: html('<a href="/busy">busy</a> <a href="/down">down</a>') },
      '/busy': (_req, res, hit) => {
        if (hit <= 2) res.writeHead(429, { 'retry-after': '1' }).end('slow down');
        else res.writeHead(200, { 'content-type': 'text/html' }).end(html('<div class="content">finally served after waiting</div>'));
      },
      '/down': (_req, res, hit) => {
        if (hit === 1) res.writeHead(503, { 'retry-after': new Date(Date.now() + 1000).toUTCString() }).end('maintenance');
        else res.writeHead(200, { 'content-type': 'text/html' }).end(html('<div class="content">back up again now</div>'));
      },
    });
    try {
      const c = collector();
      const stats = await runCrawl({ source: source({ seeds: [`${server.origin}/`], rate: 50 }), redis, keyPrefix: prefix, userAgent: TEST_UA, onPage: c.onPage });
      expect(c.byPath('/busy')?.status).toBe(200);
      expect(c.byPath('/down')?.status).toBe(200);
      expect(server.hits('/busy')).toBe(3);
      expect(stats.retryAfterDeferrals).toBe(3);
      expect(stats.errors).toEqual({});
      // After each 429 the whole host waited about a second.
      const busy = server.log.filter((e) => e.path === '/busy').map((e) => e.time);
      expect(busy[1]! - busy[0]!).toBeGreaterThanOrEqual(900);
      expect(busy[2]! - busy[1]!).toBeGreaterThanOrEqual(900);
    } finally {
      await server.close();
    }
  });

  it('gives up after a bounded number of retries, counts it, and finishes the crawl', async () => {
    const server = await startFixtureServer({
      '/robots.txt': { status: 404 },
      '/': { body: html('<a href="/never">never</a> <a href="/fine">fine</a>') },
      '/never': { status: 429, headers: { 'retry-after': '0' }, body: 'no' },
      '/fine': { body: html('<div class="content">a fine page of text</div>') },
    });
    try {
      const c = collector();
      const stats = await runCrawl({ source: source({ seeds: [`${server.origin}/`] }), redis, keyPrefix: prefix, userAgent: TEST_UA, onPage: c.onPage });
      expect(server.hits('/never')).toBe(4);
      expect(stats.errors.http_429).toBe(1);
      expect(c.byPath('/fine')).toBeDefined();
    } finally {
      await server.close();
    }
  });
});

describe('Redis host lease', () => {
  it('hands out slots interval apart on Redis time, across connections', async () => {
    const other = connectRedis();
    try {
      const a = new HostLease(redis, `${prefix}:unit`);
      const b = new HostLease(other, `${prefix}:unit`);
      const slots = await Promise.all([a, b, a, b, a, b].map((l) => l.reserve('h.example:80', 100)));
      // Six reservations from two connections get six distinct slots exactly 100 ms apart on Redis's clock.
      const times = slots.map((s) => s.slotMs).sort((x, y) => x - y);
      expect(times.slice(1).map((t, i) => t - times[i]!)).toEqual([100, 100, 100, 100, 100]);
      expect(Math.max(...slots.map((s) => s.waitMs))).toBeGreaterThanOrEqual(400);
      await a.defer('h.example:80', 2000);
      const t0 = performance.now();
      const w = await b.acquire('h.example:80', 100, AbortSignal.timeout(5000));
      expect(w).toBeGreaterThanOrEqual(1900);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(1850);
    } finally {
      other.disconnect();
    }
  });

  it('takes a fast host\'s slots a span at a time, and two processes still never share a slot', async () => {
    const other = connectRedis();
    const trips = countRoundTrips();
    try {
      const a = new HostLease(redis, `${prefix}:budget`);
      const b = new HostLease(other, `${prefix}:budget`);
      // 200/s: a span is 100 ms, 20 slots. Each "process" asks 40 times, one request after another.
      const granted: Array<{ who: string; at: number }> = [];
      const ask = async (who: string, l: HostLease) => {
        for (let i = 0; i < 40; i++) {
          await l.acquire('fast.example:80', 5);
          granted.push({ who, at: performance.now() });
        }
      };
      await Promise.all([ask('a', a), ask('b', b)]);
      const calls = Object.entries(trips.read().redisByCommand).filter(([k]) => k.includes('certwatchReserveSlot')).reduce((n, [, v]) => n + v, 0);
      // Far fewer than one call per request (80 without spans).
      expect(calls).toBeLessThanOrEqual(20);
      // The rate holds across both: 80 requests at 200/s take at least ~395 ms, and no 100 ms holds more than 20 (+2 for timers firing late).
      const times = granted.map((g) => g.at).sort((x, y) => x - y);
      expect(times.at(-1)! - times[0]!).toBeGreaterThanOrEqual(380);
      expect(Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + 100).length))).toBeLessThanOrEqual(22);
      // A deferral drops the span held: the next request waits it out.
      await a.defer('fast.example:80', 300);
      const t0 = performance.now();
      await a.acquire('fast.example:80', 5);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
    } finally {
      trips.stop();
      other.disconnect();
    }
  });

  it('holds one rate across two concurrent crawlers of the same host', async () => {
    const chain = (name: string, i: number) =>
      html(`<div class="content">${name} page ${i} text</div>${i < 7 ? `<a href="/${name}/${i + 1}">next</a>` : ''}`);
    const server = await startFixtureServer({
      '/robots.txt': { status: 404 },
      '*': (req, res) => {
        const [, name, i] = /^\/(a|b)\/(\d+)$/.exec(req.url ?? '') ?? [];
        if (!name) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': 'text/html' }).end(chain(name, Number(i)));
      },
    });
    const second = connectRedis();
    try {
      const common = { keyPrefix: `${prefix}:shared`, userAgent: TEST_UA, onPage: async () => {} };
      const [sa, sb] = await Promise.all([
        runCrawl({ ...common, redis, source: source({ id: 'a', seeds: [`${server.origin}/a/0`], rate: 5, maxDepth: 10 }) }),
        runCrawl({ ...common, redis: second, source: source({ id: 'b', seeds: [`${server.origin}/b/0`], rate: 5, maxDepth: 10 }) }),
      ]);
      expect(sa.pagesFetched).toBe(8);
      expect(sb.pagesFetched).toBe(8);
      const pages = server.log.filter((e) => e.path !== '/robots.txt');
      const times = pages.map((e) => e.time);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      // 16 requests at 5/s between them: ~200 ms apart, not ~100 ms as two independent 5/s crawlers would be.
      expect((times.at(-1)! - times[0]!) / gaps.length).toBeGreaterThanOrEqual(190);
      // Slots are exact but arrivals jitter with a loaded event loop, so count requests per
      // one-second window: 5/s allows 5 (6 with one late request); two unshared 5/s crawlers would reach 10.
      const perWindow = times.map((t) => times.filter((u) => u >= t && u < t + 1000).length);
      expect(Math.max(...perWindow)).toBeLessThanOrEqual(7);
      // And the two crawlers really ran at the same time (their requests interleave).
      const owners = pages.map((e) => e.path[1]).join('');
      expect(owners).toMatch(/ab|ba/);
      expect(owners).not.toMatch(/^a+b+$|^b+a+$/);
    } finally {
      second.disconnect();
      await server.close();
    }
  });
});
