// Which source owns a URL, and a crawl handing such links on instead of fetching them: the
// owner is decided the same way whoever asks, and a handed link costs the finder no fetch and no budget.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SiteOwners } from '../../crawlers/frontier/site-owners.js';
import { runCrawl } from '../../crawlers/run-crawl.js';
import { collector, connectRedis, deletePrefix, source, TEST_UA } from './helpers/crawl-harness.js';
import { html, startFixtureServer, type FixtureServer } from './helpers/fixture-server.js';

const forum = source({ id: 'forum', seeds: ['http://forum.test/'], include: ['http://forum.test/*'], exclude: ['*mod=space*'], stripParams: ['from'] });
const forumHttp = source({ id: 'forum-http', enabled: false, seeds: ['http://forum.test/f'] });
const search = source({ id: 'search', search: { templates: ['http://search.test/s?q={query}'], queries: ['a'] }, seeds: [], include: ['/^http:\\/\\/[a-z.]+\\//'] });
const sellers = source({ id: 'sellers', platform: 'seo', seeds: ['http://portal.test/'], include: ['/^http:\\/\\/shop\\d+\\.test\\//'] });

describe('SiteOwners', () => {
  const owners = new SiteOwners([forumHttp, search, forum, sellers]);

  it('gives a host to the enabled source seeded on it, in the owner’s canonical form', () => {
    expect(owners.ownerOf('http://forum.test/thread-1.html?from=search')).toEqual({ source: forum, url: 'http://forum.test/thread-1.html' });
    expect(owners.ownerOf('http://search.test/s?q=b')?.source.id).toBe('search');
  });

  it('gives a host no source seeds to the first non-search source whose include admits it', () => {
    expect(owners.ownerOf('http://shop12.test/about')?.source.id).toBe('sellers');
    // The search source's include reaches everywhere; that is where results lead, not a site it owns.
    expect(owners.ownerOf('http://elsewhere.test/')).toBeUndefined();
  });

  it('leaves to the finder what the owner itself would refuse', () => {
    expect(owners.ownerOf('http://forum.test/home.php?mod=space&uid=1')).toBeUndefined();
    expect(owners.ownerOf('http://forum.test/file.pdf')).toBeUndefined();
    expect(owners.ownerOf('not a url')).toBeUndefined();
  });
});

describe('a crawl with a handOff hook', () => {
  const redis = connectRedis();
  const prefix = `test:site-owners:${process.pid}`;
  let server: FixtureServer;

  beforeAll(async () => {
    const links = Array.from({ length: 6 }, (_, i) => `<a href="/b/${i}">b${i}</a>`).join(' ');
    server = await startFixtureServer({
      '/robots.txt': { headers: { 'content-type': 'text/plain' }, body: 'User-agent: *\nAllow: /\n' },
      '/': { body: html(`${links} <a href="/a/1">a1</a> <a href="/a/2">a2</a>`) },
      '/b/seed': { body: html('<a href="/b/9">b9</a>') },
      '*': (req, res) => void res.writeHead(200, { 'content-type': 'text/html' }).end(html(`<div class="content">${req.url}</div>`)),
    });
  });
  afterAll(async () => {
    await server?.close();
    await deletePrefix(redis, prefix);
    redis.disconnect();
  });

  it('fetches none of the handed links, counts them, and spends no page of its budget on them', async () => {
    const c = collector();
    const handed: string[] = [];
    const stats = await runCrawl({
      // A budget of four: the two seeds and the two links kept; the six handed ones would not fit.
      source: source({ seeds: [`${server.origin}/`, `${server.origin}/b/seed`], maxDepth: 2, maxPages: 4 }),
      redis,
      keyPrefix: prefix,
      userAgent: TEST_UA,
      onPage: c.onPage,
      handOff: (url) => {
        if (!new URL(url).pathname.startsWith('/b/')) return false;
        handed.push(new URL(url).pathname);
        return true;
      },
    });
    // A seed on the owner's site is still this crawl's: only discovered links are handed.
    expect(c.pages.map((p) => new URL(p.url).pathname).sort()).toEqual(['/', '/a/1', '/a/2', '/b/seed']);
    expect(handed.sort()).toEqual(['/b/0', '/b/1', '/b/2', '/b/3', '/b/4', '/b/5', '/b/9']);
    expect(stats.handedOff).toBe(7);
    expect(stats.skippedHostCap).toBe(0);
  });
});
