// Mobile numbers in the contact view: digit groups joined by separators are read
// as one number only in the groupings people write phones in (3-4-4, 3-8, 7-4 …).
import { IS_SPACE } from '../text/whitespace.js';

// The regex forms the scans below keep to, and that their comments name (DIGIT_RUN, DECOY_AFTER,
// SHAPES), are in test/classifiers/references/phone-numbers.ts.

/** What may join the digit groups of a run (a regex class). */
export const RUN_SEP = String.raw`[\s\-—–_.·•*~/\\|,，、。:;'"()（）\[\]【】★☆♥♡❤♦◆●○■□▲△→^=+#]`;
/** At most this many separators in a row join two digit groups ("138 - 1234 - 5678"). */
export const MAX_SEPS = 3;

// Words just before a number that make it an identifier, not a contact.
export const DECOY_BEFORE = /(?:身份证|证号|证书|编号|单号|订单|运单|快递|流水号|工号|学号|卡号|账号|帐号|icp|备案|序列号|批号|准考证|档案|合同号|发票号|税号|代码|尾号|no\.?|#)\s*[:：]?\s*[号码为是]?\s*$/;
// Words that end like a decoy but ask buyers to call: 办证号(码), 考证号, 注册账号 (the phone is the account).
export const REGISTRATION_WORD = /(?:[办考拿领代]证号|注册[账帐]号)\s*[:：]?\s*[号码为是]?\s*$/;
// What DECOY_BEFORE can end on (after trailing white space): a decoy word's last character or
// the optional 号码为是; a colon only with one of those before it. Anything else cannot be a decoy.
const DECOY_WORD_ENDS = '证号书单递码案po.#';
const DECOY_TAIL_ENDS = DECOY_WORD_ENDS + '为是';
// DECOY_AFTER's units, one code unit each, and "kg".
const DECOY_UNITS = '元块万人次个件%天年月日本张套位名份期米平';

export interface PhoneHit {
  value: string;
  start: number;
  end: number;
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLowerLetter = (c: number) => c >= 97 && c <= 122;
const isIdLetter = (c: number) => isLowerLetter(c) || c === 95;

// DIGIT_RUN's separator class per code unit, read from the regex once.
let runSeparators: Uint8Array | undefined;

function buildRunSeparators(): Uint8Array {
  const t = new Uint8Array(0x10000);
  const re = new RegExp(`^${RUN_SEP}$`);
  for (let c = 0; c < 0x10000; c++) if (re.test(String.fromCharCode(c))) t[c] = 1;
  runSeparators = t;
  return t;
}

// The digit groups of the run being read, reused from post to post.
const groupStart: number[] = [];
const groupEnd: number[] = [];

function endsWith(text: string, word: string, end: number): boolean {
  return end >= word.length && text.startsWith(word, end - word.length);
}

/** A letter glued before the digits makes them part of an id ("t1101…", "a596878686"), except phone cues; letters after only when they run on into an id. */
function gluedToId(text: string, start: number, end: number): boolean {
  if (end < text.length && isIdLetter(text.charCodeAt(end)) && !wordAfter(text, end)) return true;
  if (start === 0 || !isIdLetter(text.charCodeAt(start - 1))) return false;
  return !(endsWith(text, 'tel', start) || endsWith(text, 'phone', start) || endsWith(text, 'mobile', start) || endsWith(text, 'dh', start) || endsWith(text, 'call', start));
}

/**
 * Latin letters right after a phone are a word of their own ("13812345678HQ办证", "…abc 微信") when
 * they end on something other than a digit, '_' or '-': then the digits are no id's tail.
 */
function wordAfter(text: string, at: number): boolean {
  let p = at;
  while (p < text.length && isLowerLetter(text.charCodeAt(p))) p++;
  if (p === at || p === text.length) return p > at;
  const c = text.charCodeAt(p);
  return !isDigit(c) && c !== 95 && c !== 45;
}

/** DECOY_BEFORE on the 12 characters before `at`, asking the regex only where a decoy word can end. */
function decoyBefore(text: string, at: number): boolean {
  const from = Math.max(0, at - 12);
  let p = at;
  while (p > from && IS_SPACE[text.charCodeAt(p - 1)] === 1) p--;
  if (p === from) return false;
  const c = text.charCodeAt(p - 1);
  if (c === 0x3a || c === 0xff1a) {
    p--;
    while (p > from && IS_SPACE[text.charCodeAt(p - 1)] === 1) p--;
    if (p === from || DECOY_WORD_ENDS.indexOf(text[p - 1]!) < 0) return false;
  } else if (DECOY_TAIL_ENDS.indexOf(text[p - 1]!) < 0) return false;
  const before = text.slice(from, at);
  return DECOY_BEFORE.test(before) && !REGISTRATION_WORD.test(before);
}

/** DECOY_AFTER on the 3 characters from `at`: a price, count or date unit. */
function decoyAfter(text: string, at: number): boolean {
  const to = Math.min(text.length, at + 3);
  let p = at;
  while (p < to && IS_SPACE[text.charCodeAt(p)] === 1) p++;
  if (p === to) return false;
  if (DECOY_UNITS.indexOf(text[p]!) >= 0) return true;
  return text.charCodeAt(p) === 0x6b && p + 1 < to && text.charCodeAt(p + 1) === 0x67;
}

function groupIs(text: string, g: number, digits: string): boolean {
  return groupEnd[g]! - groupStart[g]! === digits.length && text.startsWith(digits, groupStart[g]!);
}

/**
 * The grouping of groups first..last (11 digits in all) is one people write phones in (SHAPES):
 * 11, 3-4-4, 3-8, 7-4, 3-3-5, 4-3-4, or one digit a group.
 */
function shapeOkAt(first: number, last: number): boolean {
  const parts = last - first + 1;
  if (parts === 11) return true; // one digit a group
  const a = groupEnd[first]! - groupStart[first]!;
  if (parts === 2) return a === 3 || a === 7; // 3,8 and 7,4
  if (parts !== 3) return false;
  const b = groupEnd[first + 1]! - groupStart[first + 1]!;
  return (a === 3 && (b === 4 || b === 3)) || (a === 4 && b === 3); // 3,4,4 3,3,5 4,3,4
}

/**
 * The phones in the run text[start, end), pushed to `out` unless a decoy: a run may hold several
 * ("138… 159…") or none (dates, ID numbers).
 */
function runPhones(text: string, start: number, end: number, out: PhoneHit[]): void {
  let groups = 0;
  for (let p = start; p < end; ) {
    if (!isDigit(text.charCodeAt(p))) {
      p++;
      continue;
    }
    groupStart[groups] = p;
    while (p < end && isDigit(text.charCodeAt(p))) p++;
    groupEnd[groups++] = p;
  }
  let i = 0;
  while (i < groups) {
    let accepted = false;
    // Country-code prefix as its own group: "+86 138 1234 5678", "0086-138…".
    const first = groupIs(text, i, '86') || groupIs(text, i, '0086') ? i + 1 : i;
    let digits = 0;
    for (let j = first; j < groups; j++) {
      digits += groupEnd[j]! - groupStart[j]!;
      if (digits < 11) continue;
      // 11 digits in a phone's grouping, or one group of 86/0086 and 11 digits; else no phone starts at group i.
      let value: string | undefined;
      if (digits === 11 && (j === first || shapeOkAt(first, j))) value = joinGroups(text, first, j);
      else if (j === first && isCountryCode(text, groupStart[j]!, digits - 11)) value = text.slice(groupEnd[j]! - 11, groupEnd[j]!);
      if (value === undefined || !isMobile(value)) break;
      const hit = { value, start: groupStart[i]!, end: groupEnd[j]! };
      if (!decoyBefore(text, hit.start) && !decoyAfter(text, hit.end)) out.push(hit);
      i = j + 1;
      accepted = true;
      break;
    }
    if (!accepted) i++;
  }
}

/** 11 digits read as a mobile number: 1[3-9] and nine more. */
function isMobile(digits: string): boolean {
  const c = digits.charCodeAt(1);
  return digits.charCodeAt(0) === 49 && c >= 51 && c <= 57;
}

/** The `length` digits at `at` are the country code written before a phone: 86 or 0086. */
function isCountryCode(text: string, at: number, length: number): boolean {
  return length === 2 ? text.startsWith('86', at) : length === 4 && text.startsWith('0086', at);
}

function joinGroups(text: string, first: number, last: number): string {
  if (first === last) return text.slice(groupStart[first]!, groupEnd[first]!);
  let s = '';
  for (let g = first; g <= last; g++) s += text.slice(groupStart[g]!, groupEnd[g]!);
  return s;
}

/**
 * Mobile numbers (11 digits, no +86) in `text`, skipping identifiers, prices and counts by context.
 * The runs are DIGIT_RUN's matches: digits, then while one to three separators and a digit follow,
 * more digits. Only runs of 11 digits or more can hold a phone, and such a run spans at least 11
 * code units, each a digit or separator, with no more than MAX_SEPS separators in a row: so every
 * 11th code unit is probed, and only a probe that
 * lands in a run is followed back to the run's start. Most code units are never read.
 */
export function findPhones(text: string): PhoneHit[] {
  const out: PhoneHit[] = [];
  const sep = runSeparators ?? buildRunSeparators();
  const n = text.length;
  let done = 0; // runs before this are read
  for (let x = 10; x < n; x += 11) {
    if (x < done) continue;
    // The digit of the run that holds x: x itself, or the one before its one or two separators.
    let d = x;
    const c = text.charCodeAt(x);
    if (!isDigit(c)) {
      if (sep[c] !== 1) continue;
      let k = x - 1;
      for (let seps = 1; seps < MAX_SEPS && sep[text.charCodeAt(k)] === 1; seps++) k--;
      if (!isDigit(text.charCodeAt(k))) continue;
      d = k;
    }
    if (d < done) continue;
    const start = runStart(text, d, sep);
    let end = start + 1;
    let digits = 1;
    for (;;) {
      while (end < n && isDigit(text.charCodeAt(end))) {
        end++;
        digits++;
      }
      let k = end;
      while (k < n && k - end < MAX_SEPS && sep[text.charCodeAt(k)] === 1) k++;
      if (k > end && k < n && isDigit(text.charCodeAt(k))) end = k;
      else break;
    }
    done = end;
    if (digits >= 11 && !gluedToId(text, start, end)) runPhones(text, start, end, out);
  }
  return out;
}

/** The start of the run holding the digit at `d`: back over digits and gaps of one to MAX_SEPS separators. */
function runStart(text: string, d: number, sep: Uint8Array): number {
  let s = d;
  for (;;) {
    if (isDigit(text.charCodeAt(s - 1))) {
      s--;
      continue;
    }
    let k = s - 1;
    while (s - k <= MAX_SEPS && sep[text.charCodeAt(k)] === 1) k--;
    if (k === s - 1 || !isDigit(text.charCodeAt(k))) return s;
    s = k;
  }
}
