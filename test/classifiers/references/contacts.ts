// The regex-only form of contactsFromView, kept so tests can check the scanners that
// replaced it (extract-contacts, web-addresses, messenger-ids) on random texts.
import type { Contact } from '../../../classifiers/types.js';
import { findPhonesReference } from './phone-numbers.js';
import { FAKE_DOT, normalizeHost } from '../../../classifiers/contacts/web-addresses.js';
import type { Found } from '../../../classifiers/contacts/web-addresses.js';
import type { IdHit } from '../../../classifiers/contacts/messenger-ids.js';
import { sameNumberId } from '../../../classifiers/contacts/messenger-ids.js';

const TLDS = 'com\\.cn|net\\.cn|org\\.cn|com|cn|net|org|top|xyz|vip|cc|info|co|io|me|site|shop|club|online|wang|ltd|biz|store|tech|asia|hk|tw|work|link|pro|ink|fun|icu|live';
const EMAIL = /[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/g;
const URL_WITH_SCHEME = /(?:https?|ftp):\/\/([a-z0-9.-]+(?::\d{1,5})?)/g;
const IP_PORT = /(?<![\d.])((?:\d{1,3}\.){3}\d{1,3}:\d{1,5})(?!\d)/g;
const BARE_HOST = new RegExp(`(?<![a-z0-9@._-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS}))(?::\\d{1,5})?(?![a-z0-9-])`, 'g');
const NOT_A_SELLER = [/(?:^|\.)gov\.cn$/, /(?:^|\.)saws\.org\.cn$/, /(?:^|\.)chsi\.com\.cn$/, /^(?:weixin\.)?qq\.com$/, /^(?:163|126|sina|sohu|baidu|taobao|tmall|jd|10086)\.(?:com|cn)$/];

const FILLER = String.raw`(?:号码|号|id|账号)?[\s:：=是为/\-（(→~>》»➡,，;；、【\[「『]*(?:搜索|添加|加|联系)?[\s:：]*`;
const WECHAT_ID = String.raw`([a-z][a-z0-9_-]{5,19}|\d(?:[\s-]?\d){4,10})`;
const WECHAT = new RegExp(String.raw`微信(?!公众号|公众平台|搜一搜|支付|群)${FILLER}${WECHAT_ID}(?![a-z0-9_-])`, 'g');
const WXID = /(?<![a-z0-9_])wxid_[a-z0-9_-]{4,30}/g;
const ADD_ID = /加[\s:：]*([a-z][a-z0-9_-]{5,19})(?![a-z0-9_-])/g;
const QQ = /qq(?:号码|号|群|交流群)?[\s:：=是为/\-→~>》»➡,，;；、【\[「『（(]*(\d(?:[\s-]?\d){4,10})(?!\d)/g;
// Several cues before one number ("电话 QQ 微信 138…", "微信/qq：…"): each names it; a phone cue keeps it a phone too.
const CUE_LIST = /(电话|手机|qq|微信)((?:[\s/、|,，;；和与及或]*(?:电话|手机|qq|微信)){1,3})(?:号码|号)?[\s:：=是为,，]*(\d(?:[\s-]?\d){4,10})(?!\d)/g;
const SAME_NUMBER = /[电微]{2}同号|(?:微信|电话|手机|电|号码)[\s/、和与及]*(?:微信)?[\s:：]*同(?:号|步|一个号)|微信[^\d]{0,3}(?:也是这号|同手机|同电话|即电话)|(?:电话|手机|电)[\s]*[/、|]?\s*微信(?=[\s:：号]*\d)|微信[\s]*[/、|]?\s*(?:电话|手机)(?=[\s:：号]*\d)/;
const OFFICIAL_ACCOUNTS = new Set(['国家安全生产考试']);

/** foldFakeDots without the hint that skips the replace. */
export function foldFakeDotsReference(text: string): string {
  return text.replace(FAKE_DOT, '.');
}

function isSellerHost(host: string): boolean {
  const bare = host.replace(/:\d+$/, '');
  if (!bare.includes('.')) return false;
  return !NOT_A_SELLER.some((re) => re.test(bare));
}

export function findWebAddressesReference(text: string): { found: Found[]; spans: Array<[number, number]> } {
  const found: Found[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  const add = (kind: 'email' | 'url', value: string, start: number, end: number) => {
    if (overlaps(start, end)) return;
    taken.push([start, end]);
    found.push({ contact: { kind, value }, start, end });
  };
  for (const m of text.matchAll(EMAIL)) add('email', m[0].replace(/\.+$/, ''), m.index, m.index + m[0].length);
  for (const m of text.matchAll(URL_WITH_SCHEME)) {
    const host = normalizeHost(m[1]!);
    const end = m.index + m[0].length;
    if (isSellerHost(host)) add('url', host, m.index, end);
    else taken.push([m.index, end]);
  }
  for (const m of text.matchAll(IP_PORT)) add('url', m[1]!, m.index, m.index + m[0].length);
  for (const m of text.matchAll(BARE_HOST)) {
    const host = normalizeHost(m[0]);
    const end = m.index + m[0].length;
    if (isSellerHost(host)) add('url', host, m.index, end);
    else taken.push([m.index, end]);
  }
  return { found: found.sort((a, b) => a.start - b.start), spans: taken };
}

function digitsOnly(s: string): string {
  return s.replace(/[\s-]/g, '');
}

export function findCuedIdsReference(text: string): IdHit[] {
  const hits: IdHit[] = [];
  for (const m of text.matchAll(WECHAT)) {
    const raw = m[1]!;
    const value = /^\d/.test(raw) ? digitsOnly(raw) : raw;
    if (OFFICIAL_ACCOUNTS.has(value)) continue;
    const start = m.index + m[0].length - raw.length;
    hits.push({ kind: 'wechat', value, start, end: start + raw.length });
  }
  for (const m of text.matchAll(WXID)) hits.push({ kind: 'wechat', value: m[0], start: m.index, end: m.index + m[0].length });
  for (const m of text.matchAll(ADD_ID)) {
    const raw = m[1]!;
    if (/^(?:qq|vip|wechat)/.test(raw)) continue;
    const start = m.index + m[0].length - raw.length;
    hits.push({ kind: 'wechat', value: raw, start, end: start + raw.length });
  }
  for (const m of text.matchAll(QQ)) {
    const raw = m[1]!;
    const value = digitsOnly(raw);
    if (value.startsWith('0')) continue;
    const start = m.index + m[0].length - raw.length;
    hits.push({ kind: 'qq', value, start, end: start + raw.length });
  }
  for (const m of text.matchAll(CUE_LIST)) {
    const cues = m[1]! + m[2]!;
    const raw = m[3]!;
    const value = digitsOnly(raw);
    const start = m.index + m[0].length - raw.length;
    const at = hits.filter((h) => h.start === start);
    if (/微信/.test(cues) && !at.some((h) => h.kind === 'wechat')) hits.push({ kind: 'wechat', value, start, end: start + raw.length });
    if (/qq/.test(cues) && !/^0/.test(value) && !at.some((h) => h.kind === 'qq')) hits.push({ kind: 'qq', value, start, end: start + raw.length });
    if (/电话|手机/.test(cues)) for (const h of hits) if (h.start === start) h.alsoPhone = true;
  }
  return hits;
}

export function sameNumberAtReference(text: string): number {
  return SAME_NUMBER.exec(text)?.index ?? -1;
}

function mask(text: string, spans: Array<[number, number]>): string {
  if (spans.length === 0) return text;
  const sorted = [...spans].sort((x, y) => x[0] - y[0]);
  let out = '';
  let at = 0;
  for (const [a, b] of sorted) {
    if (b <= at) continue;
    const from = Math.max(a, at);
    out += text.slice(at, from) + ' '.repeat(b - from);
    at = b;
  }
  return out + text.slice(at);
}

export function contactsFromViewReference(contactView: string): Contact[] {
  const view = foldFakeDotsReference(contactView);
  const web = findWebAddressesReference(view);
  const rest = mask(view, web.spans);
  const cued = findCuedIdsReference(rest);
  const sameAt = sameNumberAtReference(rest);
  const phones = findPhonesReference(sameAt >= 0 ? rest : mask(rest, cued.filter((h) => !h.alsoPhone).map((h) => [h.start, h.end] as [number, number])));
  const same = sameNumberId(phones, sameAt);
  const ids = same ? [...cued, same] : cued;
  const all: Array<{ contact: Contact; start: number }> = [
    ...web.found.map((f) => ({ contact: f.contact, start: f.start })),
    ...phones.map((p) => ({ contact: { kind: 'phone' as const, value: p.value }, start: p.start })),
    ...ids.map((h) => ({ contact: { kind: h.kind, value: h.value.toLowerCase() }, start: h.start })),
  ];
  all.sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  const out: Contact[] = [];
  for (const { contact } of all) {
    const key = `${contact.kind}:${contact.value}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(contact);
  }
  return out;
}
