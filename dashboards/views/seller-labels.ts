// How a seller's status and lead-rule category read on screen: status "new" says 新线索 only for a
// lead, so a seller the lead rule does not accept is never shown as one, whatever page lists it.
import { html, type SafeHtml } from '../html/escape.js';
import type { MessageKey } from '../i18n/messages.js';
import type { SellerCategory as Category } from '../../pipeline/leads/lead-rule.js';
import type { Translator } from './layout.js';

export function statusLabel(t: Translator, status: string, category: Category): string {
  if (status === 'new' && category !== 'lead') return t('statusNewNotLead');
  return t(`status_${status}` as MessageKey) ?? status;
}

/** The status badge, with the category beside it when the seller is not a lead. */
export function statusBadge(t: Translator, status: string, category: Category): SafeHtml {
  const notLead = category !== 'lead';
  return html`<span class="badge s-${status}${notLead ? ' not-lead' : ''}">${statusLabel(t, status, category)}</span>${
    notLead ? html` <span class="chip cat-${category}">${t(`category_${category}`)}</span>` : ''
  }`;
}
