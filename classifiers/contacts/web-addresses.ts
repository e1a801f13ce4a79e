// E-mail addresses and web hosts in post text, including "点com"/"[.]" spellings;
// official and big-platform hosts are not a seller's contact and are dropped.
import type { Contact } from '../types.js';
import { execFrom } from './exec-from.js';

const TLDS = 'com\\.cn|net\\.cn|org\\.cn|com|cn|net|org|top|xyz|vip|cc|info|co|io|me|site|shop|club|online|wang|ltd|biz|store|tech|asia|hk|tw|work|link|pro|ink|fun|icu|live';
// Obfuscated dots before a TLD: "点", "[.]", "(.)", "。", " dot ".
export const FAKE_DOT = new RegExp(`\\s*(?:\\[\\.\\]|\\(\\.\\)|\\[点\\]|\\(点\\)|点|。|\\sdot\\s)\\s*(?=(?:${TLDS})(?![a-z]))`, 'g');
const EMAIL = /[a-z0-9][a-z0-9._%+-]*@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/g;
const URL_WITH_SCHEME = /(?:https?|ftp):\/\/([a-z0-9.-]+(?::\d{1,5})?)/g;
const IP_PORT = /(?<![\d.])((?:\d{1,3}\.){3}\d{1,3}:\d{1,5})(?!\d)/g;
const BARE_HOST = new RegExp(`(?<![a-z0-9@._-])((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+(?:${TLDS}))(?::\\d{1,5})?(?![a-z0-9-])`, 'g');

/** Hosts that never identify a seller: the genuine verification sites and mail/portal platforms. */
const NOT_A_SELLER = [/(?:^|\.)gov\.cn$/, /(?:^|\.)saws\.org\.cn$/, /(?:^|\.)chsi\.com\.cn$/, /^(?:weixin\.)?qq\.com$/, /^(?:163|126|sina|sohu|baidu|taobao|tmall|jd|10086)\.(?:com|cn)$/];

/**
 * Whether FAKE_DOT can match: some fake dot's last character (] ) 点 。 or the space after
 * "dot") has a latin letter as the next character that is not white space, where a TLD would
 * start. Most posts have 。 only before Chinese text, and skip the replace.
 */
const FAKE_DOT_HINT = /[\])点。]\s*[a-z]|dot\s\s*[a-z]/;

export function foldFakeDots(text: string): string {
  return FAKE_DOT_HINT.test(text) ? text.replace(FAKE_DOT, '.') : text;
}

export function normalizeHost(hostPort: string): string {
  let h = hostPort.toLowerCase().replace(/\.+$/, '');
  if (h.startsWith('www.')) h = h.slice(4);
  return h;
}

function isSellerHost(host: string): boolean {
  const bare = host.replace(/:\d+$/, '');
  if (!bare.includes('.')) return false;
  for (const re of NOT_A_SELLER) if (re.test(bare)) return false;
  return true;
}

export interface Found {
  contact: Contact;
  start: number;
  end: number;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLower = (c: number) => c >= 97 && c <= 122;
// BARE_HOST's lookbehind class: a host can only start where a run of these does.
const isHostRunChar = (c: number) => isLower(c) || isDigit(c) || c === 0x40 || c === 0x2e || c === 0x5f || c === 0x2d;

// What the dots in a text allow, so each address regex runs only where it can match.
const DIGIT_DOT_DIGIT = 1; // /\d\.\d/, for IP_PORT
const HOST_DOT = 2; // /[a-z0-9]\.[a-z]{2}/, for BARE_HOST

function dotKinds(text: string): number {
  let kinds = 0;
  for (let i = text.indexOf('.', 1); i >= 0 && kinds !== 3; i = text.indexOf('.', i + 1)) kinds |= dotKind(text, i);
  return kinds;
}

function dotKind(text: string, i: number): number {
  const a = text.charCodeAt(i - 1);
  const b = text.charCodeAt(i + 1);
  let kind = isDigit(a) && isDigit(b) ? DIGIT_DOT_DIGIT : 0;
  if ((isLower(a) || isDigit(a)) && isLower(b) && isLower(text.charCodeAt(i + 2))) kind |= HOST_DOT;
  return kind;
}

const BARE_HOST_AT = new RegExp(BARE_HOST.source, 'y');

const byStart = (a: Found, b: Found) => a.start - b.start;

// Where each finder's spans begin in `taken`. A finder's own spans come in text order and never
// overlap, so one binary search per finder answers "does this overlap anything taken?": a page
// of 10,000 addresses costs 10,000 × log, not 10,000² comparisons.
const passStarts: number[] = [];

/** Whether [start, end) overlaps a span in `taken`. */
function overlapsTaken(taken: Array<[number, number]>, start: number, end: number): boolean {
  for (let p = 0; p < passStarts.length; p++) {
    // The last span of this pass that starts before `end` is the only one that can reach past `start`.
    let lo = passStarts[p]!;
    let hi = p + 1 < passStarts.length ? passStarts[p + 1]! : taken.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (taken[mid]![0] < end) lo = mid + 1;
      else hi = mid;
    }
    if (lo > passStarts[p]! && taken[lo - 1]![1] > start) return true;
  }
  return false;
}

