// Campaign statistics (统计): lead totals, charts drawn by the locally served ECharts from data in
// an attribute (no inline script), with the same figures as plain tables below.
import type { FastifyRequest } from 'fastify';
import { html } from '../html/escape.js';
import { hasRole } from '../auth/roles.js';
import type { MessageKey } from '../i18n/messages.js';
import type { CampaignStats } from '../storage/campaign-stats.js';
import { page, translator } from './layout.js';

export function statsView(req: FastifyRequest, s: CampaignStats): string {
  const t = translator(req);
  const labels = {
    newSellers: t('newSellers'), confirmedSellers: t('confirmedSellers'), newListings: t('newListings'), flaggedListings: t('flaggedListings'),
    byCert: t('byCert'), byPlatform: t('byPlatform'), byStatus: t('byStatus'),
    status: Object.fromEntries(s.byStatus.map((x) => [x.status, t(`status_${x.status}` as MessageKey) ?? x.status])),
  };
  const body = html`<section class="stats">
<h1>${t('statsTitle')}</h1>
<p class="totals" data-leads="${s.totals.leads}" data-review="${s.totals.review}">${t('statsLeadTotals', { leads: s.totals.leads, review: s.totals.review })}</p>
<p class="toolbar">
  <a href="/stats?period=day"${s.period === 'day' ? html` class="active"` : ''}>${t('perDay')}</a>
  <a href="/stats?period=week"${s.period === 'week' ? html` class="active"` : ''}>${t('perWeek')}</a>
  ${hasRole(req.user!.role, 'supervisor') ? html`<a class="button" href="/stats/table.xlsx">${t('statsXlsx')}</a>` : ''}
</p>
<div id="stats" data-stats="${JSON.stringify(s)}" data-labels="${JSON.stringify(labels)}">
  <div class="chart wide" id="chart-series"></div>
  <div class="chart" id="chart-cert"></div>
  <div class="chart" id="chart-platform"></div>
  <div class="chart" id="chart-status"></div>
</div>
<h2>${s.period === 'week' ? t('perWeek') : t('perDay')}</h2>
<table class="stats-table"><thead><tr><th></th><th>${t('newSellers')}</th><th>${t('confirmedSellers')}</th><th>${t('newListings')}</th><th>${t('flaggedListings')}</th></tr></thead>
<tbody>${s.series.slice(-31).map((r) => html`<tr><td>${r.bucket}</td><td>${r.new_sellers}</td><td>${r.confirmed_sellers}</td><td>${r.new_listings}</td><td>${r.flagged_listings}</td></tr>`)}</tbody></table>
<div class="grid3">
<table class="stats-table"><caption>${t('byCert')}</caption><tbody>${s.byCert.map((r) => html`<tr><td>${r.code} ${r.label}</td><td>${r.sellers}</td><td>${r.listings}</td></tr>`)}</tbody></table>
<table class="stats-table"><caption>${t('byPlatform')}</caption><tbody>${s.byPlatform.map((r) => html`<tr><td>${r.platform}</td><td>${r.sellers}</td><td>${r.listings}</td></tr>`)}</tbody></table>
<table class="stats-table"><caption>${t('byStatus')}</caption><tbody>${s.byStatus.map((r) => html`<tr><td>${t(`status_${r.status}` as MessageKey) ?? r.status}</td><td>${r.sellers}</td></tr>`)}</tbody></table>
</div>
</section>`;
  return page(req, { title: t('navStats'), active: 'stats', body, scripts: ['common.js', 'echarts.min.js', 'stats.js'] });
}
