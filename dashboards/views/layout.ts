// The page frame every screen shares: navigation by role, the language switch,
// the CSRF token for scripts, and only same-origin stylesheet and scripts.
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../html/escape.js';
import { translate, type MessageKey } from '../i18n/messages.js';
import { hasRole } from '../auth/roles.js';
import { CSRF_FIELD } from '../plugins/access-control.js';
import { DEFAULT_TIME_ZONE, formatLocalTime } from '../../core/local-time.js';

export type Translator = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function translator(req: FastifyRequest): Translator {
  return (key, vars) => translate(req.lang, key, vars);
}

export interface PageOptions {
  title: string;
  active?: 'queue' | 'sources' | 'stats' | 'audit' | 'users' | 'retrain' | 'jobs';
  body: SafeHtml;
  scripts?: string[];
}

/** A hidden CSRF field for forms that post back to us. */
export function csrfField(req: FastifyRequest): SafeHtml {
  return html`<input type="hidden" name="${CSRF_FIELD}" value="${req.user?.csrfToken ?? ''}">`;
}

export function page(req: FastifyRequest, opts: PageOptions): string {
  const t = translator(req);
  const user = req.user;
  const other = req.lang === 'zh' ? 'en' : 'zh';
  const nav = (key: NonNullable<PageOptions['active']>, href: string, label: MessageKey) =>
    html`<a href="${href}"${opts.active === key ? html` class="active" aria-current="page"` : ''}>${t(label)}</a>`;
  const links = user
    ? [
        nav('queue', '/', 'navQueue'),
        nav('stats', '/stats', 'navStats'),
        nav('sources', '/sources', 'navSources'),
        hasRole(user.role, 'supervisor') ? nav('retrain', '/retrain', 'navRetrain') : '',
        hasRole(user.role, 'admin') ? nav('audit', '/audit', 'navAudit') : '',
        hasRole(user.role, 'admin') ? nav('users', '/users', 'navUsers') : '',
        hasRole(user.role, 'admin') ? nav('jobs', '/jobs', 'navJobs') : '',
      ]
    : [];
  const doc = html`<!doctype html>
<html lang="${req.lang === 'zh' ? 'zh-CN' : 'en'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${user?.csrfToken ?? ''}">
<meta name="lang" content="${req.lang}">
<title>${opts.title} · ${t('appName')}</title>
<link rel="stylesheet" href="/assets/style.css">
</head>
<body>
<header class="top">
  <span class="brand">${t('appName')}</span>
  <nav>${links}</nav>
  <span class="who">
    <a class="lang" href="/lang/${other}?back=${encodeURIComponent(req.url.slice(0, 500))}">${t('language')}</a>
    ${user
      ? html`<span class="user">${user.username} · ${t(`role_${user.role}`)}</span>
    <form method="post" action="/logout" class="inline">${csrfField(req)}<button type="submit" class="link">${t('logout')}</button></form>`
      : ''}
  </span>
</header>
<main>
${opts.body}
</main>
${(opts.scripts ?? []).map((s) => html`<script src="/assets/${s}" defer></script>`)}
</body>
</html>`;
  return doc.value;
}

// One installation reads one clock: buildApp sets it from the config's timeZone.
let displayZone = DEFAULT_TIME_ZONE;

export function setDisplayTimeZone(zone: string): void {
  displayZone = zone;
}

export function displayTimeZone(): string {
  return displayZone;
}

/** A stored UTC time on the analysts' clock (config `timeZone`, Asia/Shanghai by default). */
export function fmtTime(v: Date | string | null | undefined, o: { seconds?: boolean } = {}): string {
  return formatLocalTime(v, displayZone, o);
}

export function fmtScore(v: number | null | undefined): string {
  return typeof v === 'number' ? v.toFixed(2) : '—';
}
