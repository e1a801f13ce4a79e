// robots.txt per RFC 9309: parsing and matching rules, and what a crawl does with
// robots outcomes — 5xx/unreachable means disallow all, 4xx allow all, crawl-delay a floor.
import { afterAll, describe, expect, it } from 'vitest';
import { crawlDelaySecs, isAllowed, parseRobots } from '../../crawlers/politeness/robots.js';
import { runCrawl } from '../../crawlers/run-crawl.js';
import { collector, connectRedis, deletePrefix, source, TEST_UA } from './helpers/crawl-harness.js';
import { html, startFixtureServer } from './helpers/fixture-server.js';

const UA = 'certwatch/1.0 (+https://example.invalid)';

describe('robots matching', () => {
  const policy = parseRobots(`
# comment
User-agent: otherbot
Disallow: /

User-agent: *
Disallow: /private
Allow: /private/open
Disallow: /*.php$
Disallow: /api/
Allow: /api/public$
Crawl-delay: 2

Sitemap: http://h/sitemap.xml
`);

  it.each([
    ['/', true],
    ['/private', false],
    ['/private/x', false],
    ['/private/open/1', true],
    ['/index.php', false],
    ['/index.php?x=1', true],
    ['/api/x', false],
    ['/api/public', true],
    ['/api/public/more', false],
    ['/robots.txt', true],
  ])('%s → %s for the * group', (path, allowed) => {
    expect(isAllowed(policy, UA, `http://h${path}`)).toBe(allowed);
  });

  it('uses the group naming our product token and ignores the * group then', () => {
    expect(isAllowed(policy, 'otherbot/2.0', 'http://h/anything')).toBe(false);
    expect(isAllowed(policy, 'OtherBot', 'http://h/')).toBe(false);
    expect(crawlDelaySecs(policy, UA)).toBe(2);
    expect(crawlDelaySecs(policy, 'otherbot')).toBe(0);
  });

  it('merges groups for one agent, prefers allow on equal length, ignores empty disallow', () => {
    const p = parseRobots('User-agent: a\nUser-agent: b\nDisallow: /x\n\nUser-agent: a\nAllow: /x\nDisallow:\n');
    expect(isAllowed(p, 'a', 'http://h/x')).toBe(true);
    expect(isAllowed(p, 'b', 'http://h/x')).toBe(false);
    expect(isAllowed(p, 'c', 'http://h/x')).toBe(true);
  });

  it('matches percent-encoded paths and survives junk', () => {
    const p = parseRobots('User-agent: *\nDisallow: /论坛/\n');
    expect(isAllowed(p, UA, 'http://h/%E8%AE%BA%E5%9D%9B/1')).toBe(false);
    expect(() => parseRobots('\u0000\u0001garbage\n:::\nDisallow /x\n' + 'x'.repeat(600_000))).not.toThrow();
  });
});

describe('robots in a crawl', () => {
  const redis = connectRedis();
  const prefix = `test:crawl-robots:${process.pid}`;
  afterAll(async () => {
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  const site = (robots: { status?: number; body?: string }) => ({
    '/robots.txt': { status: robots.status ?? 200, headers: { 'content-type': 'text/plain' }, body: robots.body ?? '' },
    '/': { body: html('<a href="/a">a</a> <a href="/secret/b">b</a> <a href="/secret/open">open</a>') },
    '/a': { body: html('<p>page a</p>') },
    '/secret/b': { body: html('<p>secret</p>') },
    '/secret/open': { body: html('<p>open</p>') },
  });

  it('treats a 5xx robots.txt as disallow-all: no page is requested', async () => {
    const server = await startFixtureServer(site({ status: 503, body: 'down' }));
    try {
      const c = collector();
      const stats = await runCrawl({ source: source({ seeds: [`${server.origin}/`] }), redis, keyPrefix: prefix, userAgent: TEST_UA, onPage: c.onPage });
      expect(server.log.map((e) => e.path)).toEqual(['/robots.txt']);
      expect(stats.pagesFetched).toBe(0);
      expect(stats.skippedRobots).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('treats an unreachable robots.txt as disallow-all', async () => {
    const server = await startFixtureServer({});
    const origin = server.origin;
    await server.close();
    const stats = await runCrawl({ source: source({ seeds: [`${origin}/`], timeoutSecs: 2 }), redis, keyPrefix: prefix, userAgent: TEST_UA, onPage: async () => {} });
    expect(stats.pagesFetched).toBe(0);
    expect(stats.skippedRobots).toBe(1);
  });

  it('treats a 404 robots.txt as allow-all', async () => {
    const server = await startFixtureServer(site({ status: 404 }));
    try {
      const stats = await runCrawl({ source: source({ seeds: [`${server.origin}/`] }), redis, keyPrefix: prefix, userAgent: TEST_UA, onPage: async () => {} });
      expect(stats.pagesFetched).toBe(4);
    } finally {
      await server.close();
    }
  });

  it('never requests a disallowed URL, honours allow overrides and the UA group', async () => {
    const server = await startFixtureServer(
      site({ body: 'User-agent: *\nDisallow: /\n\nUser-agent: certwatch-test\nDisallow: /secret/\nAllow: /secret/open\n' }),
    );
    try {
      const c = collector();
      const stats = await runCrawl({ source: source({ seeds: [`${server.origin}/`] }), redis, keyPrefix: prefix, userAgent: TEST_UA, onPage: c.onPage });
      const paths = server.log.map((e) => e.path).sort();
      expect(paths).toEqual(['/', '/a', '/robots.txt', '/secret/open']);
      expect(stats.skippedRobots).toBe(1);
      expect(server.log.every((e) => e.ua === TEST_UA)).toBe(true);
      expect(server.hits('/robots.txt')).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('honours crawl-delay as a floor under a faster configured rate', async () => {
    const server = await startFixtureServer(site({ body: 'User-agent: *\nCrawl-delay: 0.4\n' }));
    try {
      await runCrawl({ source: source({ seeds: [`${server.origin}/`], rate: 100 }), redis, keyPrefix: prefix, userAgent: TEST_UA, onPage: async () => {} });
      const times = server.log.filter((e) => e.path !== '/robots.txt').map((e) => e.time);
      expect(times.length).toBe(4);
      const gaps = times.slice(1).map((t, i) => t - times[i]!);
      // Slots are granted 400 ms apart; arrival times jitter by the client's send latency.
      expect((times.at(-1)! - times[0]!) / gaps.length).toBeGreaterThanOrEqual(380);
      expect(Math.min(...gaps)).toBeGreaterThanOrEqual(300);
    } finally {
      await server.close();
    }
  });
});
