// One outbound-request policy for the crawler and its reveal rules: a page cannot steer a
// request to an internal address or off the source's hosts; refused requests are counted, never fatal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrawl } from '../../crawlers/run-crawl.js';
import { isPrivateAddress, OutboundPolicy } from '../../crawlers/index.js';
import { fetchRobots } from '../../crawlers/politeness/robots-cache.js';
import { collector, connectRedis, deletePrefix, source, TEST_UA } from './helpers/crawl-harness.js';
import { html, startFixtureServer, type FixtureServer } from './helpers/fixture-server.js';

const redis = connectRedis();
const prefix = `test:crawl-outbound:${process.pid}`;
let site: FixtureServer;
let internal: FixtureServer;

beforeAll(async () => {
  // The "internal" service sits on another loopback address: not one of the source's hosts.
  internal = await startFixtureServer({ '/internal-secret': { headers: { 'content-type': 'application/json' }, body: '{"phone":"13800138000"}' } }, '127.0.0.2');
  site = await startFixtureServer({
    '/': { body: html('<a href="/thread-1.html">t</a>') },
    '/thread-1.html': {
      body: html(`<div class="post">出售电工证 <span class="show-phone" data-url="http://127.0.0.2:${internal.port}/internal-secret">显示电话</span></div>`),
    },
  });
});

afterAll(async () => {
  await Promise.all([site?.close(), internal?.close()]);
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

describe('private, loopback and link-local addresses', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.0.0.7', true],
    ['172.16.3.4', true],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd12:3456::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:a9fe:a9fe', true],
    ['64:ff9b::7f00:1', true],
    ['8.8.8.8', false],
    ['172.32.0.1', false],
    ['2001:4860:4860::8888', false],
    ['::ffff:8.8.8.8', false],
  ])('%s is refused: %s', (address, refused) => {
    expect(isPrivateAddress(address)).toBe(refused);
  });

  it('judges host names by what DNS resolves them to, and IPv6 and IPv4-mapped URL hosts too', async () => {
    const policy = new OutboundPolicy();
    for (const url of ['http://localhost:8080/', 'http://[::1]/', 'http://[::ffff:127.0.0.1]/', 'http://2130706433/', 'http://0x7f.1/', 'http://169.254.169.254/latest/meta-data/']) {
      expect(await policy.checkAddress(url), url).toMatchObject({ ok: false, reason: 'private_address' });
    }
    expect(await policy.checkAddress('file:///etc/passwd')).toMatchObject({ ok: false, reason: 'scheme' });
    expect(await new OutboundPolicy({ allowPrivateAddresses: true }).checkAddress('http://localhost/')).toEqual({ ok: true });
  });

  it('keeps chosen requests to the source\'s hosts and include patterns', async () => {
    const policy = new OutboundPolicy({ hosts: ['127.0.0.3:8080'], include: [{ source: 'x', test: (u) => u.startsWith('http://127.0.0.4/api/') }], allowPrivateAddresses: true });
    expect(await policy.check('http://127.0.0.3:8080/a')).toEqual({ ok: true });
    expect(await policy.check('http://127.0.0.4/api/phone')).toEqual({ ok: true });
    expect(await policy.check('http://127.0.0.4/admin')).toMatchObject({ ok: false, reason: 'offsite' });
  });
});

describe('when a crawled page steers a reveal rule at an internal address', () => {
  it('does not fetch it: the endpoint is off the source\'s hosts, skipped and counted', async () => {
    const c = collector();
    const stats = await runCrawl({
      source: source({
        seeds: [`${site.origin}/`],
        reveal: [{ name: 'phone', match: '*/thread-*.html', selector: '.show-phone', attr: 'data-url' }],
      }),
      redis,
      keyPrefix: prefix,
      userAgent: TEST_UA,
      onPage: c.onPage,
    });
    expect(internal.hits('/internal-secret')).toBe(0);
    expect(c.byPath('/thread-1.html')!.extras ?? {}).not.toHaveProperty('phone');
    expect(stats.skippedRefused).toBe(1);
    expect(stats.pagesFetched).toBe(2);
  });
});

describe('when a source does not allow private addresses', () => {
  it('sends nothing to a loopback seed (not even robots.txt) and counts the refusal', async () => {
    const before = site.log.length;
    const c = collector();
    const stats = await runCrawl({
      source: source({ seeds: [`${site.origin}/`], allowPrivateAddresses: false }),
      redis,
      keyPrefix: prefix,
      userAgent: TEST_UA,
      onPage: c.onPage,
    });
    expect(site.log.length).toBe(before);
    expect(c.pages).toHaveLength(0);
    expect(stats.skippedRefused).toBe(1);
  });
});

describe('when robots.txt redirects to an internal address', () => {
  it('does not follow the redirect the policy refuses', async () => {
    const bounce = await startFixtureServer({ '/robots.txt': { status: 301, headers: { location: `http://127.0.0.2:${internal.port}/robots.txt` } } });
    try {
      const internalHits = internal.log.length;
      const policy = new OutboundPolicy();
      const verdict = await fetchRobots(bounce.origin, { userAgent: TEST_UA, mayFetch: async (u) => (await policy.checkAddress(u)).ok });
      expect(verdict).toMatchObject({ kind: 'disallow-all' });
      expect(internal.log.length).toBe(internalHits);
    } finally {
      await bounce.close();
    }
  });
});
