// Incremental crawling on the wire, against a real HTTP server: validators sent back, a 304 cut
// short, a server whose validators lie or change, hostile validators, and the bounded list walk.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { runCrawl } from '../../crawlers/run-crawl.js';
import type { FetchedPage, IncrementalCrawl, KnownPage, UnchangedPage } from '../../crawlers/types.js';
import { collector, connectRedis, deletePrefix, source, TEST_UA } from './helpers/crawl-harness.js';
import { html, startFixtureServer } from './helpers/fixture-server.js';

const redis = connectRedis();
const prefix = `test:conditional-get:${process.pid}`;
afterAll(async () => {
  await deletePrefix(redis, prefix);
  redis.disconnect();
});

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** What the pipeline would remember after a crawl: each page's validators and body hash. */
function remember(pages: FetchedPage[]): Map<string, KnownPage> {
  return new Map(pages.map((p) => [p.url, { bodySha: sha(p.body), validators: p.validators ?? {} }]));
}

function incremental(known: Map<string, KnownPage>, bodies = new Map<string, Buffer>(), fullWalk = false) {
  const unchanged: UnchangedPage[] = [];
  const inc: IncrementalCrawl = {
    fullWalk,
    known: (url) => known.get(url),
    onUnchanged: async (u) => {
      unchanged.push(u);
    },
    storedBody: async (s) => bodies.get(s),
  };
  return { inc, unchanged };
}

async function crawl(seed: string, inc?: IncrementalCrawl, extra: Parameters<typeof source>[0] extends infer T ? Partial<T> : never = {}) {
  const c = collector();
  const stats = await runCrawl({ source: source({ seeds: [seed], ...extra }), redis, keyPrefix: prefix, userAgent: TEST_UA, onPage: c.onPage, ...(inc ? { incremental: inc } : {}) });
  return { c, stats };
}

/** A route that answers like nginx: a strong ETag of the body, 304 when If-None-Match names it. */
function etagRoute(body: () => string, opts: { weak?: boolean; lastModified?: string } = {}) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const b = Buffer.from(body());
    const tag = `${opts.weak ? 'W/' : ''}"${sha(b).slice(0, 16)}"`;
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', etag: tag, ...(opts.lastModified ? { 'last-modified': opts.lastModified } : {}) };
    const inm = req.headers['if-none-match'];
    if (inm && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === tag.replace(/^W\//, ''))) return void res.writeHead(304, headers).end();
    res.writeHead(200, headers).end(b);
  };
}

