// Numeral conversion and look-alike digits as the regex replaces they were first written as:
// what convertNumeralsAndLookalikesUnits in classifiers/text/chinese-numerals.ts is held to.
import { NUMERALS } from '../../../classifiers/text/chinese-numerals.js';

const CLASS = '0-9〇零洞一幺壹二两贰三叁四肆五伍六陆七柒拐八捌九玖勾';
// A run of numeric characters, each optionally followed by up to two separator characters.
const RUN = new RegExp(`[${CLASS}](?:[\\s\\-._·•*/|,，、~]{0,2}[${CLASS}])+`, 'g');
const SLANG = /[洞拐勾两幺]/;
// Texts without a numeral next to a digit or numeral are left alone (六 and 七 are not asked for).
const ANY_NUMERAL = /[〇零洞一幺壹二两贰三叁四肆五伍陆柒拐八捌九玖勾][\s\-._·•*/|,，、~]{0,2}[0-9〇零洞一幺壹二两贰三叁四肆五伍陆柒拐八捌九玖勾]/;

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

/** Numerals to digits in runs that look like numbers (≥5 numeric characters, or ≥7 when all are Chinese). */
export function convertNumeralRunsReference(text: string): string {
  if (!ANY_NUMERAL.test(text)) return text;
  return text.replace(RUN, convertRun);
}

/** o, l and i between two digits (of the text as it was) become 0, 1 and 1. */
export function foldDigitLookalikesReference(text: string): string {
  return text.replace(/(?<=\d)[oli](?=\d)/g, (c) => (c === 'o' ? '0' : '1'));
}
