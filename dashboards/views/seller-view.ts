// The seller page (卖家详情): listings on every site, contacts, timeline, linked sellers,
// status history, notes, evidence thumbnails, pack versions, the referral forms, and the
// stored copy of a page inside a fully sandboxed iframe.
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../html/escape.js';
import { hasRole } from '../auth/roles.js';
import type { MessageKey } from '../i18n/messages.js';
import type { PackVersion } from '../../evidence/index.js';
import type { SellerListing } from '../storage/seller-page.js';
import type { SellerDetail } from '../seller/seller-detail.js';
import { nextStatuses } from '../workflow/status-flow.js';
import { statusBadge, statusLabel as labelOfStatus } from './seller-labels.js';
import type { SellerStatus } from '../queue/queue-filters.js';
import { linkedGraph } from './linked-graph.js';
import { verificationSiteBlock } from './verification-site-block.js';
import { certChip, contactChip } from './display.js';
import { triageNav } from './triage-nav.js';
import { highlightedExcerpt } from './post-preview.js';
import type { SellerPost } from '../storage/seller-posts.js';
import { contactKindName, evidenceRoleName, platformName } from '../../pipeline/display/display-labels.js';
import { csrfField, fmtScore, fmtTime, page, translator, type Translator } from './layout.js';

export interface SellerViewOptions {
  detail: SellerDetail;
  stored?: SellerListing;
  flash?: string;
  /** The posts' text and contacts, for an excerpt under each title (storage/seller-posts.ts). */
  posts?: SellerPost[];
}

function certList(v: unknown): { code: string; label: string; authority: string }[] {
  return Array.isArray(v) ? v.filter((c) => c && typeof c === 'object').map((c) => ({ code: String(c.code ?? ''), label: String(c.label ?? ''), authority: String(c.authority ?? 'other') })) : [];
}

function timeline(req: FastifyRequest, d: SellerDetail, t: Translator): SafeHtml {
  type Ev = { at: Date; text: SafeHtml };
  const ev: Ev[] = [];
  for (const l of d.listings) {
    ev.push({ at: l.first_seen, text: html`${t('firstSeen')}: <a href="/listings/${l.id}">${l.title || l.url}</a> (${platformName(l.platform, req.lang)})` });
    if (l.gone_at) ev.push({ at: l.gone_at, text: html`${t('gone')}: <a href="/listings/${l.id}">${l.title || l.url}</a>` });
  }
  const own = (x: string) => labelOfStatus(t, x, d.seller.category);
  for (const h of d.history) ev.push({ at: h.at, text: html`${h.actor}: ${h.from_status ? own(h.from_status) : '—'} → ${own(h.to_status)}${h.note ? html` — ${h.note}` : ''}` });
  for (const n of d.notes) ev.push({ at: n.at, text: html`${n.actor}: ${t('notes')} — ${n.body}` });
  const captures = new Map<string, Date>();
  for (const e of d.evidence) captures.set(`${e.listing_id}@${new Date(e.captured_at).toISOString()}`, e.captured_at);
  for (const [key, at] of captures) ev.push({ at, text: html`${t('evidence')}: #${key.split('@')[0]}` });
  ev.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
  return html`<ol class="timeline">${ev.slice(0, 200).map((e) => html`<li><time>${fmtTime(e.at)}</time> ${e.text}</li>`)}</ol>`;
}

function fmtSize(bytes: number): string {
  return bytes >= 1_000_000 ? `${(bytes / 1_000_000).toFixed(2)} MB` : `${Math.max(1, Math.round(bytes / 1000))} kB`;
}

/** Every kept version with who made it, when, how and its hash; downloads for supervisors. */
function packTable(sellerId: number, packs: PackVersion[], referred: Set<number>, canDownload: boolean, t: Translator): SafeHtml {
  if (!packs.length) return html`<p class="muted">${t('noneYet')}</p>`;
  return html`<table class="packs">
<thead><tr><th>${t('packVersion')}</th><th>${t('packMadeAt')}</th><th>${t('packMadeBy')}</th><th>${t('packVia')}</th><th>SHA-256</th><th>${t('packSize')}</th><th>${t('packFiles')}</th><th></th></tr></thead>
<tbody>${packs.map(
    (p) => html`<tr id="pack-v${p.version}">
<td>${t('packVersionN', { n: p.version })}${referred.has(p.id) ? html` <span class="badge s-referred">${t('packReferred')}</span>` : ''}</td>
<td>${fmtTime(p.made_at)}</td>
<td>${p.made_by}</td>
<td>${t(`packVia_${p.made_via}` as MessageKey)}</td>
<td class="mono">${p.sha256}</td>
<td>${fmtSize(p.size)}</td>
<td>${p.files}</td>
<td>${canDownload ? html`<a href="/sellers/${sellerId}/packs/${p.version}" class="pack-download" download>${t('packDownload')}</a>` : ''}</td>
</tr>`,
  )}</tbody></table>`;
}