describe('when a server sends validators', () => {
  it('sends them back, and a 304 is unchanged: no parse, no page handed on, the validators kept', async () => {
    const seen: Record<string, string | undefined>[] = [];
    let text = 'first version of the post, long enough to count';
    const post = etagRoute(() => html(`<div class="content">${text}</div>`));
    const server = await startFixtureServer({
      '/robots.txt': { status: 404 },
      '/post': (req, res) => {
        seen.push({ inm: req.headers['if-none-match'], ims: req.headers['if-modified-since'] });
        return post(req, res);
      },
    });
    try {
      const seed = `${server.origin}/post`;
      const first = await crawl(seed);
      expect(first.c.pages).toHaveLength(1);
      const etag = first.c.pages[0]!.validators?.etag;
      expect(etag).toMatch(/^"[0-9a-f]{16}"$/);
      expect(seen[0]!.inm).toBeUndefined();

      const known = remember(first.c.pages);
      const again = incremental(known);
      const second = await crawl(seed, again.inc);
      expect(seen[1]!.inm).toBe(etag);
      expect(second.c.pages).toHaveLength(0);
      expect(second.stats.notModified).toBe(1);
      expect(second.stats.pagesFetched).toBe(0);
      expect(again.unchanged).toEqual([expect.objectContaining({ url: seed, how: 'not-modified', validators: { etag } })]);

      // The post is edited: the old ETag no longer matches, the page comes in full with its new one.
      text = 'second version of the post, with a new phone 13800138000';
      const edited = incremental(known);
      const third = await crawl(seed, edited.inc);
      expect(third.c.pages).toHaveLength(1);
      expect(third.c.pages[0]!.validators?.etag).not.toBe(etag);
      expect(third.c.pages[0]!.html).toContain('13800138000');
      expect(edited.unchanged).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('sends a weak ETag and a Last-Modified back as they came, and takes the 304', async () => {
    const seen: Record<string, string | undefined>[] = [];
    const lm = 'Wed, 02 Dec 2026 10:00:00 GMT';
    const post = etagRoute(() => html('<div class="content">a page behind gzip: its ETag is weak</div>'), { weak: true, lastModified: lm });
    const server = await startFixtureServer({
      '/robots.txt': { status: 404 },
      '/p': (req, res) => {
        seen.push({ inm: req.headers['if-none-match'], ims: req.headers['if-modified-since'] });
        return post(req, res);
      },
    });
    try {
      const first = await crawl(`${server.origin}/p`);
      expect(first.c.pages[0]!.validators).toEqual({ etag: expect.stringMatching(/^W\/"/), lastModified: lm });
      const again = incremental(remember(first.c.pages));
      const second = await crawl(`${server.origin}/p`, again.inc);
      expect(seen[1]).toEqual({ inm: first.c.pages[0]!.validators!.etag, ims: lm });
      expect(second.stats.notModified).toBe(1);
      expect(again.unchanged[0]!.how).toBe('not-modified');
    } finally {
      await server.close();
    }
  });

  it('when the ETag changes on every answer for the same body, the body hash still says unchanged', async () => {
    let n = 0;
    const body = html('<div class="content">the same words every time, whatever the tag says</div>');
    const server = await startFixtureServer({
      '/robots.txt': { status: 404 },
      // A server farm whose nodes each make their own ETag: If-None-Match never matches.
      '/p': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: `"node-${++n}"` }).end(body),
    });
    try {
      const first = await crawl(`${server.origin}/p`);
      const again = incremental(remember(first.c.pages));
      const second = await crawl(`${server.origin}/p`, again.inc);
      expect(second.c.pages).toHaveLength(0);
      expect(second.stats.sameBody).toBe(1);
      expect(again.unchanged).toEqual([expect.objectContaining({ how: 'same-body', validators: { etag: '"node-2"' } })]);
    } finally {
      await server.close();
    }
  });

  it('when the server keeps the old ETag on a changed body and answers 200, the new body is read', async () => {
    let text = 'the first words of this post';
    const server = await startFixtureServer({
      '/robots.txt': { status: 404 },
      // A lying server: one fixed ETag, but it never answers 304, so the body decides.
      '/p': (_req, res) => void res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"fixed"' }).end(html(`<div class="content">${text}</div>`)),
    });
    try {
      const first = await crawl(`${server.origin}/p`);
      text = 'edited words, now with QQ 12345678';
      const again = incremental(remember(first.c.pages));
      const second = await crawl(`${server.origin}/p`, again.inc);
      expect(second.c.pages).toHaveLength(1);
      expect(second.c.pages[0]!.html).toContain('12345678');
      expect(again.unchanged).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('a 304 to a request that named no validator is an error, not unchanged', async () => {
    const server = await startFixtureServer({
      '/robots.txt': { status: 404 },
      '/p': { status: 304 },
    });
    try {
      const again = incremental(new Map([[`${server.origin}/p`, { bodySha: sha('x'), validators: {} }]]));
      const { c, stats } = await crawl(`${server.origin}/p`, again.inc);
      expect(c.pages).toHaveLength(0);
      expect(again.unchanged).toHaveLength(0);
      expect(stats.errors.http_304).toBe(1);
    } finally {
      await server.close();
    }
  });

  it('drops validators that are too long, not header-safe or no date', async () => {
    const server = await startFixtureServer({
      '/robots.txt': { status: 404 },
      '/a': { headers: { etag: `"${'x'.repeat(400)}"`, 'last-modified': 'yesterday-ish' }, body: html('<p>a</p>') },
      '/b': (_req, res) => {
        res.setHeader('etag', '"ok\tbut-tabbed"');
        res.writeHead(200, { 'content-type': 'text/html' }).end(html('<p>b</p>'));
      },
    });
    try {
      const a = await crawl(`${server.origin}/a`);
      expect(a.c.pages[0]!.validators).toBeUndefined();
      const b = await crawl(`${server.origin}/b`);
      expect(b.c.pages[0]!.validators).toBeUndefined();
    } finally {
      await server.close();
    }
  });
});

describe('when a server sends no validator', () => {
  it('asks unconditionally and cuts the page short when its body hash is the stored one', async () => {
    const seen: (string | undefined)[] = [];
    const server = await startFixtureServer({
      '/robots.txt': { status: 404 },
      '/p': (req, res) => {
        seen.push(req.headers['if-none-match'] ?? req.headers['if-modified-since']);
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html('<div class="content">plain old server</div>'));
      },
    });
    try {
      const first = await crawl(`${server.origin}/p`);
      const again = incremental(remember(first.c.pages));
      const second = await crawl(`${server.origin}/p`, again.inc);
      expect(seen).toEqual([undefined, undefined]);
      expect(second.stats.sameBody).toBe(1);
      expect(again.unchanged[0]).toMatchObject({ how: 'same-body', validators: {} });
    } finally {
      await server.close();
    }
  });
});

describe('when a seed answers 304', () => {
  it('still hands on its links, read from the stored body', async () => {
    const hub = html('<a href="/new-post">new</a>');
    const server = await startFixtureServer({
      '/robots.txt': { status: 404 },
      '/': etagRoute(() => hub),
      '/new-post': { body: html('<div class="content">a post the hub lists</div>') },
    });
    try {
      const first = await crawl(`${server.origin}/`);
      const home = first.c.byPath('/')!;
      const known = new Map([[home.url, { bodySha: sha(home.body), validators: home.validators ?? {} }]]);
      const again = incremental(known, new Map([[sha(home.body), home.body]]));
      const second = await crawl(`${server.origin}/`, again.inc);
      expect(second.stats.notModified).toBe(1);
      expect(second.c.byPath('/new-post')).toBeDefined();
    } finally {
      await server.close();
    }
  });
});

describe('when a list page shows only known items', () => {
  const listing = (page: number) => {
    const items = [1, 2, 3].map((i) => `<a href="/item/${page}-${i}">item ${page}-${i}</a>`).join(' ');
    return html(`${items} <a href="/list/${page + 1}">next</a>`);
  };
  const routes = {
    '/robots.txt': { status: 404 },
    '/': { body: html('<a href="/list/1">listing</a>') },
    '/list/1': { body: listing(1) },
    '/list/2': { body: listing(2) },
    '/list/3': { body: listing(3) },
    '*': { body: html('<div class="content">an item of the listing</div>') },
  };

  it('ends the walk of that listing there, and a full walk pages to the end', async () => {
    const server = await startFixtureServer(routes);
    const listPages = ['*/list/*'];
    try {
      const seed = `${server.origin}/`;
      const first = await crawl(seed, undefined, { selectors: { listPages }, maxDepth: 10 });
      expect(first.c.byPath('/list/3')).toBeDefined();
      const known = remember(first.c.pages.filter((p) => !p.url.endsWith('/list/1')));
      // The first list page's items are known but it changed (its body is not the stored one): it is read,
      // its items known, so its pager is not followed and its known items are not asked again.
      known.delete(`${server.origin}/list/1`);
      const before = server.log.length;
      const again = incremental(known);
      const second = await crawl(seed, again.inc, { selectors: { listPages }, maxDepth: 10 });
      const paths = server.log.slice(before).map((e) => e.path);
      expect(second.stats.listWalksStopped).toBe(1);
      expect(paths).toContain('/list/1');
      expect(paths).not.toContain('/list/2');
      expect(paths).not.toContain('/item/1-1');

      const full = incremental(known, new Map(), true);
      const mark = server.log.length;
      const third = await crawl(seed, full.inc, { selectors: { listPages }, maxDepth: 10 });
      const fullPaths = server.log.slice(mark).map((e) => e.path);
      expect(third.stats.listWalksStopped).toBe(0);
      expect(fullPaths).toEqual(expect.arrayContaining(['/list/2', '/list/3', '/item/3-3']));
      expect(full.unchanged).toHaveLength(0);
    } finally {
      await server.close();
    }
  });

  it('follows a list page with an unknown item in full', async () => {
    const server = await startFixtureServer(routes);
    const listPages = ['*/list/*'];
    try {
      const seed = `${server.origin}/`;
      const first = await crawl(seed, undefined, { selectors: { listPages }, maxDepth: 10 });
      const known = remember(first.c.pages);
      known.delete(`${server.origin}/list/1`);
      known.delete(`${server.origin}/item/1-2`);
      const again = incremental(known);
      const second = await crawl(seed, again.inc, { selectors: { listPages }, maxDepth: 10 });
      expect(second.c.byPath('/item/1-2')).toBeDefined();
      // /list/2 is reached (known, unchanged: a 304-less server, so its hash) and stops there.
      expect(second.stats.sameBody).toBeGreaterThanOrEqual(1);
      expect(second.stats.listWalksStopped).toBe(0);
    } finally {
      await server.close();
    }
  });
});
