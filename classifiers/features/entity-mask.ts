// Replaces contact-shaped and numeric spans of the folded view by one placeholder
// character each (<URL> <EMAIL> <PHONE> <ID> <NUM>), so n-grams generalise over them.
export const TOKENS = { url: '⌂', email: '✉', phone: '℡', id: 'Ⓘ', num: '#' } as const;

const URL_RE = /(?:https?:\/\/)?(?:[a-z0-9-]+\.)+(?:com|cn|net|org|top|xyz|vip|cc|info|co|io|me|site|shop|club|wang|ltd|biz|hk)(?::\d+)?(?:\/[^\s\u3400-\u9fff]*)?/g;
const EMAIL_RE = /[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/g;
const PHONE_RE = /(?<!\d)(?:86)?1[3-9]\d{9}(?!\d)/g;
const ID_RE = /(?<![a-z0-9_])(?=[a-z0-9_-]*[a-z])(?=[a-z0-9_-]*\d)[a-z0-9_-]{5,}|(?<![a-z0-9_])[a-z_][a-z0-9_-]{7,}/g;
const NUM_RE = /\d+(?:\.\d+)?/g;

export function maskEntities(folded: string): string {
  // Each pattern needs a character the text may lack ('@', '.', a digit, a letter or '_'); replacing
  // never adds one, so a pass whose character is absent from the input is skipped.
  let at = false;
  let dot = false;
  let digit = false;
  let idChar = false;
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i);
    if (c >= 48 && c <= 57) digit = true;
    else if ((c >= 97 && c <= 122) || c === 95) idChar = true;
    else if (c === 46) dot = true;
    else if (c === 64) at = true;
  }
  let s = folded;
  if (at) s = s.replace(EMAIL_RE, TOKENS.email);
  if (dot) s = s.replace(URL_RE, TOKENS.url);
  if (digit) s = maskPhones(s);
  if (idChar) s = maskIds(s);
  if (digit) s = maskNumbers(s);
  return s;
}

/** maskEntities with the regex replaces the scans below stand for, for tests. */
export function maskEntitiesReference(folded: string): string {
  return folded.replace(EMAIL_RE, TOKENS.email).replace(URL_RE, TOKENS.url).replace(PHONE_RE, TOKENS.phone).replace(ID_RE, TOKENS.id).replace(NUM_RE, TOKENS.num);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isLetter = (c: number) => c >= 97 && c <= 122;
// [a-z0-9_-]: what an id is made of; the lookbehind of ID_RE leaves '-' out.
const isIdChar = (c: number) => isLetter(c) || isDigit(c) || c === 95 || c === 45;

/** replace(PHONE_RE, ℡): a whole digit run of 1[3-9] + 9 digits, or 86 before that. */
function maskPhones(s: string): string {
  let out = '';
  let copied = 0;
  const n = s.length;
  for (let p = 0; p < n; p++) {
    if (!isDigit(s.charCodeAt(p))) continue;
    let q = p + 1;
    while (q < n && isDigit(s.charCodeAt(q))) q++;
    const len = q - p;
    const at = len === 13 && s.charCodeAt(p) === 56 && s.charCodeAt(p + 1) === 54 ? p + 2 : p;
    if ((len === 11 || at !== p) && s.charCodeAt(at) === 49 && s.charCodeAt(at + 1) >= 51 && s.charCodeAt(at + 1) <= 57) {
      out += s.slice(copied, p) + TOKENS.phone;
      copied = q;
    }
    p = q - 1;
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/** replace(ID_RE, Ⓘ): from a start not after [a-z0-9_], the whole [a-z0-9_-] run when it holds a letter and a digit and is ≥ 5 long, or starts with [a-z_] and is ≥ 8 long. */
function maskIds(s: string): string {
  let out = '';
  let copied = 0;
  const n = s.length;
  for (let p = 0; p < n; p++) {
    const c = s.charCodeAt(p);
    if (!isIdChar(c)) continue;
    if (p > 0) {
      const b = s.charCodeAt(p - 1);
      if (isLetter(b) || isDigit(b) || b === 95) continue;
    }
    let letter = false;
    let digit = false;
    let r = p;
    for (; r < n; r++) {
      const d = s.charCodeAt(r);
      if (isLetter(d)) letter = true;
      else if (isDigit(d)) digit = true;
      else if (d !== 95 && d !== 45) break;
    }
    const len = r - p;
    if ((letter && digit && len >= 5) || ((isLetter(c) || c === 95) && len >= 8)) {
      out += s.slice(copied, p) + TOKENS.id;
      copied = r;
      p = r - 1;
    }
  }
  return copied === 0 ? s : out + s.slice(copied);
}

/** replace(NUM_RE, #): digits, with one decimal part. */
function maskNumbers(s: string): string {
  let out = '';
  let copied = 0;
  const n = s.length;
  for (let p = 0; p < n; p++) {
    if (!isDigit(s.charCodeAt(p))) continue;
    let q = p + 1;
    while (q < n && isDigit(s.charCodeAt(q))) q++;
    if (q + 1 < n && s.charCodeAt(q) === 46 && isDigit(s.charCodeAt(q + 1))) {
      q += 2;
      while (q < n && isDigit(s.charCodeAt(q))) q++;
    }
    out += s.slice(copied, p) + TOKENS.num;
    copied = q;
    p = q - 1;
  }
  return copied === 0 ? s : out + s.slice(copied);
}
