// The bar on the seller and listing pages that keeps the queue's place: which lead of the queue this
// is, previous/next, back to the queue; triage.js fills it from the queue's saved order.
import type { FastifyRequest } from 'fastify';
import { html, type SafeHtml } from '../html/escape.js';
import type { MessageKey } from '../i18n/messages.js';
import { translator } from './layout.js';

export function triageNav(req: FastifyRequest, sellerId: number): SafeHtml {
  const t = translator(req);
  const i18n = JSON.stringify({
    place: t('queuePlace'),
    end: t('endOfQueue'),
    notePrompt: t('notePrompt'),
    done: Object.fromEntries(['confirm', 'dismiss', 'escalate', 'note', 'claim'].map((a) => [a, t(`done_${a}` as MessageKey)])),
  });
  return html`<nav id="triage-nav" class="triage-nav" data-seller="${sellerId}" data-i18n="${i18n}">
<a href="/" class="back">${t('backToQueue')}</a> <span class="place"></span>
<span class="kbd">${t('keyboardHelpDetail')}</span> <span class="msg" role="status" aria-live="polite"></span>
</nav>`;
}
