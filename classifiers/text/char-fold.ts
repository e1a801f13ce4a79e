// Character-level folding: the Unicode tricks sellers use to dodge keyword filters
// (full-width, enclosed/circled letters and digits, zero-width, traditional forms).
import * as OpenCC from 'opencc-js';
import { HAN_BIT, SEP_BIT, separatorClasses } from './separators.js';

// NFKC folds full-width ASCII and most circled forms, but not the dingbat and
// "negative" enclosed forms (➀ ⓿ ❶ 🅥 🅰 🄰), so those ranges are mapped by hand.
const RANGES: Array<[from: number, to: number, base: string]> = [
  [0x2776, 0x277e, '1'], // ❶–❾
  [0x2780, 0x2788, '1'], // ➀–➈
  [0x278a, 0x2792, '1'], // ➊–➒
  [0x24f5, 0x24fd, '1'], // ⓵–⓽
  [0x1f150, 0x1f169, 'a'], // 🅐–🅩
  [0x1f170, 0x1f189, 'a'], // 🅰–🆉
  [0x1f130, 0x1f149, 'a'], // 🄰–🅉
  [0x1f110, 0x1f129, 'a'], // 🄐–🄩
  [0x1f1e6, 0x1f1ff, 'a'], // regional indicators 🇦–🇿
];

const SINGLES: Record<number, string> = {
  0x24ff: '0', // ⓿
  0x24ea: '0', // ⓪
  0x1f10b: '0', // 🄋
  0x1f10c: '0', // 🄌
  0x277f: '10',
  0x2789: '10',
  0x2793: '10',
  0x24fe: '10',
  0x2795: '+', // ➕
  0xff0b: '+',
  0x3007: '〇',
};

// Invisible characters that split a word without showing: zero-width, joiners,
// soft hyphen, variation selectors, combining marks (strike-through, keycaps).
function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x2060 && cp <= 0x2064) ||
    cp === 0xfeff ||
    cp === 0x00ad ||
    cp === 0x180e ||
    cp === 0x034f ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0x0300 && cp <= 0x036f) ||
    (cp >= 0x20d0 && cp <= 0x20ff) ||
    (cp >= 0xe0000 && cp <= 0xe007f)
  );
}

// BMP lookup table: 0 keep, -1 drop, -2 a multi-character replacement from SINGLES, otherwise the replacement code unit. Built once.
let table: Int32Array | undefined;

function buildTable(): Int32Array {
  const t = new Int32Array(0x10000);
  for (let c = 65; c <= 90; c++) t[c] = c + 32;
  for (let c = 0; c < 0x10000; c++) if (isInvisible(c)) t[c] = -1;
  for (const from of ['hk', 'tw'] as const) {
    const conv = OpenCC.Converter({ from, to: 'cn' });
    for (let c = 0x3400; c <= 0x9fff; c++) {
      if (t[c] !== 0) continue;
      const ch = String.fromCharCode(c);
      const out = conv(ch);
      if (out !== ch && out.length === 1) t[c] = out.charCodeAt(0);
    }
  }
  // One character at a time opencc loses the phrase context: it turns 么 (the simplified form of
  // 麼) into 幺, so 什么 became 什幺. A character that is itself some character's simplified form stays.
  const simplified = new Set<number>();
  for (let c = 0x3400; c <= 0x9fff; c++) if (t[c]! > 0) simplified.add(t[c]!);
  for (const c of simplified) if (t[c]! > 0) t[c] = 0;
  // Variant glyphs opencc leaves alone but sellers use for the same word.
  for (const [a, b] of [['証', '证'], ['銲', '焊'], ['僄', '票'], ['埴', '值'], ['増', '增'], ['査', '查']] as const) {
    t[a.charCodeAt(0)] = b.charCodeAt(0);
  }
  for (const [from, to, base] of RANGES) {
    if (to > 0xffff) continue;
    for (let c = from; c <= to; c++) t[c] = base.charCodeAt(0) + (c - from);
  }
  for (const [cp, v] of Object.entries(SINGLES)) if (Number(cp) <= 0xffff) t[Number(cp)] = v.length === 1 ? v.toLowerCase().charCodeAt(0) : -2;
  table = t;
  return t;
}

function mapAstral(cp: number): string | undefined {
  const single = SINGLES[cp];
  if (single !== undefined) return single;
  for (const [from, to, base] of RANGES) {
    if (cp >= from && cp <= to) return String.fromCharCode(base.charCodeAt(0) + (cp - from));
  }
  return isInvisible(cp) ? '' : undefined;
}

