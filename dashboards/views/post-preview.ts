// A post as the triage screens show it: an excerpt with the classifier's sale cues and the contacts
// highlighted (html/highlight.ts), with certificate names, platform and dates beside it.
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../html/escape.js';
import { highlightText, type HighlightContact } from '../html/highlight.js';
import { CUES } from '../../classifiers/index.js';
import { platformName } from '../../pipeline/display/display-labels.js';
import { certChip } from './display.js';
import { fmtScore, fmtTime, translator } from './layout.js';

const SALE_PATTERNS = CUES.filter((c) => c.side === 'sale').map((c) => c.pattern);
export const EXCERPT_CHARS = 260;

/**
 * The part of the text worth reading: from a little before the first contact (or the start),
 * whitespace collapsed, at most `max` characters.
 */
export function excerptOf(body: string, contacts: HighlightContact[], max = EXCERPT_CHARS): string {
  const text = (body ?? '').replace(/\s+/g, ' ').trim();
  if (text.length <= max) return text;
  let at = -1;
  for (const c of contacts) {
    const digits = /^\d+$/.test(c.value) ? c.value.slice(0, 3) : c.value;
    const i = text.toLowerCase().indexOf(digits.toLowerCase());
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  const start = at > max * 0.6 ? Math.max(0, at - Math.floor(max * 0.4)) : 0;
  return `${start > 0 ? '…' : ''}${text.slice(start, start + max)}${start + max < text.length ? '…' : ''}`;
}

export function highlightedExcerpt(body: string, contacts: HighlightContact[], max = EXCERPT_CHARS): SafeHtml {
  return highlightText(excerptOf(body, contacts, max), contacts, { patterns: SALE_PATTERNS });
}

function certsOf(v: unknown): { code: string; label: string; authority: string }[] {
  return Array.isArray(v)
    ? v.filter((c) => c && typeof c === 'object' && typeof c.code === 'string').map((c) => ({ code: String(c.code), label: String(c.label ?? ''), authority: String(c.authority ?? 'other') }))
    : [];
}

export interface PreviewPost {
  id: number;
  title: string | null;
  body: string;
  platform: string;
  score: number;
  flagged?: boolean;
  cert_types: unknown;
  first_seen: Date | null;
  last_seen: Date | null;
  gone_at?: Date | null;
  contacts: HighlightContact[];
}

/** One post's card: title link, platform, score, certificates, first/last seen, highlighted excerpt. */
export function postCard(req: FastifyRequest, p: PreviewPost, max = EXCERPT_CHARS): SafeHtml {
  const t = translator(req);
  return html`<div class="post-card${p.gone_at ? ' gone' : ''}" data-listing="${p.id}">
<div class="post-meta"><a href="/listings/${p.id}" class="post-link">${p.title || `#${p.id}`}</a>
<span class="muted">${platformName(p.platform, req.lang)} · ${t('score')} ${fmtScore(p.score)}${p.flagged ? ' ⚑' : ''} · ${fmtTime(p.first_seen)} – ${fmtTime(p.last_seen)}${p.gone_at ? html` · <span class="badge gone">${t('gone')}</span>` : ''}</span>
${certsOf(p.cert_types).slice(0, 4).map((c) => certChip(c))}</div>
<div class="excerpt">${highlightedExcerpt(p.body, p.contacts, max)}</div>
</div>`;
}