export function sellerView(req: FastifyRequest, o: SellerViewOptions): string {
  const t = translator(req);
  const d = o.detail;
  const s = d.seller;
  const role = req.user!.role;
  const status = s.status as SellerStatus;
  const statusLabel = (x: string) => t(`status_${x}` as MessageKey);
  // This seller's own statuses read 新线索 only if it is a lead; other sellers' badges keep theirs.
  const ownStatus = (x: string) => labelOfStatus(t, x, s.category);
  const moves = nextStatuses(status, req.user!.role).filter((x) => x !== 'referred' && x !== 'closed');
  const post = (action: string, inner: SafeHtml, cls = 'inline', id?: string) =>
    html`<form method="post" action="/sellers/${s.id}/${action}" class="${cls}"${id ? html` id="${id}"` : ''}>${csrfField(req)}${inner}</form>`;

  const actions = html`<div class="actions">
  ${post('claim', html`<button type="submit">${s.assignee === req.user!.username ? t('claimedByMe') : t('claim')}</button>`)}
  ${status === 'new' || status === 'in_review'
    ? html`${post('decision', html`<input type="hidden" name="action" value="confirm"><button type="submit" class="confirm">${t('actConfirm')}</button>`)}
  ${post('decision', html`<input type="hidden" name="action" value="dismiss"><button type="submit">${t('actDismiss')}</button>`)}
  ${post('decision', html`<input type="hidden" name="action" value="escalate"><button type="submit">${t('actEscalate')}</button>`)}`
    : ''}
  ${moves.length
    ? post('status', html`<select name="to" aria-label="${t('moveTo')}">${moves.map((m) => html`<option value="${m}">${ownStatus(m)}</option>`)}</select> <button type="submit">${t('moveTo')}</button>`)
    : ''}
  ${hasRole(role, 'supervisor') ? post('export-pack', html`<button type="submit">${t('exportPack')}</button>`) : ''}
</div>`;

  const referral = hasRole(role, 'supervisor')
    ? status === 'confirmed'
      ? post(
          'refer',
          html`<fieldset><legend>${t('referral')}</legend>
  <label>${t('referTo')} <input name="unit" required maxlength="200"></label>
  <label>${t('packHash')} <input name="pack" pattern="[0-9a-fA-F]{64}" maxlength="64" placeholder="sha256"></label>
  <label><input type="checkbox" name="makePack" value="1" checked> ${t('exportPack')}</label>
  <button type="submit">${t('refer')}</button></fieldset>`,
          'block',
        )
      : status === 'referred'
        ? post('close', html`<fieldset><legend>${t('closeCase')}</legend><label>${t('outcome')} <input name="outcome" required maxlength="2000"></label> <button type="submit">${t('closeCase')}</button></fieldset>`, 'block')
        : ''
    : '';

  const postById = new Map((o.posts ?? []).map((p) => [p.id, p]));
  const excerpt = (id: number) => {
    const p = postById.get(id);
    return p ? html`<div class="excerpt">${highlightedExcerpt(p.body, p.contacts, 400)}</div>` : '';
  };
  const listingsTable = html`<table class="listings">
<thead><tr><th><span class="visually-hidden">${t('separateChoose')}</span></th><th>${t('colScore')}</th><th>${t('listingTitle')}</th><th>${t('colPlatforms')}</th><th>${t('colCerts')}</th><th>${t('postedAt')}</th><th>${t('lastSeen')}</th><th>${t('storedCopy')}</th><th></th></tr></thead>
<tbody>${d.listings.map(
    (l) => html`<tr${l.gone_at ? html` class="gone"` : ''}>
<td><input type="checkbox" name="listing" value="${l.id}" form="separate-form" aria-label="${t('separateChoose')} #${l.id}"></td>
<td class="score">${fmtScore(l.score)}${l.flagged ? ' ⚑' : ''}</td>
<td><a href="/listings/${l.id}">${l.title || '(—)'}</a>${excerpt(l.id)}<div class="url">${l.author_handle ?? ''} · <span class="mono">${l.url}</span></div></td>
<td title="${l.source_id}">${platformName(l.platform, req.lang)}</td>
<td>${certList(l.cert_types).map((c) => certChip(c))}</td>
<td>${l.posted_at ?? ''}</td>
<td>${fmtTime(l.last_seen)}${l.gone_at ? html` <span class="badge gone">${t('gone')}</span>` : ''}</td>
<td>${l.page_sha ? html`<a href="/sellers/${s.id}?stored=${l.id}#stored" class="view-stored">${t('viewStored')}</a>` : '—'}</td>
<td>${post('capture', html`<input type="hidden" name="listing" value="${l.id}"><button type="submit" class="small">${t('captureNow')}</button>`)}</td>
</tr>`,
  )}</tbody></table>
${post('separate', html`<fieldset><legend>${t('separateTitle')}</legend><p class="hint">${t('separateHint')}</p><label>${t('reasonLabel')} <input name="note" maxlength="2000" required></label> <button type="submit">${t('separateButton')}</button></fieldset>`, 'block', 'separate-form')}`;

  const referredPacks = new Set(d.referrals.map((r) => r.pack_version_id).filter((v): v is number => v !== null));
  const referralPack = (r: (typeof d.referrals)[number]): SafeHtml => {
    const p = d.packs.find((x) => x.id === r.pack_version_id);
    // Referrals from before packs were kept (pack_path) say nothing: their file may be on disk.
    if (!p) return r.pack_path ? html`` : html` <span class="muted">${t('packNotKept')}</span>`;
    const label = t('packVersionN', { n: p.version });
    return hasRole(role, 'supervisor')
      ? html`<br><a href="/sellers/${s.id}/packs/${p.version}" class="referral-pack" download>${t('packDownload')} ${label}</a>`
      : html`<br>${label}`;
  };
  const thumbs = d.evidence.filter((e) => e.media_type.startsWith('image/') && e.role !== 'screenshot_banner');
  const files = d.evidence.filter((e) => !e.media_type.startsWith('image/'));
  const body = html`<section class="seller">
${triageNav(req, s.id)}
<h1>${t('sellerTitle')} #${s.id} ${statusBadge(t, s.status, s.category)} <small>${t('score')} ${fmtScore(s.score)}</small>
${s.assignee ? html`<small class="claim">${s.assignee === req.user!.username ? t('claimedByMe') : t('claimedBy', { user: s.assignee })}</small>` : ''}</h1>
${s.merged_into ? html`<p class="flash">→ <a href="/sellers/${s.merged_into}">#${s.merged_into}</a></p>` : ''}
${o.flash ? html`<p class="flash" role="status">${o.flash}</p>` : ''}
${actions}
${referral}
<div class="grid">
<div class="main-col">
<h2>${t('listingsAcross')} (${d.listings.length})</h2>
${listingsTable}
${o.stored
    ? html`<h2 id="stored">${t('storedCopy')}: <span class="mono">${o.stored.url}</span></h2>
<p class="hint">${t('storedCopyHint')}</p>
<iframe class="stored" sandbox="" referrerpolicy="no-referrer" title="${t('storedCopy')}" src="/stored/pages/${o.stored.page_id ?? 0}/${o.stored.page_sha ?? ''}"></iframe>`
    : ''}
<h2>${t('evidence')}</h2>
${thumbs.length || files.length
    ? html`<div class="thumbs">${thumbs.map(
        (e) => html`<a href="/evidence/${e.id}" class="thumb"><img src="/evidence/${e.id}" alt="${evidenceRoleName(e.role, req.lang)} #${e.listing_id}" loading="lazy" width="200"><span>${evidenceRoleName(e.role, req.lang)} · #${e.listing_id} · ${fmtTime(e.captured_at)}</span></a>`,
      )}</div>
