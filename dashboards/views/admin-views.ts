// Admin and supervisor pages: the audit log with its chain check, user management,
// and retraining from labels.
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../html/escape.js';
import type { AuditEntry, ChainCheck } from '../../pipeline/audit/audit-log.js';
import { auditActionName, describeAuditDetail } from '../../pipeline/display/audit-actions.js';
import { ROLES } from '../auth/roles.js';
import type { RetrainRun } from '../storage/retrain-runs.js';
import type { MessageKey } from '../i18n/messages.js';
import { csrfField, fmtTime, page, translator } from './layout.js';

export function auditView(req: FastifyRequest, o: { entries: AuditEntry[]; check: ChainCheck; filter: { actor?: string; action?: string; seller?: string } }): string {
  const t = translator(req);
  const body = html`<section class="audit">
<h1>${t('auditTitle')}</h1>
<p id="chain-status" class="${o.check.ok ? 'ok' : 'error'}">${o.check.ok ? t('chainOk', { n: o.check.verified ?? o.check.checked }) : t('chainBroken', { id: o.check.brokenAt ?? '?', reason: o.check.reason ?? '' })}</p>
<form class="filters" method="get" action="/audit">
  <input name="actor" value="${o.filter.actor ?? ''}" placeholder="${t('actor')}">
  <input name="action" value="${o.filter.action ?? ''}" placeholder="${t('action')}">
  <input name="seller" value="${o.filter.seller ?? ''}" placeholder="${t('sellerId')}">
  <button type="submit">${t('filterApply')}</button>
</form>
<table class="audit-log"><thead><tr><th>#</th><th>${t('when')}</th><th>${t('actor')}</th><th>${t('action')}</th><th>${t('colSeller')}</th><th>${t('detail')}</th><th>${t('hashCol')}</th></tr></thead>
<tbody>${o.entries.map(
    (e) => html`<tr><td>${e.id}</td><td>${fmtTime(e.at)}</td><td>${e.actor}</td><td title="${e.action}">${auditActionName(e.action, req.lang)}</td><td>${e.seller_id ? html`<a href="/sellers/${e.seller_id}">#${e.seller_id}</a>` : ''}${e.listing_id ? html` <a href="/listings/${e.listing_id}">L${e.listing_id}</a>` : ''}</td><td class="detail">${describeAuditDetail(e.detail, req.lang)}</td><td class="mono">${e.hash.slice(0, 12)}…</td></tr>`,
  )}</tbody></table>
</section>`;
  return page(req, { title: t('auditTitle'), active: 'audit', body, scripts: ['common.js'] });
}

export function usersView(req: FastifyRequest, o: { users: { id: number; username: string; role: string; disabled: boolean; created_at: Date }[]; flash?: string }): string {
  const t = translator(req);
  const roleSelect = (current?: string) => html`<select name="role" aria-label="${t('role')}">${ROLES.map((r) => html`<option value="${r}"${r === current ? html` selected` : ''}>${t(`role_${r}` as MessageKey)}</option>`)}</select>`;
  const body = html`<section class="users">
<h1>${t('usersTitle')}</h1>
${o.flash ? html`<p class="flash" role="status">${o.flash}</p>` : ''}
<table><thead><tr><th>${t('username')}</th><th>${t('role')}</th><th></th><th></th></tr></thead><tbody>
${o.users.map(
    (u) => html`<tr${u.disabled ? html` class="gone"` : ''}><td>${u.username}${u.disabled ? html` <span class="badge">${t('disabled')}</span>` : ''}</td>
<td><form method="post" action="/users/${u.id}" class="inline">${csrfField(req)}${roleSelect(u.role)}<button type="submit">${t('saved')}</button></form></td>
<td><form method="post" action="/users/${u.id}" class="inline">${csrfField(req)}<input type="hidden" name="disabled" value="${u.disabled ? '0' : '1'}"><button type="submit">${u.disabled ? t('enable') : t('disable')}</button></form></td>
<td>${fmtTime(u.created_at)}</td></tr>`,
  )}
</tbody></table>
<h2>${t('createUser')}</h2>
<form method="post" action="/users" class="block">${csrfField(req)}
<label>${t('username')} <input name="username" required maxlength="64"></label>
<label>${t('password')} <input name="password" type="password" required minlength="10" autocomplete="new-password"></label>
${roleSelect('analyst')}
<button type="submit">${t('createUser')}</button></form>
</section>`;
  return page(req, { title: t('usersTitle'), active: 'users', body, scripts: ['common.js'] });
}

/**
 * The retrained model on web listings it never trained on (train's webListings), in words a
 * supervisor weighs before adopting it: the real sets are mostly SMS, the bureau's posts are not.
 */
function webCheckLine(t: ReturnType<typeof translator>, metrics: Record<string, unknown> | null): SafeHtml | '' {
  const w = metrics?.webListings as { flagged?: { precision?: unknown; recall?: unknown }; reviewRecall?: unknown } | undefined;
  const pct = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '?');
  if (!w || typeof w !== 'object') return '';
  return html`<div class="web-check">${t('retrainWebCheck', { flagged: pct(w.flagged?.recall), precision: pct(w.flagged?.precision), review: pct(w.reviewRecall) })}</div>`;
}

export function retrainView(req: FastifyRequest, o: { counts: { seller_ad: number; not_seller_ad: number }; runs: RetrainRun[] }): string {
  const t = translator(req);
  const body = html`<section class="retrain">
<h1>${t('retrainTitle')}</h1>
<p>${t('labelConfirm')}: <b>${o.counts.seller_ad}</b> · ${t('labelDismiss')}: <b>${o.counts.not_seller_ad}</b></p>
<form method="post" action="/retrain" class="inline">${csrfField(req)}<button type="submit">${t('retrainStart')}</button></form>
<table><thead><tr><th>#</th><th>${t('when')}</th><th>${t('actor')}</th><th>${t('labels')}</th><th>${t('colStatus')}</th><th>${t('detail')}</th></tr></thead>
<tbody>${o.runs.map(
    (r) => html`<tr data-run="${r.id}"><td>${r.id}</td><td>${fmtTime(r.requested_at)}</td><td>${r.requested_by}</td><td>${r.labels}</td><td><span class="badge run-${r.status}">${r.status}</span></td>
<td class="mono">${r.error ?? ''}${r.model_path ?? ''} ${webCheckLine(t, r.metrics)}${Object.keys(r.metrics ?? {}).length ? JSON.stringify(r.metrics).slice(0, 300) : ''}</td></tr>`,
  )}</tbody></table>
</section>`;
  return page(req, { title: t('navRetrain'), active: 'retrain', body, scripts: ['common.js'] });
}
