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
  if (digit) s = s.replace(PHONE_RE, TOKENS.phone);
  if (idChar) s = s.replace(ID_RE, TOKENS.id);
  if (digit) s = s.replace(NUM_RE, TOKENS.num);
  return s;
}
