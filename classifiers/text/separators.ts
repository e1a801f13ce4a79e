// Separators, punctuation, emoji and spaces wedged between Han characters or digits
// ("办 证", "办★证", "1 3 8"): removed so the word or number reads whole again.
import { collapseSpacesUnits, IS_SPACE } from './whitespace.js';
import { loadUnits } from './code-units.js';

// The character classes as regex class bodies. The scans read them through a table built from
// them; the regex definitions the scans are held to (test/classifiers/references/separators.ts)
// are written with them.
/** May stand between two Han characters (with PICTO). */
export const SEP_CHARS = String.raw`\s\-_.·•*~/\\|,，、。．:;!！?？'"‘’“”【】\[\]()（）<>《》「」『』★☆♥♡❤❥♦◆◇○●□■△▲▽▼→←↑↓…@#&%^=+`;
/** May stand between two digits (with PICTO). */
export const DIGIT_SEP_CHARS = String.raw`\s\-_.·•*~/\\|,，、。．`;
export const PICTO = String.raw`\p{Extended_Pictographic}\u{1F3FB}-\u{1F3FF}`;
export const HAN = String.raw`\p{Script=Han}`;
/** Counts as an obfuscating split between Han characters (features). */
export const SPLIT_CHARS = String.raw`\s*★☆.·\-_/|~♥❤\u200b-\u200f`;

// Character classes as bits per code point: the regexes' own classes, read once per BMP code
// unit into a table, so a scan costs one lookup per character (astral ones ask the regexes).
export const HAN_BIT = 1;
export const SEP_BIT = 2; // may stand between Han characters
const DIGIT_SEP_BIT = 4; // may stand between digits
const PICTO_BIT = 8;
const DIGIT_BIT = 16;
const SPLIT_BIT = 32; // counts as an obfuscating split between Han characters (features)
const SPACE_BIT = 64; // JavaScript white space (\s), so the scans need not read IS_SPACE as well
const CLASS_RES: Array<[RegExp, number]> = [
  [new RegExp(HAN, 'u'), HAN_BIT],
  [new RegExp(`[${SEP_CHARS}${PICTO}]`, 'u'), SEP_BIT],
  [new RegExp(`[${DIGIT_SEP_CHARS}${PICTO}]`, 'u'), DIGIT_SEP_BIT],
  [new RegExp(`[${PICTO}]`, 'u'), PICTO_BIT],
  [/\d/u, DIGIT_BIT],
  [new RegExp(`[${SPLIT_CHARS}]`, 'u'), SPLIT_BIT],
];

let bmp: Uint8Array | undefined;

function classOfString(s: string): number {
  let bits = 0;
  for (const [re, bit] of CLASS_RES) if (re.test(s)) bits |= bit;
  return bits;
}

function buildTable(): Uint8Array {
  const t = new Uint8Array(0x10000);
  // Surrogates stay 0: a lone one matches none of the classes, pairs are read as code points.
  for (let c = 0; c < 0x10000; c++) if (c < 0xd800 || c > 0xdfff) t[c] = classOfString(String.fromCharCode(c)) | (IS_SPACE[c] === 1 ? SPACE_BIT : 0);
  bmp = t;
  return t;
}

/** The class bits of every BMP code unit (HAN_BIT, SEP_BIT …); surrogates have none. */
export function separatorClasses(): Uint8Array {
  return bmp ?? buildTable();
}

const astralClass = new Map<number, number>();

function classOfAstral(cp: number): number {
  let bits = astralClass.get(cp);
  if (bits === undefined) {
    bits = classOfString(String.fromCodePoint(cp));
    astralClass.set(cp, bits);
  }
  return bits;
}

const isHanCode = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
const isDigitCode = (c: number) => c >= 48 && c <= 57;

/**
 * The folded view's separator step from units[0, n) into dst: the length written. Separator runs
 * between two Han characters (up to 3) or two digits (up to 2) are removed and other pictographs
 * become a space (unless needsSeparatorScan finds nothing to do), then white space is collapsed.
 * The three removals and the collapsing in one scan: a run of separators is written out as it
 * comes (white space and pictographs as one ' ') and taken back when it ends at the Han character
 * or digit that makes it removable. The Han and digit removals never meet: each keeps the
 * characters that bound it, and those are separators of neither. A taken-back run leaves the
 * output as it was before it, so collapsing what is written equals collapsing the result.
 */
