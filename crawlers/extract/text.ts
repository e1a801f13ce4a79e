// Turns hostile HTML fragments into plain text and absolute URLs: hidden anti-copy
// junk dropped, block boundaries kept as line breaks, nothing executed.
import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const BLOCK = new Set(
  'address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section table tbody td tfoot th thead tr ul'.split(
    ' ',
  ),
);

/** Elements that never carry readable post text. */
export const NON_CONTENT = 'script, style, noscript, template, iframe, object, embed, svg, canvas, link, select, button';
/** Anti-copy junk forums insert into posts (Discuz "jammer", hidden spans). */
export const HIDDEN_JUNK = '.jammer, [hidden], [aria-hidden="true"], [style*="display:none"], [style*="display: none"], [style*="visibility:hidden"]';

export const MAX_TEXT = 50_000;

/** Text of a node tree with line breaks at block boundaries; iterative, so deep nesting cannot overflow the stack. */
export function blockText(nodes: AnyNode | AnyNode[], max = MAX_TEXT): string {
  const out: string[] = [];
  let size = 0;
  const stack: (AnyNode | '\n')[] = Array.isArray(nodes) ? [...nodes].reverse() : [nodes];
  while (stack.length && size < max) {
    const node = stack.pop()!;
    if (node === '\n') {
      out.push('\n');
      continue;
    }
    if (node.type === 'text') {
      const data = (node as unknown as { data: string }).data;
      out.push(data);
      size += data.length;
    } else if (node.type === 'tag') {
      const el = node as Element;
      const name = el.name.toLowerCase();
      if (name === 'br') {
        out.push('\n');
        continue;
      }
      if (name === 'img') {
        const alt = el.attribs?.alt;
        if (alt && alt.length < 100) out.push(` ${alt} `);
        continue;
      }
      const block = BLOCK.has(name);
      if (block) {
        out.push('\n');
        stack.push('\n');
      } else if (name === 'td' || name === 'th') out.push(' ');
      for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]!);
    } else if (node.type === 'root' || node.type === 'cdata') {
      const children = (node as unknown as { children: AnyNode[] }).children ?? [];
      for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
    }
  }
  return tidy(out.join('')).slice(0, max);
}

/** Collapses runs of spaces and blank lines; trims every line. */
export function tidy(text: string): string {
  return text
    .replace(/\u00a0|\u3000/g, ' ')
    .replace(/[ \t\f\v\r]+/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l)
    .join('\n');
}

export function oneLine(text: string | undefined, max = 300): string | undefined {
  if (!text) return undefined;
  const t = text.replace(/\s+/g, ' ').trim().slice(0, max);
  return t || undefined;
}

/** Absolute http(s) URL or undefined; `javascript:` and friends are dropped. */
export function absoluteUrl(href: string | undefined, base: string, allow: readonly string[] = ['http:', 'https:']): string | undefined {
  if (!href) return undefined;
  const trimmed = href.trim();
  if (!trimmed || trimmed.length > 4096) return undefined;
  try {
    const u = new URL(trimmed, base);
    return allow.includes(u.protocol) ? u.href : undefined;
  } catch {
    return undefined;
  }
}

const IMAGE_ATTRS = ['zoomfile', 'file', 'data-original', 'data-src', 'data-lazy-src', 'src'];
const MAX_DATA_URI = 200_000;

export function imageUrls($: CheerioAPI, scope: Cheerio<AnyNode>, base: string): string[] {
  const out = new Set<string>();
  scope.find('img').each((_, el) => {
    const attribs = (el as Element).attribs ?? {};
    for (const attr of IMAGE_ATTRS) {
      const v = attribs[attr]?.trim();
      if (!v) continue;
      // QR codes often arrive inline; keep small data: images, since contacts hide in them.
      if (/^data:image\//i.test(v)) {
        if (v.length <= MAX_DATA_URI) out.add(v);
        break;
      }
      const abs = absoluteUrl(v, base);
      if (abs) {
        out.add(abs);
        break;
      }
    }
  });
  return [...out].slice(0, 100);
}

// Besides web links: the app links that carry a contact (QQ chat buttons' tencent:// and mqqwpa://, tel:, sms:, mailto:).
const LINK_SCHEMES = ['http:', 'https:', 'tel:', 'sms:', 'mailto:', 'tencent:', 'mqqwpa:', 'mqq:', 'mqqapi:'];

export function linkUrls($: CheerioAPI, scope: Cheerio<AnyNode>, base: string): string[] {
  const out = new Set<string>();
  scope.find('a[href]').each((_, el) => {
    const abs = absoluteUrl((el as Element).attribs.href, base, LINK_SCHEMES);
    if (abs) out.add(abs);
  });
  return [...out].slice(0, 200);
}

/** Share of an element's text that sits inside links: high for lists and navigation. */
export function linkDensity($: CheerioAPI, scope: Cheerio<AnyNode>): number {
  const total = scope.text().replace(/\s+/g, '').length;
  if (!total) return 1;
  let inLinks = 0;
  scope.find('a').each((_, a) => {
    inLinks += $(a).text().replace(/\s+/g, '').length;
  });
  return Math.min(1, inLinks / total);
}

const DATE_RE = /(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})\s*[:：时]\s*(\d{2})(?:\s*[:：分]\s*(\d{2}))?)?/;

/** "2024-3-5 09:07" style times normalised to "2024-03-05 09:07"; other phrasings kept as written. */
export function normaliseTime(raw: string | undefined): string | undefined {
  const text = oneLine(raw, 120);
  if (!text) return undefined;
  const m = DATE_RE.exec(text);
  if (!m) return /\d/.test(text) ? text.slice(0, 64) : undefined;
  const pad = (s: string | undefined) => (s ?? '').padStart(2, '0');
  let out = `${m[1]}-${pad(m[2])}-${pad(m[3])}`;
  if (m[4]) out += ` ${pad(m[4])}:${m[5]}${m[6] ? `:${m[6]}` : ''}`;
  return out;
}
