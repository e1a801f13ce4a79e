// The dashboard's side of the shared display names (pipeline/display): chips for certificates,
// contacts and platforms in the request's language, and schedules described in words.
import type { FastifyRequest } from 'fastify';
import cronstrue from 'cronstrue/dist/cronstrue-i18n.js';
import { html, type SafeHtml } from '../html/escape.js';
import { certName, contactDisplay, contactKindName, platformName } from '../../pipeline/display/display-labels.js';

export function platformsText(req: FastifyRequest, codes: readonly string[] | null | undefined): string {
  return [...new Set((codes ?? []).map((p) => platformName(p, req.lang)))].join(req.lang === 'zh' ? '、' : ', ');
}

/** One contact as `微信 dgz-7345`, its kind as a class for colour. */
export function contactChip(req: FastifyRequest, c: { kind: string; value: string }): SafeHtml {
  return html`<span class="contact k-${c.kind}"><span class="kind">${contactKindName(c.kind, req.lang)}</span> ${contactDisplay(c.kind, c.value)}</span>`;
}

export function certChip(c: { code: string; label?: string | null; authority?: string }, title?: string): SafeHtml {
  return html`<span class="chip auth-${c.authority ?? 'other'}"${title ? html` title="${title}"` : ''}>${certName(c.code, c.label)}</span>`;
}

/** A cron expression in words (every 30 minutes reads 每隔 30 分钟); (the expression stays in the title); an unreadable one is shown as is. */
export function scheduleText(req: FastifyRequest, cron: string | null | undefined): string {
  if (!cron) return '—';
  try {
    return cronstrue.toString(cron, { locale: req.lang === 'zh' ? 'zh_CN' : 'en', use24HourTimeFormat: true, verbose: false });
  } catch {
    return cron;
  }
}
