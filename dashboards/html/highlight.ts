// Marks sale cues and contacts in a post's text for the listing page. Matches are found
// on the raw text as ranges; every piece of text is then escaped on its own and only
// our <mark> tags are added, so a highlight can never split an entity or open a tag.
import { escapeHtml, SafeHtml } from './escape.js';

/** Phrases sellers use (DESIGN/domain notes: 不用考试, 免考, 包过 …). */
export const SALE_CUES = [
  '不用考试', '无需考试', '免考', '免培训', '包过', '直接出证', '直接拿证', '快速拿证', '快速出证', '官网可查', '网上可查', '可查询',
  '全国通用', '内部渠道', '内部名额', '加微信', '加微', '加V', '办证', '代办', '出证', '拿证', '保过', '不过退款', '先拿证', '一站式',
  '价格优惠', '可先验证', '可先查', '永久可查', '真实可查', '联系电话', '电话微信同号', '微信同号',
];

export interface HighlightOptions {
  /** Literal phrases (default SALE_CUES). */
  cues?: string[];
  /** Cue patterns, e.g. the classifier's sale lexicon; matched on the raw text. */
  patterns?: RegExp[];
}

export interface HighlightContact {
  kind: string;
  value: string;
}

type Range = { start: number; end: number; cls: 'cue' | 'contact' };

const SEP = '[\\s\\-–—.·_,，、]*';

function contactPattern(c: HighlightContact): RegExp | null {
  const v = c.value.trim();
  if (v.length < 3 || v.length > 200) return null;
  if ((c.kind === 'phone' || c.kind === 'qq') && /^\d+$/.test(v)) {
    // Sellers split numbers with spaces and dashes; match the digits with any separators between them.
    return new RegExp(v.split('').join(SEP), 'g');
  }
  return new RegExp(v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
}

// The queue highlights 50 excerpts per page: each cue pattern is made global once, not per call.
const globals = new WeakMap<RegExp, RegExp>();
function globalOf(p: RegExp): RegExp {
  let g = globals.get(p);
  if (!g) {
    g = new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`);
    globals.set(p, g);
  }
  return g;
}

function findRanges(text: string, contacts: HighlightContact[], cues: string[], patterns: RegExp[]): Range[] {
  const found: Range[] = [];
  for (const c of contacts) {
    const re = contactPattern(c);
    if (!re) continue;
    for (const m of text.matchAll(re)) if (m[0].length) found.push({ start: m.index!, end: m.index! + m[0].length, cls: 'contact' });
  }
  for (const cue of cues) {
    let at = text.indexOf(cue);
    while (at >= 0) {
      found.push({ start: at, end: at + cue.length, cls: 'cue' });
      at = text.indexOf(cue, at + cue.length);
    }
  }
  for (const p of patterns) {
    const re = globalOf(p);
    for (const m of text.matchAll(re)) if (m[0].length) found.push({ start: m.index!, end: m.index! + m[0].length, cls: 'cue' });
  }
  // Contacts win over cues; longer matches over shorter; overlaps are dropped.
  found.sort((a, b) => a.start - b.start || (a.cls === b.cls ? b.end - a.end : a.cls === 'contact' ? -1 : 1));
  const kept: Range[] = [];
  let end = -1;
  for (const r of found) {
    if (r.start >= end) {
      kept.push(r);
      end = r.end;
    }
  }
  return kept;
}

export function highlightText(text: string, contacts: HighlightContact[], opts: HighlightOptions = {}): SafeHtml {
  const ranges = findRanges(text, contacts, opts.cues ?? SALE_CUES, opts.patterns ?? []);
  let out = '';
  let at = 0;
  for (const r of ranges) {
    out += escapeHtml(text.slice(at, r.start));
    out += `<mark class="${r.cls}">${escapeHtml(text.slice(r.start, r.end))}</mark>`;
    at = r.end;
  }
  out += escapeHtml(text.slice(at));
  return new SafeHtml(out);
}
