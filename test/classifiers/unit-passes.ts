// String forms of normalisation's code-unit passes, so tests can hold each pass to its
// reference on strings; production runs the passes only on its own buffers.
import { loadUnits, unitsToString } from '../../classifiers/text/code-units.js';
import { removeHanSeparatorsUnits, removeSeparatorsCollapsingUnits } from '../../classifiers/text/separators.js';
import { convertNumeralsAndLookalikesUnits } from '../../classifiers/text/chinese-numerals.js';
import { canonicalizeHinted, contactCueHints } from '../../classifiers/text/contact-cues.js';
import { foldDomainHomophonesUnits } from '../../classifiers/text/domain-homophones.js';

let units: Uint16Array = new Uint16Array(1024);
let out: Uint16Array = new Uint16Array(1024);

/** `pass` run on `text`: it rewrites units[0, n) in place and returns the new length, or nothing when that stays n. */
export function onUnits(text: string, pass: (units: Uint16Array, n: number) => number | void): string {
  units = loadUnits(text, units);
  const n = pass(units, text.length);
  return unitsToString(units, typeof n === 'number' ? n : text.length);
}

export const removeHanSeparators = (text: string): string => onUnits(text, removeHanSeparatorsUnits);

/** The folded view's separator step with white space collapsed, as normalizeViews runs it. */
export function removeSeparatorsCollapsing(text: string): string {
  if (out.length < text.length) out = new Uint16Array(text.length * 2);
  return onUnits(text, (u, n) => {
    const m = removeSeparatorsCollapsingUnits(u, n, out);
    u.set(out.subarray(0, m));
    return m;
  });
}

export const convertNumeralsAndLookalikes = (text: string): string => onUnits(text, convertNumeralsAndLookalikesUnits);

/** The cue rules as normalisation runs them: only those the hint scan allows. */
export function canonicalizeContactCues(text: string): string {
  units = loadUnits(text, units);
  return canonicalizeHinted(text, contactCueHints(units, text.length));
}

export const foldDomainHomophones = (text: string): string => onUnits(text, foldDomainHomophonesUnits);
