// Campaign statistics (统计): a date range and period, totals, charts drawn by the locally served
// ECharts from data in an attribute (no inline script), and the same figures as headed tables below.
import type { FastifyRequest } from 'fastify';
import { html } from '../html/escape.js';
import { hasRole } from '../auth/roles.js';
import type { MessageKey } from '../i18n/messages.js';
import type { CampaignStats, Period } from '../storage/campaign-stats.js';
import { certName, platformName, sellerStatusName } from '../../pipeline/display/display-labels.js';
import { page, translator } from './layout.js';

export function statsView(req: FastifyRequest, s: CampaignStats): string {
  const t = translator(req);
  const lang = req.lang;
  const q = (o: { period?: Period }) => {
    const p = new URLSearchParams();
    p.set('period', o.period ?? s.period);
    if (s.range.from) p.set('from', s.range.from);
    if (s.range.to) p.set('to', s.range.to);
    return `?${p.toString()}`;
  };
  const certs = s.byCert.map((r) => ({ ...r, name: certName(r.code, r.label) }));
  const platforms = s.byPlatform.map((r) => ({ ...r, name: platformName(r.platform, lang) }));
  const labels = {
    newListings: t('newListings'), flaggedListings: t('flaggedListings'), newSellers: t('newSellers'), confirmedSellers: t('confirmedSellers'),
    referredCases: t('referredCases'), closedCases: t('closedCases'), leads: t('statsLeads'),
    byCert: t('byCert'), byPlatform: t('byPlatform'), byStatus: t('byStatus'),
    certNames: certs.map((c) => c.name), platformNames: platforms.map((p) => p.name),
    status: Object.fromEntries(s.byStatus.map((x) => [x.status, sellerStatusName(x.status, lang)])),
  };
  const periodName = t(s.period === 'week' ? 'perWeek' : s.period === 'month' ? 'perMonth' : 'perDay');
  const tt = s.totals;
  const body = html`<section class="stats">
<h1>${t('statsTitle')} <small class="range">${t('statsRange', { from: s.range.from ?? '—', to: s.range.to ?? '—' })}</small></h1>
<form class="filters" method="get" action="/stats">
  <label>${t('filterFrom')} <input type="date" name="from" value="${s.range.from ?? ''}"></label>
  <label>${t('filterTo')} <input type="date" name="to" value="${s.range.to ?? ''}"></label>
  <select name="period" aria-label="${t('statsPeriod')}">${(['day', 'week', 'month'] as const).map(
    (p) => html`<option value="${p}"${p === s.period ? html` selected` : ''}>${t(p === 'week' ? 'perWeek' : p === 'month' ? 'perMonth' : 'perDay')}</option>`,
  )}</select>
  <button type="submit">${t('filterApply')}</button> <a href="/stats">${t('filterReset')}</a>
  ${hasRole(req.user!.role, 'supervisor') ? html`<a class="button" href="/stats/table.xlsx${q({})}">${t('statsXlsx')}</a>` : ''}
</form>
<p class="totals" data-leads="${tt.leads}" data-review="${tt.review}">${t('statsLeadTotals', { leads: tt.leads, review: tt.review })}</p>
<table class="stats-table totals-table"><thead><tr>
<th>${t('newListings')}</th><th>${t('flaggedListings')}</th><th>${t('statsLeads')}</th><th>${t('confirmedSellers')}</th><th>${t('referredCases')}</th><th>${t('closedCases')}</th>
</tr></thead><tbody><tr class="num"><td>${tt.listings}</td><td>${tt.flagged}</td><td>${tt.leads}</td><td>${tt.confirmed}</td><td>${tt.referred}</td><td>${tt.closed}</td></tr></tbody></table>
<div id="stats" data-stats="${JSON.stringify(s)}" data-labels="${JSON.stringify(labels)}">
  <div class="chart wide" id="chart-series"></div>
  <div class="chart" id="chart-cert"></div>
  <div class="chart" id="chart-platform"></div>
  <div class="chart" id="chart-status"></div>
</div>
<h2>${periodName}</h2>
<table class="stats-table series"><thead><tr><th>${t('statsBucket')}</th><th>${t('newListings')}</th><th>${t('flaggedListings')}</th><th>${t('newSellers')}</th><th>${t('confirmedSellers')}</th><th>${t('referredCases')}</th><th>${t('closedCases')}</th></tr></thead>
<tbody>${s.series.slice(-31).map((r) => html`<tr><td>${s.period === 'month' ? r.bucket.slice(0, 7) : r.bucket}</td><td>${r.new_listings}</td><td>${r.flagged_listings}</td><td>${r.new_sellers}</td><td>${r.confirmed_sellers}</td><td>${r.referred_cases}</td><td>${r.closed_cases}</td></tr>`)}</tbody></table>
<div class="grid3">
<table class="stats-table by-cert"><caption>${t('byCert')}</caption><thead><tr><th>${t('certTypes')}</th><th>${t('statsLeads')}</th><th>${t('confirmedSellers')}</th><th>${t('referredCases')}</th><th>${t('flaggedListings')}</th></tr></thead>
<tbody>${certs.map((r) => html`<tr><td title="${t(`authority_${r.authority}` as MessageKey) ?? ''}">${r.name}</td><td>${r.leads}</td><td>${r.confirmed}</td><td>${r.referred}</td><td>${r.listings}</td></tr>`)}</tbody></table>
<table class="stats-table by-platform"><caption>${t('byPlatform')}</caption><thead><tr><th>${t('filterPlatform')}</th><th>${t('statsLeads')}</th><th>${t('confirmedSellers')}</th><th>${t('referredCases')}</th><th>${t('flaggedListings')}</th></tr></thead>
<tbody>${platforms.map((r) => html`<tr><td>${r.name}</td><td>${r.leads}</td><td>${r.confirmed}</td><td>${r.referred}</td><td>${r.listings}</td></tr>`)}</tbody></table>
<table class="stats-table by-status"><caption>${t('byStatus')}</caption><thead><tr><th>${t('colStatus')}</th><th>${t('statsLeads')}</th></tr></thead>
<tbody>${s.byStatus.map((r) => html`<tr><td>${sellerStatusName(r.status, lang)}</td><td>${r.sellers}</td></tr>`)}</tbody></table>
</div>
</section>`;
  return page(req, { title: t('navStats'), active: 'stats', body, scripts: ['common.js', 'echarts.min.js', 'stats.js'] });
}