<ul class="files">${files.map((e) => html`<li><a href="/evidence/${e.id}">${evidenceRoleName(e.role, req.lang)}</a> #${e.listing_id} · ${e.media_type} · ${e.size} B · <span class="mono">${e.sha256}</span></li>`)}</ul>`
    : html`<p class="muted">${t('noneYet')}</p>`}
<h2 id="packs">${t('packVersions')}</h2>
<p class="hint">${t('packVersionsHint')}</p>
${packTable(s.id, d.packs, referredPacks, hasRole(role, 'supervisor'), t)}
<h2>${t('timeline')}</h2>
${timeline(req, d, t)}
</div>
<aside class="side-col">
<h2>${t('contacts')}</h2>
<ul class="contacts">${d.contacts.map((c) => html`<li>${contactChip(req, c)} <small>×${c.listings}</small></li>`)}</ul>
${verificationSiteBlock(d, t)}
<h2>${t('linkedSellers')}</h2>
${d.linked.length || d.mergedFrom.length ? linkedGraph(s.id, d.linked, d.mergedFrom) : html`<p class="muted">${t('none')}</p>`}
${d.splits.length
    ? html`<h2>${t('sellerSplits')}</h2>
<p class="hint">${t('sellerSplitsHint')}</p>
<ul class="splits">${d.splits.map(
        (x) => html`<li><a href="/sellers/${x.kept_id}">#${x.kept_id}</a> → <a href="/sellers/${x.split_id}">#${x.split_id}</a> · ${t('splitListings', { n: String(x.listing_ids.length) })} · <time>${fmtTime(x.split_at)}</time></li>`,
      )}</ul>`
    : ''}
<h2>${t('joinTitle')}</h2>
<p class="hint">${t('joinHint')}</p>
${post('join', html`<label>${t('joinOther')} <input name="other" inputmode="numeric" pattern="#?[0-9]+" required size="8"></label> <label>${t('reasonLabel')} <input name="note" maxlength="2000" required></label> <button type="submit">${t('joinButton')}</button>`, 'block')}
${d.decisions.length
    ? html`<ul class="link-decisions">${d.decisions.map(
        (x) => html`<li>${x.kind === 'join' ? t('decisionJoin') : t('decisionApart')} <a href="/sellers/${x.seller_id}">#${x.seller_id}</a> · <a href="/sellers/${x.other_id}">#${x.other_id}</a> · ${x.actor} · <time>${fmtTime(x.decided_at)}</time>${x.reason ? html`<div class="muted">${x.reason}</div>` : ''}</li>`,
      )}</ul>`
    : ''}
${d.lookalikes.length
    ? html`<h2>${t('lookalikeSellers')}</h2>
