// Chinese, capital and slang numerals written in place of digits in phone and QQ
// numbers (一三八…, 壹叁捌…, 幺=1, 两=2, 洞=0): converted only inside digit runs.
const NUMERALS: Record<string, string> = {
  '〇': '0', '零': '0', '洞': '0', '一': '1', '幺': '1', '壹': '1', '二': '2', '两': '2', '贰': '2', '三': '3', '叁': '3',
  '四': '4', '肆': '4', '五': '5', '伍': '5', '六': '6', '陆': '6', '七': '7', '柒': '7', '拐': '7', '八': '8', '捌': '8',
  '九': '9', '玖': '9', '勾': '9',
};
const CLASS = '0-9〇零洞一幺壹二两贰三叁四肆五伍六陆七柒拐八捌九玖勾';
// A run of numeric characters, each optionally followed by up to two separator characters.
const RUN = new RegExp(`[${CLASS}](?:[\\s\\-._·•*/|,，、~]{0,2}[${CLASS}])+`, 'g');
const SLANG = /[洞拐勾两幺]/;

/** Replaces numerals in runs that look like numbers (≥5 numeric characters, or ≥7 when all are Chinese). */
const ANY_NUMERAL = /[〇零洞一幺壹二两贰三叁四肆五伍陆柒拐八捌九玖勾][\s\-._·•*/|,，、~]{0,2}[0-9〇零洞一幺壹二两贰三叁四肆五伍陆柒拐八捌九玖勾]/;

export function convertNumeralRuns(text: string): string {
  const value = numeralTable ?? buildNumeralTable();
  if (!anyNumeral(text)) return text;
  // The runs RUN matches, found by a scan (numerals and separators are disjoint, so each step of
  // the run takes two, one or no separators before the next numeral; a run needs two numerals).
  let out = '';
  let copied = 0;
  const n = text.length;
  for (let p = 0; p < n; p++) {
    if (value[text.charCodeAt(p)] === 0) continue;
    let j = p + 1;
    let numeric = 1;
    for (;;) {
      if (j < n && value[text.charCodeAt(j)] !== 0) j += 1;
      else if (j + 1 < n && RUN_SEP[text.charCodeAt(j)] === 1 && value[text.charCodeAt(j + 1)] !== 0) j += 2;
      else if (j + 2 < n && RUN_SEP[text.charCodeAt(j)] === 1 && RUN_SEP[text.charCodeAt(j + 1)] === 1 && value[text.charCodeAt(j + 2)] !== 0) j += 3;
      else break;
      numeric++;
    }
    if (numeric < 2) continue;
    // Fewer than 5 numerals never convert (see convertRun); skip building the run then.
    if (numeric >= 5) {
      const run = text.slice(p, j);
      const converted = convertRun(run);
      if (converted !== run) {
        out += text.slice(copied, p) + converted;
        copied = j;
      }
    }
    p = j - 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
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
function anyNumeral(text: string): boolean {
  const n = text.length;
  for (let p = 0; p + 1 < n; p++) {
    if ((anyClass[text.charCodeAt(p)]! & ANY_START) === 0) continue;
    for (let j = p + 1; j < n && j <= p + 3; j++) {
      const c = text.charCodeAt(j);
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

/** What RUN's replacer does with one run: numerals to digits when the run looks like a number. */
function convertRun(run: string): string {
  let numeric = 0;
  let ascii = 0;
  let chinese = 0;
  for (const ch of run) {
    if (ch >= '0' && ch <= '9') {
      numeric++;
      ascii++;
    } else if (NUMERALS[ch] !== undefined) {
      numeric++;
      chinese++;
    }
  }
  if (chinese === 0) return run;
  const ok = ascii > 0 ? numeric >= 5 : numeric >= 7;
  // Slang-only readings (洞/拐/勾) are words too; demand a long run before trusting them.
  if (!ok || (SLANG.test(run) && numeric < 7)) return run;
  let out = '';
  for (const ch of run) out += NUMERALS[ch] ?? ch;
  return out;
}

/** The regex form convertNumeralRuns stands for, for tests. */
export function convertNumeralRunsReference(text: string): string {
  if (!ANY_NUMERAL.test(text)) return text;
  return text.replace(RUN, convertRun);
}

/** Letters that stand in for digits inside a digit run: o/O → 0, l/I → 1 (after lower-casing: o, l, i). */
export function foldDigitLookalikes(text: string): string {
  // One scan instead of the regex replace /(?<=\d)[oli](?=\d)/g: neighbours are read in the original text.
  let out = '';
  let copied = 0;
  for (let i = 1; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 111 && c !== 108 && c !== 105) continue;
    const a = text.charCodeAt(i - 1);
    const b = text.charCodeAt(i + 1);
    if (a < 48 || a > 57 || b < 48 || b > 57) continue;
    out += text.slice(copied, i) + (c === 111 ? '0' : '1');
    copied = i + 1;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
