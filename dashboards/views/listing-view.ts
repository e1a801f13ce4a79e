// The listing page: the post's text with sale cues and contacts highlighted (escaped
// piece by piece), the classifier's score and reasons, certificate types, screenshot
// and the analyst's label buttons.
import type { FastifyRequest } from 'fastify';
import { html, safeHref } from '../html/escape.js';
import { highlightText, type HighlightContact } from '../html/highlight.js';
import { extractContacts, CUES } from '../../classifiers/index.js';

// The classifier's own sale-talk lexicon, so what is marked is what the model scored.
const SALE_PATTERNS = CUES.filter((c) => c.side === 'sale').map((c) => c.pattern);

/** Stored contacts plus whatever the classifier's extractor finds in the text now. */
function contactsToMark(body: string, stored: HighlightContact[]): HighlightContact[] {
  let found: HighlightContact[] = [];
  try {
    found = extractContacts(body);
  } catch {
    found = [];
  }
  const seen = new Set(stored.map((c) => `${c.kind}:${c.value}`));
  return [...stored, ...found.filter((c) => !seen.has(`${c.kind}:${c.value}`))];
}
import type { MessageKey } from '../i18n/messages.js';
import type { ListingDetail } from '../storage/listing-page.js';
import { csrfField, fmtScore, fmtTime, page, translator } from './layout.js';
import { certChip, contactChip } from './display.js';
import { triageNav } from './triage-nav.js';
import { platformName, reasonText } from '../../pipeline/display/display-labels.js';

function asList<T>(v: unknown, map: (x: Record<string, unknown> | string) => T): T[] {
  return Array.isArray(v) ? v.filter((x) => x !== null && (typeof x === 'object' || typeof x === 'string')).map(map) : [];
}

export function listingView(req: FastifyRequest, l: ListingDetail): string {
  const t = translator(req);
  const href = safeHref(l.url);
  const certs = asList(l.cert_types, (c) =>
    typeof c === 'string' ? { code: c, label: '', authority: 'other' } : { code: String(c.code ?? ''), label: String(c.label ?? ''), authority: String(c.authority ?? 'other') },
  );
  const reasons = asList(l.reasons, (r) => (typeof r === 'string' ? r : JSON.stringify(r)));
  const label = (value: 'seller_ad' | 'not_seller_ad', text: string) =>
    html`<form method="post" action="/listings/${l.id}/label" class="inline">${csrfField(req)}<input type="hidden" name="label" value="${value}"><button type="submit">${text}</button></form>`;
  const body = html`<section class="listing">
${l.seller_id ? triageNav(req, l.seller_id) : ''}
<h1>${t('listingTitle')} #${l.id} ${l.seller_id ? html`<small>→ <a href="/sellers/${l.seller_id}">${t('sellerTitle')} #${l.seller_id}</a></small>` : ''}</h1>
<h2 class="post-title">${l.title ?? ''}</h2>
<dl class="meta">
  <dt>${t('originalUrl')}</dt><dd class="mono">${href ? html`<a href="${href}" rel="noopener noreferrer nofollow" target="_blank">${l.url}</a>` : l.url}</dd>
  <dt>${t('colPlatforms')}</dt><dd title="${l.source_id}">${platformName(l.platform, req.lang)}</dd>
  <dt>${t('colSeller')}</dt><dd>${l.author_handle ?? '—'}</dd>
  <dt>${t('postedAt')}</dt><dd>${l.posted_at ?? '—'}</dd>
  <dt>${t('firstSeen')} / ${t('lastSeen')}</dt><dd>${fmtTime(l.first_seen)} / ${fmtTime(l.last_seen)}${l.gone_at ? html` <span class="badge gone">${t('gone')} ${fmtTime(l.gone_at)}</span>` : ''}</dd>
  <dt>${t('score')}</dt><dd><b class="score">${fmtScore(l.score)}</b> ${l.flagged ? '⚑' : ''} <span class="muted">${l.model_version}</span></dd>
  <dt>${t('certTypes')}</dt><dd>${certs.map((c) => certChip(c, t(`authority_${c.authority}` as MessageKey) ?? ''))}</dd>
  <dt>${t('reasons')}</dt><dd><ul class="reasons">${reasons.map((r) => html`<li>${reasonText(r, req.lang)}</li>`)}</ul></dd>
  <dt>${t('contacts')}</dt><dd>${l.contacts.map((c) => html`${contactChip(req, c)} `)}</dd>
</dl>
<p class="legend"><mark class="cue">${t('saleCue')}</mark> <mark class="contact">${t('contact')}</mark></p>
<div class="post-body">${highlightText(l.body, contactsToMark(l.body, l.contacts), { patterns: SALE_PATTERNS })}</div>
<div class="actions">${label('seller_ad', t('labelConfirm'))} ${label('not_seller_ad', t('labelDismiss'))}
${l.page_sha && l.seller_id ? html`<a class="button" href="/sellers/${l.seller_id}?stored=${l.id}#stored">${t('viewStored')}</a>` : ''}</div>
<h2>${t('labels')}</h2>
<ul class="labels">${l.labels.map((x) => html`<li>${x.label === 'seller_ad' ? t('labelConfirm') : t('labelDismiss')} · ${x.actor} · ${fmtTime(x.at)}</li>`)}</ul>
${l.images.length ? html`<h2>${t('imageReads')}</h2>
<div class="image-reads">${l.images.map((im) => html`<figure class="image-read"><img src="/listings/${l.id}/images/${im.sha256}" alt="" width="240" loading="lazy">
<figcaption><div class="mono">${im.url.startsWith('data:') ? 'data:…' : im.url}</div><div class="mono">${t('imageHash')} sha256:${im.sha256}</div>
<div>${asList(im.contacts, (c) => (typeof c === 'string' ? { kind: '', value: c, origin: '' } : { kind: String(c.kind ?? ''), value: String(c.value ?? ''), origin: String(c.origin ?? '') })).map((c) => html`<span class="contact k-${c.kind}">${c.kind}: ${c.value} <small>(${c.origin})</small></span> `)}</div>
${im.status === 'read' ? '' : html`<div class="muted">${t('imageSkipped')}: ${im.reason ?? im.status}</div>`}
${im.qr_text ? html`<pre class="ocr-text">QR: ${im.qr_text}</pre>` : ''}${im.ocr_text ? html`<details open><summary>${t('ocrText')}</summary><pre class="ocr-text">${im.ocr_text}</pre></details>` : ''}</figcaption></figure>`)}</div>` : ''}
<h2>${t('screenshot')}</h2>
${l.screenshots.length
    ? html`<div class="thumbs">${l.screenshots.map((s) => html`<a href="/evidence/${s.id}" class="thumb"><img src="/evidence/${s.id}" alt="${t('screenshot')}" width="480" loading="lazy"><span>${fmtTime(s.captured_at)}</span></a>`)}</div>`
    : html`<p class="muted">${t('noneYet')}</p>`}
</section>`;
  return page(req, { title: `${t('listingTitle')} #${l.id}`, active: 'queue', body, scripts: ['common.js', 'triage.js'] });
}
