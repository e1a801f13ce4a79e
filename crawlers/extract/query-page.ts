// What a page shows of a certificate query service (title, headings, forms, the text that would
// "confirm" a result), read from the crawler's one parse for the pipeline's fake-site check.
import type { CheerioAPI } from 'cheerio';
import type { Element } from 'domhandler';
import type { QueryForm, QueryPageSignals } from '../types.js';

/** Title words of a query service; pages without them and without a certificate form carry no signals. */
const QUERY_TITLE = /查询|核验|验证|查验/;
/** Fields a certificate query asks for (a forum's search box asks for none of them). */
const CERT_FIELD = /证|身份|姓名|编号|号码/;
const MAX_FORMS = 5;
const MAX_FIELDS = 12;
const MAX_TEXT = 3000;

const squash = (s: string, max: number) => s.replace(/\s+/g, ' ').trim().slice(0, max);

function absolute(href: string | undefined, base: string): string {
  try {
    return new URL(href && href.trim() ? href.trim() : base, base).href;
  } catch {
    return base;
  }
}

/** A field as a person reads it: its label, placeholder or name, whichever is there. */
function fieldText($: CheerioAPI, el: Element, labels: () => Map<string, string>): string {
  const id = el.attribs.id;
  // A label, the element around the field, or (old table layouts) the row it sits in.
  const candidates = [id ? (labels().get(id) ?? '') : '', $(el).closest('label').text(), $(el).parent().text(), $(el).closest('tr').text()];
  // A container holding more than a caption (a page header around a search box) names no field.
  const label = candidates.map((t) => squash(t, 200)).find((t) => t !== '' && t.length <= 40) ?? '';
  return squash([label, el.attribs.placeholder ?? '', el.attribs.name ?? '', el.attribs.title ?? ''].join(' '), 80);
}

/**
 * The signals of a query-like page, or undefined for pages with neither a query title nor a
 * certificate form (most of the web), so snapshots stay as small as before. Call before post extraction, which strips the DOM.
 */
export function readQueryPage($: CheerioAPI, pageUrl: string): QueryPageSignals | undefined {
  // One walk of the DOM for what every page is asked (title, top headings, forms): most pages stop after it.
  let titleEl: Element | undefined;
  const headingEls: Element[] = [];
  const formEls: Element[] = [];
  $('title, h1, h2, form').each((_, node) => {
    const el = node as Element;
    if (el.name === 'title') titleEl ??= el;
    else if (el.name === 'form') formEls.length < MAX_FORMS && formEls.push(el);
    else if (headingEls.length < 6) headingEls.push(el);
  });
  const title = titleEl ? squash($(titleEl).text(), 200) : '';
  const top = squash(headingEls.map((el) => $(el).text()).join(' | '), 300);
  // label[for] texts by id, read once and only for pages with forms (ids from the page never become selectors).
  let labelMap: Map<string, string> | undefined;
  const labels = () => {
    if (!labelMap) {
      labelMap = new Map();
      $('label[for]').slice(0, 200).each((_, l) => {
        const id = (l as Element).attribs.for;
        if (id && !labelMap!.has(id)) labelMap!.set(id, $(l).text());
      });
    }
    return labelMap;
  };
  const forms: QueryForm[] = [];
  for (const form of formEls) {
    const fields: string[] = [];
    $(form)
      .find('input, textarea, select')
      .each((_, f) => {
        const el = f as Element;
        const type = (el.attribs.type ?? 'text').toLowerCase();
        if (['hidden', 'submit', 'button', 'image', 'reset', 'checkbox', 'radio', 'file'].includes(type)) return;
        if (fields.length < MAX_FIELDS) fields.push(fieldText($, el, labels));
      });
    forms.push({ action: absolute(form.attribs.action, pageUrl), method: (form.attribs.method ?? 'get').toLowerCase().slice(0, 10), fields });
  }
  // Most pages of the web (and every forum thread) stop here: the snapshot, and so the content
  // hash that decides re-analysis, stays what it was.
  if (!forms.some((f) => f.fields.some((x) => CERT_FIELD.test(x))) && !QUERY_TITLE.test(`${title} ${top}`)) return undefined;
  // Clones put the platform's name in whatever header element their template has.
  const headings = squash($('h1, h2, h3, .title, .header, .head, [class*="title"], [class*="head"]').slice(0, 12).map((_, el) => $(el).text()).get().join(' | '), 500);
  const text = squash($('body').clone().find('script, style, noscript, template').remove().end().text(), MAX_TEXT);
  const links = $('a[href]')
    .slice(0, 200)
    .map((_, a) => absolute((a as Element).attribs.href, pageUrl))
    .get()
    .filter((u, i, all) => all.indexOf(u) === i)
    .slice(0, 50);
  return { title, headings, forms, text, links };
}
