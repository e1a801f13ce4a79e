// Replaces contact-shaped and numeric spans of the folded view by one placeholder
// character each (<URL> <EMAIL> <PHONE> <ID> <NUM>), so n-grams generalise over them.
import { loadUnits } from '../text/code-units.js';

export const TOKENS = { url: '⌂', email: '✉', phone: '℡', id: 'Ⓘ', num: '#' } as const;

export const URL_RE = /(?:https?:\/\/)?(?:[a-z0-9-]+\.)+(?:com|cn|net|org|top|xyz|vip|cc|info|co|io|me|site|shop|club|wang|ltd|biz|hk)(?::\d+)?(?:\/[^\s\u3400-\u9fff]*)?/g;
// Every URL_RE match holds [a-z0-9-] \. and a TLD's first letter; most posts' dots are decimals or none.
const HOST_DOT = /[a-z0-9-]\.[a-z]/;
export const EMAIL_RE = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g;

export function maskEntities(folded: string): string {
  // The regex passes need what the text may lack ('@'; a host's dot before a letter); replacing never adds it.
  let s = folded;
  if (s.includes('@')) s = s.replace(EMAIL_RE, TOKENS.email);
  if (HOST_DOT.test(s)) s = s.replace(URL_RE, TOKENS.url);
  return maskRuns(s);
}

// Phones, ids and numbers are masked by one scan, maskRuns. Its comments name the regexes it
// stands for: PHONE_RE, ID_RE and NUM_RE of test/classifiers/references/entity-mask.ts.

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => c >= 97 && c <= 122;
// [a-z0-9_-]: what an id is made of; the lookbehind of ID_RE leaves '-' out.
const isIdChar = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c === 45;
const isWordChar = (c: number) => isLetter(c) || isDigit(c) || c === 95;

/** End of the digit run starting at p. */
function digitsEnd(s: string, p: number): number {
  while (p < s.length && isDigit(s.charCodeAt(p))) p++;
  return p;
}

/** PHONE_RE on the whole digit run [p, q): 1[3-9] + 9 digits, or 86 before that. */
function isPhoneRun(s: string, p: number, q: number): boolean {
  const len = q - p;
  const at = len === 13 && s.charCodeAt(p) === 56 && s.charCodeAt(p + 1) === 54 ? p + 2 : p;
  return (len === 11 || at !== p) && s.charCodeAt(at) === 49 && s.charCodeAt(at + 1) >= 51 && s.charCodeAt(at + 1) <= 57;
}

/**
 * ID_RE from a start p not after [a-z0-9_] in the phone-masked text: the [a-z0-9_-] run from p,
 * which a phone ends as its token would, is an id when it holds a letter and a digit and is ≥ 5
 * long, or starts with [a-z_] and is ≥ 8 long. Returns the run's end, or -1 when it is no id.
 */
function idEnd(s: string, p: number): number {
  const n = s.length;
  let letter = false;
  let digit = false;
  let r = p;
  while (r < n) {
    const d = s.charCodeAt(r);
    if (isLetter(d)) letter = true;
    else if (isDigit(d)) {
      // A whole digit run: a phone in it (never at p, which the caller checked) ends the id's run.
      const q = digitsEnd(s, r);
      if (r > p && !isDigit(s.charCodeAt(r - 1)) && isPhoneRun(s, r, q)) break;
      digit = true;
      r = q;
      continue;
    } else if (d !== 95 && d !== 45) break;
    r++;
  }
  const c = s.charCodeAt(p);
  return (letter && digit && r - p >= 5) || ((isLetter(c) || c === 95) && r - p >= 8) ? r : -1;
}

let scanUnits: Uint16Array = new Uint16Array(4096);

/**
 * replace(PHONE_RE, ℡), then replace(ID_RE, Ⓘ), then replace(NUM_RE, #), in one pass: each
 * span is decided where it starts, by what the earlier replaces would have left there.
 */
function maskRuns(s: string): string {
  let out = '';
  let copied = 0;
  // Just after the last phone: there the phone-masked text has ℡ before p, which an id may follow.
  let afterPhone = -1;
  const n = s.length;
  // The scan reads code units from one native copy (a charCodeAt per position costs more than the
  // scan); the rare runs it stops at are read from the string.
  scanUnits = loadUnits(s, scanUnits);
  const units = scanUnits;
  let p = 0;
  while (p < n) {
    const c = units[p]!;
    // Most of a post is Han and punctuation above 'z': one comparison moves past them.
    if (c > 122 || !isIdChar(c)) {
      p++;
      continue;
    }
    const runStart = isDigit(c) && (p === 0 || !isDigit(units[p - 1]!));
    const q = runStart ? digitsEnd(s, p) : p;
    if (runStart && isPhoneRun(s, p, q)) {
      out += s.slice(copied, p) + TOKENS.phone;
      copied = afterPhone = p = q;
      continue;
    }
    if (p === 0 || p === afterPhone || !isWordChar(units[p - 1]!)) {
      const r = idEnd(s, p);
      if (r >= 0) {
        out += s.slice(copied, p) + TOKENS.id;
        copied = p = r;
        continue;
      }
    }
    if (runStart) {
      // NUM_RE: the run, and '.' with the digits after it unless a phone or an id took them.
      let end = q;
      if (q + 1 < n && s.charCodeAt(q) === 46 && isDigit(s.charCodeAt(q + 1))) {
        const e = digitsEnd(s, q + 1);
        if (!isPhoneRun(s, q + 1, e) && idEnd(s, q + 1) < 0) end = e;
      }
      out += s.slice(copied, p) + TOKENS.num;
      copied = p = end;
      continue;
    }
    p++;
  }
  return copied === 0 ? s : out + s.slice(copied);
}