export function removeSeparatorsCollapsingUnits(units: Uint16Array, n: number, dst: Uint16Array): number {
  if (!needsSeparatorScan(units, n)) {
    dst.set(units.subarray(0, n));
    return collapseSpacesUnits(dst, n);
  }
  const t = bmp ?? buildTable();
  let o = 0;
  let prev = 0; // class of the previous code point outside a run
  let runStart = -1; // where the current run starts in dst, -1 outside one
  let runBefore = 0; // class of the code point before the run
  let runLength = 0; // in code points
  let runAllDigitSeps = true;
  for (let i = 0; i < n; i++) {
    const c = units[i]!;
    let cls = t[c]!;
    let low = -1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = units[i + 1]!;
      if (d >= 0xdc00 && d <= 0xdfff) {
        cls = classOfAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        low = d;
        i++;
      }
    }
    if ((cls & SEP_BIT) !== 0) {
      if (runStart < 0) {
        runStart = o;
        runBefore = prev;
        runLength = 0;
        runAllDigitSeps = true;
      }
      runLength++;
      if ((cls & DIGIT_SEP_BIT) === 0) runAllDigitSeps = false;
      if ((cls & (PICTO_BIT | SPACE_BIT)) !== 0) {
        // One ' ' for a run of white space and pictographs, none at the start.
        if (o > 0 && dst[o - 1] !== 32) dst[o++] = 32;
        continue;
      }
    } else if (runStart >= 0) {
      const betweenHan = (runBefore & cls & HAN_BIT) !== 0 && runLength <= 3;
      const betweenDigits = (runBefore & cls & DIGIT_BIT) !== 0 && runLength <= 2 && runAllDigitSeps;
      if (betweenHan || betweenDigits) o = runStart;
      runStart = -1;
      prev = cls;
    } else prev = cls;
    dst[o++] = c;
    if (low >= 0) dst[o++] = low;
  }
  // None at the end either.
  return o > 0 && dst[o - 1] === 32 ? o - 1 : o;
}

/**
 * Whether the separator step can change the text: some character other than Han, a digit or a–z
 * follows a Han character or digit, or is a surrogate, away from both ends. Otherwise the text is
 * left as it is (so a pictograph at either end of such a text stays).
 */
function needsSeparatorScan(units: Uint16Array, n: number): boolean {
  for (let i = 1; i + 1 < n; i++) {
    const c = units[i]!;
    if (isHanCode(c) || isDigitCode(c) || (c >= 97 && c <= 122)) continue;
    const a = units[i - 1]!;
    if (isHanCode(a) || isDigitCode(a) || c >= 0xd800) return true;
  }
  return false;
}

/** removeHanSeparators on units[0, n), in place: the new length. */
export function removeHanSeparatorsUnits(units: Uint16Array, n: number): number {
  const t = bmp ?? buildTable();
  let o = 0;
  let afterHan = false; // the previous code point outside a run is Han
  let runStart = -1; // where the current run starts in the output, -1 outside one
  let runAfterHan = false;
  let runLength = 0; // in code points
  for (let i = 0; i < n; i++) {
    const c = units[i]!;
    let cls = t[c]!;
    let low = -1;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = units[i + 1]!;
      if (d >= 0xdc00 && d <= 0xdfff) {
        cls = classOfAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        low = d;
        i++;
      }
    }
    if ((cls & SEP_BIT) !== 0) {
      if (runStart < 0) {
        runStart = o;
        runAfterHan = afterHan;
        runLength = 0;
      }
      runLength++;
      afterHan = false;
    } else {
      if (runStart >= 0) {
        if (runAfterHan && runLength <= 3 && (cls & HAN_BIT) !== 0) o = runStart;
        runStart = -1;
      }
      afterHan = (cls & HAN_BIT) !== 0;
    }
    units[o++] = c;
    if (low >= 0) units[o++] = low;
  }
  return o;
}

let splitUnits: Uint16Array = new Uint16Array(1024);

/**
 * How many times (up to `max`) split characters cut a word: between two Han characters where the
 * piece on either side is that one character ("办 证", "加★薇★信", "電·工·證"). Spaces between phrases
 * ("本地开票 各类专票") and line breaks are how web listings are laid out, not a disguise: they count
 * nothing. Pieces are the runs between split characters; a line break ends every run.
 */
export function countWordSplits(text: string, max: number): number {
  const t = bmp ?? buildTable();
  // The text's code units by one native copy: a charCodeAt per position costs more than the scan.
  splitUnits = loadUnits(text, splitUnits);
  const units = splitUnits;
  let count = 0;
  let length = 0; // code points of the current piece (0 between pieces)
  let firstHan = false;
  let lastHan = false;
  let afterSplit = false; // split characters since the last piece
  let beforeEndsHan = false; // the piece before those split characters ended in Han
  let beforeSingle = false; // … and was that one Han character
  let joined = false; // the current piece starts in Han right after such a split
  let joinedSingle = false;
  const n = text.length;
  // One step past the end reads as a line break, so the last piece is judged like any other.
  for (let i = 0; i <= n; i++) {
    const c = i < n ? units[i]! : 10;
    let cls = t[c]!;
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = units[i + 1]!;
      if (d >= 0xdc00 && d <= 0xdfff) {
        cls = classOfAstral(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
        i++;
      }
    }
    const lineBreak = c === 10 || c === 13;
    if (lineBreak || (cls & SPLIT_BIT) !== 0) {
      if (length > 0) {
        if (joined && (joinedSingle || (length === 1 && firstHan)) && ++count >= max) return count;
        beforeEndsHan = lastHan;
        beforeSingle = length === 1 && firstHan;
        length = 0;
      }
      afterSplit = !lineBreak;
      if (lineBreak) beforeEndsHan = false;
      continue;
    }
    const han = (cls & HAN_BIT) !== 0;
    if (length === 0) {
      firstHan = han;
      joined = afterSplit && beforeEndsHan && han;
      joinedSingle = beforeSingle;
    }
    afterSplit = false;
    length++;
    lastHan = han;
  }
  return count;
}
