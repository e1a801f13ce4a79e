// What a parsed page says about following it — rel=canonical, meta robots, its a/area links and
// their rel=nofollow — read in one walk of the DOM instead of three selector queries per page.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

export interface LinkDirectives {
  /** href of the first link[rel~="canonical" i] (undefined when that element has none). */
  canonical?: string;
  /** content of the first meta[name="robots" i], lower-cased; '' when there is none. */
  robots: string;
  /** a[href] and area[href] in document order, nofollow ones included. */
  links: Element[];
}

// The word test of css-select's [rel~="canonical" i], so the walk finds what the selector found.
const CANONICAL_WORD = /(?:^|\s)canonical(?:$|\s)/i;

export function readLinkDirectives($: CheerioAPI): LinkDirectives {
  let canonicalEl: Element | undefined;
  let robotsEl: Element | undefined;
  const links: Element[] = [];
  // Preorder, children in order: document order, as a selector query returns it.
  const stack: AnyNode[] = [...(($.root()[0]?.children ?? []) as AnyNode[])].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    if (!('children' in node)) continue;
    if (node.type === 'tag') {
      const el = node as Element;
      const name = el.name;
      if ((name === 'a' || name === 'area') && el.attribs.href != null) links.push(el);
      else if (name === 'link' && !canonicalEl && el.attribs.rel != null && CANONICAL_WORD.test(el.attribs.rel)) canonicalEl = el;
      else if (name === 'meta' && !robotsEl && el.attribs.name?.length === 6 && el.attribs.name.toLowerCase() === 'robots') robotsEl = el;
    }
    const children = node.children as AnyNode[];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return { canonical: canonicalEl?.attribs.href, robots: (robotsEl?.attribs.content ?? '').toLowerCase(), links };
}
