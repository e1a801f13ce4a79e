// Sources and health (数据源): one row per source with its last run, counts (pages not yet
// analysed among them), flagged rate, schedule and next run, "run now" for admins, queues, failures.
import type { FastifyRequest } from 'fastify';
import { html } from '../html/escape.js';
import { hasRole } from '../auth/roles.js';
import type { HealthReport } from '../health/source-health.js';
import { csrfField, fmtTime, page, translator } from './layout.js';
import { scheduleText } from './display.js';
import { platformName, queueName, queueStateName, renderModeName, runStateName } from '../../pipeline/display/display-labels.js';

export function sourcesView(req: FastifyRequest, r: HealthReport, flash?: string): string {
  const t = translator(req);
  const admin = hasRole(req.user!.role, 'admin');
  const body = html`<section class="sources">
<h1>${t('sourcesTitle')}</h1>
${flash ? html`<p class="flash" role="status">${flash}</p>` : ''}
<p class="not-analysed${r.pagesNotAnalysed ? ' error' : ''}" data-pages-not-analysed="${r.pagesNotAnalysed}">${t('pagesNotAnalysed', { n: r.pagesNotAnalysed })}</p>
<table class="health">
<thead><tr><th>${t('filterSource')}</th><th>${t('colPlatforms')}</th><th>${t('lastRun')}</th><th>${t('pages')}</th><th>${t('errors')}</th><th>${t('flaggedRate')}</th><th>${t('schedule')}</th><th>${t('nextRun')}</th><th></th></tr></thead>
<tbody>${r.sources.map(
    (s) => html`<tr id="source-${s.id}" data-source="${s.id}"${s.lastRun?.status === 'failed' || s.lastRun?.status === 'abandoned' ? html` class="failed"` : ''}>
<td><b>${s.name}</b><div class="muted">${s.id}${s.enabled ? '' : html` · ${t('sourceOff')}`}</div></td>
<td>${platformName(s.platform, req.lang)} · ${renderModeName(s.render, req.lang)}</td>
<td>${s.lastRun ? html`${fmtTime(s.lastRun.started_at)} <span class="badge run-${s.lastRun.status}">${runStateName(s.lastRun.status, req.lang)}</span>${s.lastRun.error ? html`<div class="error">${s.lastRun.error}</div>` : ''}` : '—'}</td>
<td>${s.lastRun ? s.lastRun.pages : 0} <span class="muted">/ ${s.pages}</span>${s.pagesNotAnalysed ? html`<div class="error" data-not-analysed="${s.pagesNotAnalysed}">${t('notAnalysed', { n: s.pagesNotAnalysed })}</div>` : ''}</td>
<td>${s.lastRun ? s.lastRun.errors : 0}</td>
<td>${s.listings ? `${((100 * s.flagged) / s.listings).toFixed(1)}% (${s.flagged}/${s.listings})` : '—'}</td>
<td title="${s.schedule ?? ''}">${scheduleText(req, s.schedule)}</td>
<td>${fmtTime(s.nextRun)}</td>
<td>${admin ? html`<form method="post" action="/sources/${s.id}/run" class="inline">${csrfField(req)}<button type="submit">${t('runNow')}</button></form>` : ''}</td>
</tr>`,
  )}</tbody></table>
<h2>${t('queueDepths')}</h2>
${r.redisError ? html`<p class="error">${t('redisDown')}: ${r.redisError}</p>` : ''}
${r.queues
    ? html`<table class="queues"><thead><tr><th></th>${(['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const).map((k) => html`<th>${queueStateName(k, req.lang)}</th>`)}</tr></thead>
<tbody>${r.queues.map((q) => html`<tr data-queue="${q.name}"><td>${queueName(q.name, req.lang)}</td><td>${q.counts.waiting ?? 0}</td><td>${q.counts.active ?? 0}</td><td>${q.counts.delayed ?? 0}</td><td>${q.counts.prioritized ?? 0}</td><td>${q.counts.failed ?? 0}</td><td>${q.counts.completed ?? 0}</td></tr>`)}</tbody></table>
<h2>${t('failedJobs')}</h2>
<table class="failed-jobs"><tbody>${r.queues.flatMap((q) => q.failed.map((j) => html`<tr><td>${queueName(q.name, req.lang)}</td><td class="mono">${j.id}</td><td>${fmtTime(j.at)}</td><td>${j.reason}</td><td class="mono">${j.data}</td></tr>`))}</tbody></table>`
    : ''}
</section>`;
  return page(req, { title: t('navSources'), active: 'sources', body, scripts: ['common.js'] });
}
