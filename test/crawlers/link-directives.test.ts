// The crawler reads canonical, meta robots and links in one DOM walk: on awkward markup it must
// find exactly what the selector queries it replaced found, in the same order.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../crawlers/extract/index.js';
import { readLinkDirectives } from '../../crawlers/extract/link-directives.js';

/** The queries the walk replaced, as the crawler ran them. */
function bySelectors($: CheerioAPI) {
  return {
    canonical: $('link[rel~="canonical" i]').first().attr('href'),
    robots: ($('meta[name="robots" i]').attr('content') ?? '').toLowerCase(),
    links: $('a[href], area[href]')
      .toArray()
      .map((el) => (el as Element).attribs.href),
  };
}

function byWalk($: CheerioAPI) {
  const d = readLinkDirectives($);
  return { canonical: d.canonical, robots: d.robots, links: d.links.map((el) => el.attribs.href) };
}

const PAGES: Record<string, string> = {
  plain: '<html><head><link rel="canonical" href="/a"><meta name="robots" content="NOINDEX, NoFollow"></head><body><a href="/x">x</a></body></html>',
  caseAndWords: '<LINK REL="Alternate  CANONICAL" HREF="/b"><link rel="canonical" href="/c"><META NAME="ROBOTS" CONTENT="All"><A HREF="/y">y</A>',
  notAWord: '<link rel="canonicalish" href="/no"><link rel="noncanonical" href="/no2"><link rel="x canonical" href="/yes">',
  tabsAndNewlines: '<link rel="stylesheet\tcanonical\n" href="/tab">',
  firstHasNoHref: '<link rel="canonical"><link rel="canonical" href="/second">',
  firstHasNoContent: '<meta name="robots"><meta name="robots" content="nofollow">',
  robotsLookalikes: '<meta name="robotsx" content="nofollow"><meta name=" robots" content="nofollow"><meta property="robots" content="nofollow">',
  noHead: '<body><a href="">empty</a><a>no href</a><a href="/z" rel="NOFOLLOW ugc">nf</a><map><area href="/area"><area alt="none"></map></body>',
  nested: '<div><a href="/1"><span><a href="/2">inner</a></span></a><template><a href="/tpl">t</a></template><noscript><a href="/ns">n</a></noscript><svg><a href="/svg">s</a></svg></div><a href="/3">',
  inBody: '<body><p>text <link rel="canonical" href="/late"> <meta name="Robots" content="NOFOLLOW"></p><a href="/after">a</a></body>',
  script: '<script>document.write(\'<a href="/js">\')</script><style>a[href]{}</style><a href="/real">r</a>',
  broken: '<html><body><div><a href="/open"><table><td><a href="/cell">c</div><a href=/bare>b',
  comments: '<!-- <a href="/commented"> --><![CDATA[<a href="/cdata">]]><a href="/after-cdata">',
  none: '',
};

describe('link directives', () => {
  it.each(Object.entries(PAGES))('match the selector queries on %s', (_, html) => {
    expect(byWalk(parseHtml(html))).toEqual(bySelectors(parseHtml(html)));
  });

  it('match the selector queries on the fixture pages', () => {
    const dir = join(import.meta.dirname, 'fixtures');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(dir, name), 'utf8');
      const walk = byWalk(parseHtml(html));
      expect(walk, name).toEqual(bySelectors(parseHtml(html)));
      expect(walk.links.length, name).toBeGreaterThan(0);
    }
  });

  it('reads canonical, robots and links with their order', () => {
    const d = byWalk(parseHtml(PAGES.caseAndWords!));
    expect(d).toEqual({ canonical: '/b', robots: 'all', links: ['/y'] });
    expect(byWalk(parseHtml(PAGES.nested!)).links).toEqual(['/1', '/2', '/tpl', '/ns', '/svg', '/3']);
  });
});