<p class="hint">${t('lookalikeHint')}</p>
<ul class="lookalikes">${d.lookalikes.map(
        (l) => html`<li><a href="/sellers/${l.seller_id}">#${l.seller_id}</a> <span class="badge s-${l.status}">${statusLabel(l.status)}</span> ${fmtScore(l.score)}
${post('join', html`<input type="hidden" name="other" value="${l.seller_id}"><input type="hidden" name="note" value="${t('joinFromLookalike')}"><button type="submit" class="small">${t('joinButton')}</button>`)}${l.pairs.map(
          (p) => html`<div class="mono small">${contactKindName(p.kind, req.lang)} ${p.ours} ≈ ${p.theirs} (${Math.round(p.similarity * 100)}%)</div>`,
        )}</li>`,
      )}</ul>`
    : ''}
<h2>${t('statusHistory')}</h2>
<table class="history"><tbody>${d.history.map(
    (h) => html`<tr><td>${fmtTime(h.at)}</td><td>${h.actor}</td><td>${h.from_status ? ownStatus(h.from_status) : '—'} → ${ownStatus(h.to_status)}</td><td>${h.note ?? ''}${h.detail && (h.detail as Record<string, unknown>).escalated ? ' ⚑' : ''}</td></tr>`,
  )}</tbody></table>
<h2>${t('referral')}</h2>
${d.referrals.length
    ? html`<dl class="referrals">${d.referrals.map(
        (r) => html`<dt>${r.unit}</dt><dd>${fmtTime(r.referred_at)} · ${r.referred_by}${r.pack_sha256 ? html`<br>${t('packHash')}: <span class="mono">${r.pack_sha256}</span>${referralPack(r)}` : ''}${r.outcome ? html`<br>${t('outcome')}: ${r.outcome} (${r.closed_by}, ${fmtTime(r.closed_at)})` : ''}</dd>`,
      )}</dl>`
    : html`<p class="muted">${t('noneYet')}</p>`}
<h2>${t('notes')}</h2>
<ul class="notes">${d.notes.map((n) => html`<li><time>${fmtTime(n.at)}</time> <b>${n.actor}</b>: ${n.body}</li>`)}</ul>
${post('decision', html`<input type="hidden" name="action" value="note"><textarea name="note" required maxlength="5000" aria-label="${t('addNote')}"></textarea><button type="submit">${t('addNote')}</button>`, 'block')}
<h2>${t('labels')}</h2>
<ul class="labels">${d.labels.slice(0, 30).map((l) => html`<li>#${l.listing_id} ${l.label === 'seller_ad' ? t('labelConfirm') : t('labelDismiss')} · ${l.actor} · ${fmtTime(l.at)}</li>`)}</ul>
</aside>
</div>
</section>`;
  return page(req, { title: `${t('sellerTitle')} #${s.id}`, active: 'queue', body, scripts: ['common.js', 'triage.js', 'seller.js'] });
}


