// Post extraction strips non-content and anti-copy junk in one DOM walk: the page left must be the
// one the two selector removals it replaced left, to the byte.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHtml } from '../../crawlers/extract/index.js';
import { stripNonContent } from '../../crawlers/extract/strip-non-content.js';
import { HIDDEN_JUNK, NON_CONTENT } from '../../crawlers/extract/text.js';

function bySelectors(html: string): string {
  const $ = parseHtml(html);
  $(NON_CONTENT).remove();
  $(HIDDEN_JUNK).remove();
  return $.html();
}

function byWalk(html: string): string {
  const $ = parseHtml(html);
  stripNonContent($);
  return $.html();
}

const PAGES: Record<string, string> = {
  everyKind:
    '<html><head><script>var a=1</script><style>p{}</style><link rel="stylesheet" href="/s.css"></head><body><noscript>js off</noscript><template><p>t</p></template>' +
    '<iframe src="/f"></iframe><object data="/o"></object><embed src="/e"><svg><text>svg</text></svg><canvas></canvas><select><option>1</option></select><button>go</button><p>kept</p></body></html>',
  junk:
    '<div class="post"><span class="jammer">junk</span><font class="Jammer">kept: class words are case-sensitive</font><span class="x jammer y">junk</span><span class="jammers">kept</span>' +
    '<i hidden>junk</i><i hidden="">junk</i><i aria-hidden="true">junk</i><i aria-hidden="TRUE">kept</i><i aria-hidden="false">kept</i>' +
    '<b style="color:red;display:none">junk</b><b style="display: none">junk</b><b style="visibility:hidden">junk</b><b style="DISPLAY:NONE">kept</b><b style="display:  none">kept</b><p>出售电工证</p></div>',
  nested: '<div style="display:none"><script>x</script><span class="jammer"><button>b</button></span></div><button><span hidden>h</span></button><p>after</p>',
  adjacentText: 'a<span hidden>b</span>c<script>d</script>e<p>f<i aria-hidden="true">g</i>h</p>',
  upperCase: '<SCRIPT>x</SCRIPT><DIV HIDDEN>y</DIV><SPAN CLASS="jammer">z</SPAN><P>kept</P>',
  broken: '<div class="post"><table><td><span class="jammer">j<div>unclosed<script>s',
  none: '',
};

describe('stripping non-content', () => {
  it.each(Object.entries(PAGES))('leaves what the selector removals left on %s', (_, html) => {
    expect(byWalk(html)).toBe(bySelectors(html));
  });

  it('leaves what the selector removals left on the fixture pages', () => {
    const dir = join(import.meta.dirname, 'fixtures');
    for (const name of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(dir, name), 'utf8');
      expect(byWalk(html), name).toBe(bySelectors(html));
    }
  });

  it('removes the junk and keeps the text', () => {
    const $ = parseHtml(PAGES.junk!);
    stripNonContent($);
    const out = $.root().text();
    expect(out).not.toContain('junk');
    expect(out.match(/kept/g)?.length).toBe(6);
    expect(out).toContain('出售电工证');
  });
});
