// The triage queue (线索队列): lead-rule tabs with their counts, filters, the keyboard-driven table of
// sellers with their flagged listings, bulk actions and claim badges; scripts add behaviour, not content.
import type { FastifyRequest } from 'fastify';
import { html } from '../html/escape.js';
import { hasRole } from '../auth/roles.js';
import { type QueueRow, type QueueFacets, PAGE_SIZE } from '../storage/queue.js';
import { filtersToQuery, SELLER_STATUSES, type QueueFilters } from '../queue/queue-filters.js';
import type { QueueTab } from '../queue/queue-tabs.js';
import { interpretSearch } from '../queue/search-query.js';
import type { MessageKey } from '../i18n/messages.js';
import { fmtScore, fmtTime, page, translator } from './layout.js';
import { statusBadge, statusLabel } from './seller-labels.js';
import { certChip, contactChip, platformsText } from './display.js';
import { highlightedExcerpt } from './post-preview.js';
import { certName, platformName } from '../../pipeline/display/display-labels.js';

const CLAIM_FRESH_MS = 8 * 3600_000;

export function claimIsLive(row: { assignee: string | null; claimed_at: Date | null }): boolean {
  return !!row.assignee && !!row.claimed_at && Date.now() - new Date(row.claimed_at).getTime() < CLAIM_FRESH_MS;
}

