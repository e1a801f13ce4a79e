// The price-per-certificate cue ("证 300元", "200块一本") by one scan from each 元/块 instead of
// the regex's tries at every 证, 本, digit and '#', the most frequent start characters in posts.
import { IS_SPACE } from '../text/whitespace.js';

/** The lexicon regex this scanner answers test() for; featurize uses the scanner only while they agree. */
export const PRICE_CUE_SOURCE = String.raw`(?:证|本)[^。！\n]{0,6}(?:\d+|#)\s*(?:元|块)|(?:\d+|#)\s*(?:元|块)[^。！\n]{0,3}(?:一本|一个|每本|\/本)`;

/** Every match holds 元 or 块: the pattern scanner calls priceCueAt where one occurs. */
export const PRICE_CUE_GATES = ['元', '块'];

const isDigit = (c: number) => c >= 48 && c <= 57;
// [^。！\n] stops at these.
const isStop = (c: number) => c === 0x3002 || c === 0xff01 || c === 10;

/**
 * Whether a match of new RegExp(PRICE_CUE_SOURCE) holds the 元/块 at `y`. Every match holds
 * (\d+|#)\s*(元|块): from the 元/块, the spaces before it and then a digit or '#' must follow
 * backwards. The first branch needs 证/本 within 7 code units before the number's first character,
 * with no stop between (the number's own digits never stop it, so the whole run's start is the
 * best place for it); the second needs 一本/一个/每本//本 within 3 code units after 元/块, again
 * with no stop between.
 */
export function priceCueAt(text: string, y: number): boolean {
  const n = text.length;
  let x = y;
  while (x > 0 && IS_SPACE[text.charCodeAt(x - 1)] === 1) x--;
  if (x === 0) return false;
  const last = text.charCodeAt(x - 1);
  let r: number;
  if (last === 35) r = x - 1;
  else if (isDigit(last)) {
    r = x - 1;
    while (r > 0 && isDigit(text.charCodeAt(r - 1))) r--;
  } else return false;
  for (let p = r - 1; p >= 0 && p >= r - 7; p--) {
    const d = text.charCodeAt(p);
    if (d === 0x8bc1 || d === 0x672c) return true; // 证 本
    if (isStop(d)) break;
  }
  for (let t = y + 1; t < n && t <= y + 4; t++) {
    const a = text.charCodeAt(t);
    const b = t + 1 < n ? text.charCodeAt(t + 1) : -1;
    if (b === 0x672c && (a === 0x4e00 || a === 0x6bcf || a === 0x2f)) return true; // 一本 每本 /本
    if (a === 0x4e00 && b === 0x4e2a) return true; // 一个
    if (isStop(a)) break;
  }
  return false;
}
