// Strips what never carries post text (NON_CONTENT) and anti-copy junk (HIDDEN_JUNK) in one walk of
// the DOM: the two selector queries it replaces walked every page twice with their compiled matchers.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/** NON_CONTENT's elements (text.ts), by name. */
const NON_CONTENT_NAMES = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'canvas', 'link', 'select', 'button']);
// HIDDEN_JUNK's tests as css-select runs them on HTML: `.jammer` is a case-sensitive class word,
// [hidden] needs the attribute only, the others compare case-sensitively.
const JAMMER_CLASS = /(?:^|\s)jammer(?:$|\s)/;

function isJunk(el: Element): boolean {
  const a = el.attribs;
  if (a.class != null && JAMMER_CLASS.test(a.class)) return true;
  if (Object.prototype.hasOwnProperty.call(a, 'hidden') && a.hidden != null) return true;
  if (a['aria-hidden'] === 'true') return true;
  const style = a.style;
  return style != null && (style.includes('display:none') || style.includes('display: none') || style.includes('visibility:hidden'));
}

/** Removes NON_CONTENT and HIDDEN_JUNK elements, leaving the DOM as `$(NON_CONTENT).remove(); $(HIDDEN_JUNK).remove()` did. */
export function stripNonContent($: CheerioAPI): void {
  const doomed: Element[] = [];
  const stack: AnyNode[] = [...(($.root()[0]?.children ?? []) as AnyNode[])];
  while (stack.length) {
    const node = stack.pop()!;
    if (!('children' in node)) continue;
    if (node.type === 'tag' || node.type === 'script' || node.type === 'style') {
      const el = node as Element;
      // What is inside a removed element goes with it: no need to look there.
      if (NON_CONTENT_NAMES.has(el.name) || isJunk(el)) {
        doomed.push(el);
        continue;
      }
    }
    for (const child of node.children as AnyNode[]) stack.push(child);
  }
  if (doomed.length) $(doomed).remove();
}
