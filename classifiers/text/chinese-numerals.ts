// Chinese, capital and slang numerals written in place of digits in phone and QQ
// numbers (一三八…, 壹叁捌…, 幺=1, 两=2, 洞=0): converted only inside digit runs.

/** Each numeral and the digit it stands for. */
export const NUMERALS: Record<string, string> = {
  '〇': '0', '零': '0', '洞': '0', '一': '1', '幺': '1', '壹': '1', '二': '2', '两': '2', '贰': '2', '三': '3', '叁': '3',
  '四': '4', '肆': '4', '五': '5', '伍': '5', '六': '6', '陆': '6', '七': '7', '柒': '7', '拐': '7', '八': '8', '捌': '8',
  '九': '9', '玖': '9', '勾': '9',
};

/**
 * On units[0, n), in place: numerals become digits in runs that look like numbers (≥5 numeric
 * characters, or ≥7 when all are Chinese), then o, l and i between two digits become 0, 1 and 1.
 * It keeps to the regex definitions in test/classifiers/references/chinese-numerals.ts, whose RUN
 * and ANY_NUMERAL the comments below name.
 */
export function convertNumeralsAndLookalikesUnits(units: Uint16Array, n: number): void {
  if ((scanNumeralRuns(units, n) & LETTER_AFTER_RUN) !== 0) foldDigitLookalikesUnits(units, n);
}

// An o, l or i right after a run of numerals: the only place a look-alike letter can sit
// between digits, so without one foldDigitLookalikes has nothing to do.
const LETTER_AFTER_RUN = 1;

function scanNumeralRuns(units: Uint16Array, n: number): number {
  const value = numeralTable ?? buildNumeralTable();
  let guard = 0; // ANY_NUMERAL.test of the text: 0 not asked yet (most texts never need to), 1 true, 2 false
  // The runs RUN matches, found by a scan (numerals and separators are disjoint, so each step of
  // the run takes two, one or no separators before the next numeral; a run needs two numerals).
  let flags = 0;
  for (let p = 0; p < n; p++) {
    if (value[units[p]!] === 0) continue;
    let j = p + 1;
    let numeric = 1;
    for (;;) {
      if (j < n && value[units[j]!] !== 0) j += 1;
      else if (j + 1 < n && RUN_SEP[units[j]!] === 1 && value[units[j + 1]!] !== 0) j += 2;
      else if (j + 2 < n && RUN_SEP[units[j]!] === 1 && RUN_SEP[units[j + 1]!] === 1 && value[units[j + 2]!] !== 0) j += 3;
      else break;
      numeric++;
    }
    if (j < n && (units[j] === 111 || units[j] === 108 || units[j] === 105)) flags |= LETTER_AFTER_RUN;
    // Fewer than 5 numerals never convert (see runConverts). The guard is read before the first change.
    if (numeric >= 5 && runConverts(units, p, j)) {
      guard ||= anyNumeral(units, n) ? 1 : 2;
      if (guard === 2) return LETTER_AFTER_RUN;
      for (let k = p; k < j; k++) {
        const v = value[units[k]!]!;
        if (v !== 0) units[k] = 47 + v;
      }
    }
    p = j - 1;
  }
  return flags;
}

// Per code unit: 1 + the digit it stands for (ASCII digits and NUMERALS), 0 for anything else.
let numeralTable: Uint8Array | undefined;
// The separators RUN allows between numerals: white space (as \s) and -._·•*/|,，、~.
const RUN_SEP = new Uint8Array(0x10000);

// ANY_NUMERAL's two classes (they leave out 六 and 七): 1 may start it, 2 may end it.
const ANY_START = 1;
const ANY_END = 2;
const anyClass = new Uint8Array(0x10000);

/** ANY_NUMERAL.test(text) by one scan: a numeral, up to two separators, a digit or numeral. */
function anyNumeral(units: Uint16Array, n: number): boolean {
  for (let p = 0; p + 1 < n; p++) {
    if ((anyClass[units[p]!]! & ANY_START) === 0) continue;
    for (let j = p + 1; j < n && j <= p + 3; j++) {
      const c = units[j]!;
      if ((anyClass[c]! & ANY_END) !== 0) return true;
      if (RUN_SEP[c] === 0) break;
    }
  }
  return false;
}

function buildNumeralTable(): Uint8Array {
  for (let c = 0; c < 0x10000; c++) if (/[\s\-._·•*/|,，、~]/.test(String.fromCharCode(c))) RUN_SEP[c] = 1;
  for (const ch of '〇零洞一幺壹二两贰三叁四肆五伍陆柒拐八捌九玖勾') anyClass[ch.charCodeAt(0)]! |= ANY_START | ANY_END;
  for (let d = 48; d <= 57; d++) anyClass[d]! |= ANY_END;
  const t = new Uint8Array(0x10000);
  for (let d = 0; d <= 9; d++) t[48 + d] = d + 1;
  for (const [ch, d] of Object.entries(NUMERALS)) t[ch.charCodeAt(0)] = Number(d) + 1;
  numeralTable = t;
  return t;
}

/** Whether the run units[from, to) converts: it holds a numeral and looks like a number. */
function runConverts(units: Uint16Array, from: number, to: number): boolean {
  const value = numeralTable!;
  let numeric = 0;
  let ascii = 0;
  let slang = false;
  for (let k = from; k < to; k++) {
    const c = units[k]!;
    if (value[c] === 0) continue;
    numeric++;
    if (c <= 57) ascii++;
    else if (SLANG_CODE[c] === 1) slang = true;
  }
  if (numeric === ascii) return false;
  const ok = ascii > 0 ? numeric >= 5 : numeric >= 7;
  // Slang-only readings (洞/拐/勾) are words too; demand a long run before trusting them.
  return ok && !(slang && numeric < 7);
}

const SLANG_CODE = new Uint8Array(0x10000);
for (const ch of '洞拐勾两幺') SLANG_CODE[ch.charCodeAt(0)] = 1;

/** Look-alike letters between digits (o → 0, l and i → 1; lower-cased text) on units[0, n), in place. */
function foldDigitLookalikesUnits(units: Uint16Array, n: number): void {
  // The regex replace /(?<=\d)[oli](?=\d)/g reads its neighbours in the text as it was: a letter
  // just turned into a digit must not count as the digit before the next one.
  let before = n > 0 ? units[0]! : 0; // the previous code unit as it was
  for (let i = 1; i + 1 < n; i++) {
    const c = units[i]!;
    const a = before;
    before = c;
    if (c !== 111 && c !== 108 && c !== 105) continue;
    const b = units[i + 1]!;
    if (a < 48 || a > 57 || b < 48 || b > 57) continue;
    units[i] = c === 111 ? 48 : 49;
  }
}