/** NFKC + enclosed forms + invisible-character removal + traditional→simplified + lower case. */
export function foldChars(text: string): string {
  const t = table ?? buildTable();
  const s = text.normalize('NFKC');
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const cp = s.codePointAt(i)!;
      const m = mapAstral(cp);
      if (m !== undefined) {
        parts.push(s.slice(start, i), m);
        start = i + 2;
      }
      i++;
      continue;
    }
    const m = t[c]!;
    if (m === 0) continue;
    parts.push(s.slice(start, i));
    if (m > 0) parts.push(String.fromCharCode(m));
    else if (m === -2) parts.push(SINGLES[c]!);
    start = i + 1;
  }
  if (start === 0) return s;
  parts.push(s.slice(start));
  return parts.join('');
}

// foldChars one code unit at a time, NFKC included, for text where NFKC cannot look past a
// character. That holds for a character that neither combines with the one before it nor is
// reordered against it (not a mark, not a Hangul vowel or final jamo, combining class 0), and
// whose NFKC form starts with such a character and is made only of them: then NFKC of the text
// is the NFKC of each character put together (the Unicode quick-check argument).
// Entries are the folded code unit; two surrogate values, never a folded character here, mark the
// characters that vanish and those the table cannot fold. A character that folds to several code
// units (㎏ → kg, ❿ → 10) is one of the latter: they are rare.
const DIRECT_DROP = 0xd800;
const DIRECT_UNSAFE = 0xd801;

// Entry per code unit: the folded unit in the low 16 bits, and above them whether that unit is
// Han or a separator (separators.ts's classes), so the scan reads one table instead of two.
const HAN_FLAG = HAN_BIT << 16;
const SEP_FLAG = SEP_BIT << 16;
let direct: Int32Array | undefined;

function isContextFree(ch: string): boolean {
  const c = ch.charCodeAt(0);
  if (ch.length !== 1 || (c >= 0xd800 && c <= 0xdfff) || /\p{M}/u.test(ch)) return false;
  if ((c >= 0x1100 && c <= 0x11ff) || (c >= 0xa960 && c <= 0xa97f) || (c >= 0xd7b0 && c <= 0xd7ff)) return false;
  // A character of non-zero combining class would move in front of U+0345 (class 240).
  return ('a\u0345' + ch).normalize('NFD') === 'a\u0345' + ch.normalize('NFD');
}

function buildDirectTable(): Int32Array {
  const t = table ?? buildTable();
  const classes = separatorClasses();
  const d = new Int32Array(0x10000).fill(DIRECT_UNSAFE);
  for (let c = 0; c < 0x10000; c++) {
    const ch = String.fromCharCode(c);
    if (!isContextFree(ch)) continue;
    const nfkc = ch.normalize('NFKC');
    if (nfkc !== ch && !isContextFree(ch.normalize('NFKD')[0]!)) continue;
    let folded = '';
    let ok = true;
    for (const part of nfkc) {
      if (!isContextFree(part) || part.normalize('NFKC') !== part) ok = false;
      const m = t[part.charCodeAt(0)]!;
      folded += m === 0 ? part : m > 0 ? String.fromCharCode(m) : m === -2 ? SINGLES[part.charCodeAt(0)]! : '';
    }
    if (!ok) continue;
    if (folded.length === 1) {
      const u = folded.charCodeAt(0);
      d[c] = u | ((classes[u]! & (HAN_BIT | SEP_BIT)) << 16);
    } else if (folded.length === 0) d[c] = DIRECT_DROP;
  }
  direct = d;
  return d;
}

/**
 * removeHanSeparators(foldChars(text)) for text in units[0, n), in place, when every code unit
 * folds on its own to at most one: the new length, or -1 when one does not (the caller then
 * folds the string). Separators are written as they come and taken back at the Han character
 * that ends a short run of them.
 */
export function foldCharsDirect(units: Uint16Array, n: number): number {
  const d = direct ?? buildDirectTable();
  let o = 0;
  // Where the last Han character written ends, while nothing but separators followed it; else
  // far enough back that no run counts as short. A Han character takes back 1..3 separators.
  let hanEnd = -4;
  for (let i = 0; i < n; i++) {
    const e = d[units[i]!]!;
    const u = e & 0xffff;
    if (u === DIRECT_DROP) continue;
    if (u === DIRECT_UNSAFE) return -1;
    if ((e & HAN_FLAG) !== 0) {
      if (o - hanEnd <= 3) o = hanEnd;
      units[o++] = u;
      hanEnd = o;
    } else {
      units[o++] = u;
      if ((e & SEP_FLAG) === 0) hanEnd = -4;
    }
  }
  return o;
}
