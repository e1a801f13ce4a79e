// The seller page's note on fake verification sites: for a site, its host, why it was judged a clone
// and the sellers citing it; for a seller, the sites it cites. Nothing when neither applies.
import { html, type SafeHtml } from '../html/escape.js';
import type { SellerDetail } from '../seller/seller-detail.js';
import type { Translator } from './layout.js';

export function verificationSiteBlock(d: SellerDetail, t: Translator): SafeHtml | string {
  const site = d.verificationSite;
  const links = (ids: number[]) => html`<ul class="verification-links">${ids.map((id) => html`<li><a href="/sellers/${id}">#${id}</a></li>`)}</ul>`;
  if (site) {
    const citing = d.citations.filter((c) => c.site_id === d.seller.id).map((c) => c.seller_id);
    return html`<h2>${t('verificationSite')}</h2>
<p class="hint">${t('verificationSiteHint')}</p>
<p class="mono">${site.host}</p>${site.title ? html`<p>${site.title}</p>` : ''}
<ul class="reasons">${site.reasons.map((r) => html`<li>${r}</li>`)}</ul>
<h2>${t('verificationCitedBy')}</h2>${citing.length ? links(citing) : html`<p class="muted">${t('none')}</p>`}`;
  }
  const cited = d.citations.filter((c) => c.seller_id === d.seller.id).map((c) => c.site_id);
  return cited.length ? html`<h2>${t('verificationSitesCited')}</h2>${links(cited)}` : '';
}
