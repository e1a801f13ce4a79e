// The queue board (任务队列) for admins: counts per queue, its failed jobs with their errors,
// and forms to retry one, retry all or clean the failed set (CSRF field like every form).
import type { FastifyRequest } from 'fastify';
import { html } from '../html/escape.js';
import type { QueueBoardRow } from '../jobs/failed-jobs.js';
import { csrfField, fmtTime, page, translator } from './layout.js';

const STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed'] as const;

export function queueBoardView(req: FastifyRequest, o: { queues: QueueBoardRow[] | null; redisError?: string; flash?: string; flashError?: boolean }): string {
  const t = translator(req);
  const queueForm = (action: string, queue: string, label: string, extra = html``) =>
    html`<form method="post" action="${action}" class="inline">${csrfField(req)}<input type="hidden" name="queue" value="${queue}">${extra}<button type="submit">${label}</button></form>`;
  const body = html`<section class="queue-board">
<h1>${t('jobsTitle')}</h1>
<p class="muted">${t('jobsHint')}</p>
${o.flash ? html`<p class="flash${o.flashError ? ' error' : ''}" role="status">${o.flash}</p>` : ''}
${o.redisError ? html`<p class="error">${t('redisDown')}: ${o.redisError}</p>` : ''}
${(o.queues ?? []).map(
    (q) => html`<section class="board-queue" data-queue="${q.name}">
<h2>${t('jobsQueue')} ${q.name}</h2>
<table class="queues"><thead><tr>${STATES.map((s) => html`<th>${s}</th>`)}</tr></thead>
<tbody><tr>${STATES.map((s) => html`<td data-state="${s}">${q.counts[s] ?? 0}</td>`)}</tr></tbody></table>
${q.failed.length
      ? html`<p>${t('jobsShown', { shown: q.failed.length, total: q.counts.failed ?? q.failed.length })}
${queueForm('/jobs/retry-all', q.name, t('jobRetryAll'))} ${queueForm('/jobs/clean', q.name, t('jobCleanFailed'))}</p>
<table class="failed-jobs"><thead><tr><th>id</th><th>${t('when')}</th><th>${t('jobAttempts')}</th><th>${t('jobError')}</th><th>${t('jobData')}</th><th></th></tr></thead>
<tbody>${q.failed.map(
          (j) => html`<tr data-job="${j.id}"><td class="mono">${j.id}</td><td>${fmtTime(j.failedAt)}</td><td>${j.attempts}</td><td class="error">${j.reason}</td><td class="mono">${j.data}</td>
<td>${queueForm('/jobs/retry', q.name, t('jobRetry'), html`<input type="hidden" name="id" value="${j.id}">`)}</td></tr>`,
        )}</tbody></table>`
      : html`<p class="muted">${t('jobsNoFailed')}</p>`}
</section>`,
  )}
</section>`;
  return page(req, { title: t('navJobs'), active: 'jobs', body, scripts: ['common.js'] });
}