export function queueView(req: FastifyRequest, o: { filters: QueueFilters; rows: QueueRow[]; total: number; tabs: QueueTab[]; facets: QueueFacets; renderMs?: number }): string {
  const t = translator(req);
  const f = o.filters;
  const me = req.user!.username;
  const opt = (value: string, label: string, current: string | undefined) =>
    html`<option value="${value}"${value === (current ?? '') ? html` selected` : ''}>${label}</option>`;
  // Outside the leads view the status choice "new" does not read 新线索: there it picks non-leads too.
  const optionLabel = (s: string) => statusLabel(t, s, f.view === 'leads' ? 'lead' : 'review');
  const i18n = JSON.stringify({
    status: Object.fromEntries(SELLER_STATUSES.map((s) => [s, statusLabel(t, s, 'lead')])),
    statusNotLead: Object.fromEntries(SELLER_STATUSES.map((s) => [s, statusLabel(t, s, 'review')])),
    claimedBy: t('claimedBy'),
    claimedByMe: t('claimedByMe'),
    notePrompt: t('notePrompt'),
    selected: t('bulkSelected'),
    showAll: t('showAllPosts'),
    hideAll: t('hideAllPosts'),
    loading: t('loadingPosts'),
    end: t('endOfQueue'),
    done: Object.fromEntries(['confirm', 'dismiss', 'escalate', 'note', 'claim'].map((a) => [a, t(`done_${a}` as MessageKey)])),
  });
  const pages = Math.max(1, Math.ceil(o.total / PAGE_SIZE));
  const body = html`<section class="queue">
<h1>${t('navQueue')} <small>${t('total', { n: o.total })}</small></h1>
<nav class="tabs" aria-label="${t('tabsLabel')}">${o.tabs.map(
    (tab) =>
      html`<a href="/${filtersToQuery(f, { view: tab.view, status: tab.status, page: 1 })}" data-view="${tab.view}" data-status="${tab.status}"${
        tab.active ? html` class="active" aria-current="page"` : ''
      }>${t(tab.label)} <span class="count">${tab.count}</span></a>`,
  )}</nav>
<p class="view-hint">${t(f.view === 'leads' ? 'viewLeadsHint' : f.view === 'review' ? 'viewReviewHint' : 'viewAllHint')}</p>
${f.q && f.status === 'all' && interpretSearch(f.q).isContact ? html`<p class="flash search-all" role="status">${t('searchAllStatuses')}</p>` : ''}
<form class="filters" method="get" action="/">
  ${f.view !== 'leads' ? html`<input type="hidden" name="view" value="${f.view}">` : ''}
  <input type="search" name="q" value="${f.q ?? ''}" placeholder="${t('filterSearch')}" aria-label="${t('filterSearch')}">
  <select name="status" aria-label="${t('filterStatus')}">
    ${opt('open', t('statusOpen'), f.status)}${opt('all', t('statusAll'), f.status)}
    ${SELLER_STATUSES.map((s) => opt(s, optionLabel(s), f.status))}
  </select>
  <select name="source" aria-label="${t('filterSource')}">${opt('', `${t('filterSource')}: ${t('any')}`, f.source)}${o.facets.sources.map((s) => opt(s.id, s.name, f.source))}</select>
  <select name="platform" aria-label="${t('filterPlatform')}">${opt('', `${t('filterPlatform')}: ${t('any')}`, f.platform)}${o.facets.platforms.map((p) => opt(p, platformName(p, req.lang), f.platform))}</select>
  <select name="cert" aria-label="${t('filterCert')}">${opt('', `${t('filterCert')}: ${t('any')}`, f.cert)}${o.facets.certs.map((c) => opt(c.code, certName(c.code, c.label), f.cert))}</select>
  <select name="authority" aria-label="${t('filterAuthority')}">${opt('', `${t('filterAuthority')}: ${t('any')}`, f.authority)}${(['mem', 'samr', 'mohurd', 'other'] as const).map((a) => opt(a, t(`authority_${a}`), f.authority))}</select>
  <label>${t('filterFrom')} <input type="date" name="from" value="${f.from ?? ''}"></label>
  <label>${t('filterTo')} <input type="date" name="to" value="${f.to ?? ''}"></label>
  <select name="sort" aria-label="sort">${opt('score', t('sortScore'), f.sort)}${opt('recent', t('sortRecent'), f.sort)}</select>
  <button type="submit">${t('filterApply')}</button> <a href="/">${t('filterReset')}</a>
</form>
<div class="toolbar">
  <span id="selected-count" aria-live="polite"></span>
  <button type="button" data-action="confirm">${t('actConfirm')}</button>
  <button type="button" data-action="dismiss">${t('actDismiss')}</button>
  <button type="button" data-action="escalate">${t('actEscalate')}</button>
  <button type="button" data-action="note">${t('actNote')}</button>
  <button type="button" data-action="claim">${t('claim')} (a)</button>
  ${hasRole(req.user!.role, 'supervisor') ? html`<a class="button" href="/export/leads.xlsx${filtersToQuery(f, { page: 1 })}">${t('actExport')}</a>` : ''}
  <span class="kbd">${t('keyboardHelp')}</span>
</div>
<p id="queue-message" class="flash" role="status" aria-live="polite"></p>
${o.rows.length === 0
    ? html`<p class="empty">${t(f.view === 'leads' ? 'noLeads' : 'noSellers')}</p>`
    : html`<table id="queue" class="queue-table" data-me="${me}" data-i18n="${i18n}">
<thead><tr><th></th><th>${t('colScore')}</th><th>${t('colSeller')} · ${t('colBestPost')}</th><th>${t('colListings')}</th><th>${t('colPlatforms')}</th><th>${t('colCerts')}</th><th>${t('colContacts')}</th><th>${t('colStatus')}</th><th>${t('colClaim')}</th><th>${t('colFirstLastSeen')}</th></tr></thead>
<tbody>
${o.rows.map((r) => {
  const live = claimIsLive(r);
  const claim = !live ? '' : r.assignee === me ? t('claimedByMe') : t('claimedBy', { user: r.assignee! });
  return html`<tr data-id="${r.id}" data-assignee="${live ? r.assignee ?? '' : ''}"${live && r.assignee !== me ? html` class="taken"` : ''}>
<td><input type="checkbox" class="sel" aria-label="#${r.id}"></td>
<td class="score">${fmtScore(r.score)}</td>
<td class="seller"><a href="/sellers/${r.id}">#${r.id}</a>${(r.platforms ?? []).includes('verification-site') ? html` <span class="badge verification-site" title="${t('verificationSiteHint')}">${t('verificationSite')}</span>` : ''} ${r.top_listing_id ? html`<a class="title" href="/listings/${r.top_listing_id}">${r.top_title || t('listingTitle')}</a>` : ''}
<div class="excerpt">${highlightedExcerpt(r.top_body ?? '', r.contacts ?? [])}</div>
${r.n_listings > 1 ? html`<button type="button" class="small expand" aria-expanded="false">${t('showAllPosts')}</button>` : ''}</td>
<td class="num">${t('listingsCount', { n: r.n_listings })}<div class="muted">${t('flaggedCount', { n: r.n_flagged })}</div></td>
<td>${platformsText(req, r.platforms)}</td>
<td>${(r.certs ?? []).slice(0, 4).map((c) => certChip(c, t(`authority_${c.authority}` as MessageKey) ?? ''))}</td>
<td class="contacts">${(r.contacts ?? []).map((c) => contactChip(req, c))}</td>
<td class="status" data-category="${r.category}">${statusBadge(t, r.status, r.category)}${r.escalated ? html` <span class="badge esc">⚑</span>` : ''}</td>
<td class="claim">${claim}</td>
<td class="seen">${fmtTime(r.first_seen)}<br>${fmtTime(r.last_seen)}</td>
</tr>`;
})}
</tbody></table>`}
<nav class="pager">
  ${f.page > 1 ? html`<a rel="prev" href="/${filtersToQuery(f, { page: f.page - 1 })}">${t('pagePrev')}</a>` : ''}
  <span>${f.page} / ${pages}</span>
  ${f.page < pages ? html`<a rel="next" href="/${filtersToQuery(f, { page: f.page + 1 })}">${t('pageNext')}</a>` : ''}
</nav>
</section>`;
  return page(req, { title: t('navQueue'), active: 'queue', body, scripts: ['common.js', 'triage.js', 'queue.js'] });
}
