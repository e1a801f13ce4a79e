// E-mail addresses and web hosts in post text, including "点com"/"[.]" spellings;
// official and big-platform hosts are not a seller's contact and are dropped.
import type { Contact } from '../types.js';
import { IS_SPACE } from '../text/whitespace.js';

const TLDS = 'com\\.cn|net\\.cn|org\\.cn|com|cn|net|org|top|xyz|vip|cc|info|co|io|me|site|shop|club|online|wang|ltd|biz|store|tech|asia|hk|tw|work|link|pro|ink|fun|icu|live';
// Obfuscated dots before a TLD: "点", "[.]", "(.)", "。", " dot ".
const FAKE_DOT = new RegExp(`\\s*(?:\\[\\.\\]|\\(\\.\\)|\\[点\\]|\\(点\\)|点|。|\\sdot\\s)\\s*(?=(?:${TLDS})(?![a-z]))`, 'g');
const EMAIL = /[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/g;
const URL_WITH_SCHEME = /(?:https?|ftp):\/\/([a-z0-9.-]+(?::\d{1,5})?)/g;
const IP_PORT = /(?<![\d.])((?:\d{1,3}\.){3}\d{1,3}:\d{1,5})(?!\d)/g;
const BARE_HOST = new RegExp(`(?<![a-z0-9@._-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS}))(?::\\d{1,5})?(?![a-z0-9-])`, 'g');

/** Hosts that never identify a seller: the genuine verification sites and mail/portal platforms. */
const NOT_A_SELLER = [/(?:^|\.)gov\.cn$/, /(?:^|\.)saws\.org\.cn$/, /(?:^|\.)chsi\.com\.cn$/, /^(?:weixin\.)?qq\.com$/, /^(?:163|126|sina|sohu|baidu|taobao|tmall|jd|10086)\.(?:com|cn)$/];

export function foldFakeDots(text: string): string {
  return mayHaveFakeDot(text) ? text.replace(FAKE_DOT, '.') : text;
}

/** The regex replace foldFakeDots stands for, for tests. */
export function foldFakeDotsReference(text: string): string {
  return text.replace(FAKE_DOT, '.');
}

/**
 * Whether FAKE_DOT can match: some fake dot's last character (] ) 点 。 or the space after
 * "dot") has a latin letter as the next character that is not white space, where a TLD would
 * start. Most posts have 。 only before Chinese text, and skip the replace.
 */
function mayHaveFakeDot(text: string): boolean {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    const ends = c === 0x5d || c === 0x29 || c === 0x70b9 || c === 0x3002 || (IS_SPACE[c] === 1 && i >= 3 && text.startsWith('dot', i - 3));
    if (!ends) continue;
    let j = i + 1;
    while (j < n && IS_SPACE[text.charCodeAt(j)] === 1) j++;
    if (j < n) {
      const d = text.charCodeAt(j);
      if (d >= 97 && d <= 122) return true;
    }
  }
  return false;
}

export function normalizeHost(hostPort: string): string {
  let h = hostPort.toLowerCase().replace(/\.+$/, '');
  if (h.startsWith('www.')) h = h.slice(4);
  return h;
}

function isSellerHost(host: string): boolean {
  const bare = host.replace(/:\d+$/, '');
  if (!bare.includes('.')) return false;
  return !NOT_A_SELLER.some((re) => re.test(bare));
}

export interface Found {
  contact: Contact;
  start: number;
  end: number;
}

/** E-mails and URLs in `text` (contact view, lower-case); `spans` covers every address seen, kept or not, so the caller can mask them. */
export function findWebAddresses(text: string): { found: Found[]; spans: Array<[number, number]> } {
  const found: Found[] = [];
  const taken: Array<[number, number]> = [];
  const overlaps = (s: number, e: number) => taken.some(([a, b]) => s < b && e > a);
  const add = (kind: 'email' | 'url', value: string, start: number, end: number) => {
    if (overlaps(start, end)) return;
    taken.push([start, end]);
    found.push({ contact: { kind, value }, start, end });
  };
  if (!/[.@:]/.test(text)) return { found, spans: taken };
  if (text.includes('@')) for (const m of text.matchAll(EMAIL)) add('email', m[0].replace(/\.+$/, ''), m.index, m.index + m[0].length);
  if (text.includes('://')) for (const m of text.matchAll(URL_WITH_SCHEME)) {
    const host = normalizeHost(m[1]!);
    const end = m.index + m[0].length;
    if (isSellerHost(host)) add('url', host, m.index, end);
    else taken.push([m.index, end]);
  }
  if (/\d\.\d/.test(text)) for (const m of text.matchAll(IP_PORT)) add('url', m[1]!, m.index, m.index + m[0].length);
  if (/[a-z0-9]\.[a-z]{2}/.test(text)) for (const m of text.matchAll(BARE_HOST)) {
    const host = normalizeHost(m[0]);
    const end = m.index + m[0].length;
    if (isSellerHost(host)) add('url', host, m.index, end);
    else taken.push([m.index, end]);
  }
  return { found: found.sort((a, b) => a.start - b.start), spans: taken };
}
