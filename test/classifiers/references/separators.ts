// The separator removals as the regex replaces they were first written as, with the production
// character classes: what the code-unit scans in classifiers/text/separators.ts are held to.
import { DIGIT_SEP_CHARS, HAN, PICTO, SEP_CHARS, SPLIT_CHARS } from '../../../classifiers/text/separators.js';

const BETWEEN_HAN = new RegExp(`(?<=${HAN})[${SEP_CHARS}${PICTO}]{1,3}(?=${HAN})`, 'gu');
const BETWEEN_DIGITS = new RegExp(`(?<=\\d)[${DIGIT_SEP_CHARS}${PICTO}]{1,2}(?=\\d)`, 'gu');
const PICTO_ANY = new RegExp(`[${PICTO}]+`, 'gu');

/** The contact view's step: separators between Han characters only (numbers keep theirs). */
export function removeHanSeparatorsReference(text: string): string {
  return text.replace(BETWEEN_HAN, '');
}

/** The three removals, whatever the text holds. */
export function removeSeparatorsUnconditionally(text: string): string {
  return text.replace(BETWEEN_HAN, '').replace(BETWEEN_DIGITS, '').replace(PICTO_ANY, ' ');
}

const isPlain = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
const isHanOrDigit = (c: number) => isPlain(c) && !(c >= 97 && c <= 122);

/**
 * The folded view's step: the three removals, but only when, away from both ends, some character
 * other than Han, a digit or a–z follows a Han character or digit, or is a surrogate. The scan
 * has always skipped other texts, so a pictograph at either end of one stays.
 */
export function removeSeparatorsReference(text: string): string {
  for (let i = 1; i + 1 < text.length; i++) {
    const c = text.charCodeAt(i);
    if (!isPlain(c) && (isHanOrDigit(text.charCodeAt(i - 1)) || c >= 0xd800)) return removeSeparatorsUnconditionally(text);
  }
  return text;
}

const SPLIT_RUN = new RegExp(`[${SPLIT_CHARS}]+`, 'u');
const ONE_HAN = new RegExp(`^${HAN}$`, 'u');
const ENDS_HAN = new RegExp(`${HAN}$`, 'u');
const STARTS_HAN = new RegExp(`^${HAN}`, 'u');

/** How many times split characters stand between two Han characters, one of which is a piece on its own (per line). */
export function countWordSplitsReference(text: string): number {
  let n = 0;
  for (const line of text.split(/[\r\n]/)) {
    const pieces = line.split(SPLIT_RUN);
    for (let i = 0; i + 1 < pieces.length; i++) {
      const [a, b] = [pieces[i]!, pieces[i + 1]!];
      if (ENDS_HAN.test(a) && STARTS_HAN.test(b) && (ONE_HAN.test(a) || ONE_HAN.test(b))) n++;
    }
  }
  return n;
}