/** Records an address unless it overlaps one already taken. */
function add(found: Found[], taken: Array<[number, number]>, kind: 'email' | 'url', value: string, start: number, end: number): void {
  if (overlapsTaken(taken, start, end)) return;
  taken.push([start, end]);
  found.push({ contact: { kind, value }, start, end });
}

/** E-mails and URLs in `text` (contact view, lower-case); `spans` covers every address seen, kept or not, so the caller can mask them. */
export function findWebAddresses(text: string): { found: Found[]; spans: Array<[number, number]> } {
  const found: Found[] = [];
  const taken: Array<[number, number]> = [];
  const dots = dotKinds(text);
  passStarts.length = 0;
  passStarts.push(0);
  if (text.includes('@')) for (let m = execFrom(EMAIL, text); m; m = EMAIL.exec(text)) add(found, taken, 'email', m[0].replace(/\.+$/, ''), m.index, m.index + m[0].length);
  passStarts.push(taken.length);
  if (text.includes('://')) for (let m = execFrom(URL_WITH_SCHEME, text); m; m = URL_WITH_SCHEME.exec(text)) {
    const host = normalizeHost(m[1]!);
    const end = m.index + m[0].length;
    if (isSellerHost(host)) add(found, taken, 'url', host, m.index, end);
    else taken.push([m.index, end]);
  }
  passStarts.push(taken.length);
  if (dots & DIGIT_DOT_DIGIT) for (let m = execFrom(IP_PORT, text); m; m = IP_PORT.exec(text)) add(found, taken, 'url', m[1]!, m.index, m.index + m[0].length);
  passStarts.push(taken.length);
  if (dots & HOST_DOT) findBareHosts(text, found, taken);
  if (found.length > 1) found.sort(byStart);
  return { found, spans: taken };
}

/**
 * What matchAll(BARE_HOST) adds, trying the sticky regex only at the run starts (its lookbehind
 * allows no other start) before a dot that can begin a TLD, in text order, each past the last match.
 */
function findBareHosts(text: string, found: Found[], taken: Array<[number, number]>): void {
  let done = 0; // matchAll would resume here, and no run start before it can match
  for (let i = text.indexOf('.', 1); i >= 0; i = text.indexOf('.', i + 1)) {
    if ((dotKind(text, i) & HOST_DOT) === 0) continue;
    // Back to the run's start, but not past `done`, so a long run is walked once.
    let start = i;
    while (start > done && isHostRunChar(text.charCodeAt(start - 1))) start--;
    if (start === done && start > 0 && isHostRunChar(text.charCodeAt(start - 1))) {
      done = i; // this run began before done: nothing up to this dot can start a host
      continue;
    }
    BARE_HOST_AT.lastIndex = start;
    const m = BARE_HOST_AT.exec(text);
    done = m ? BARE_HOST_AT.lastIndex : i + 1;
    if (!m) continue;
    const host = normalizeHost(m[0]);
    if (isSellerHost(host)) add(found, taken, 'url', host, start, done);
    else taken.push([start, done]);
    if (done > i) i = done - 1;
  }
}
