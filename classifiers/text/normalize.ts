// normalizeText: the two views every later step reads — the raw text as posted and
// a folded view with the sellers' obfuscations undone (see the steps below).
import { foldChars } from './char-fold.js';
import { canonicalizeContactCues } from './contact-cues.js';
import { convertNumeralRuns, foldDigitLookalikes } from './chinese-numerals.js';
import { removeHanSeparators, removeSeparatorsUnits } from './separators.js';
import { foldDomainHomophonesUnits } from './domain-homophones.js';
import { collapseSpacesUnits } from './whitespace.js';
import { ensureUnits, loadUnits, unitsEqual, unitsToString } from './code-units.js';

export interface NormalizedText {
  raw: string;
  folded: string;
}

export interface TextViews extends NormalizedText {
  /** Characters folded, cues canonical, numerals as digits, separators inside numbers kept. */
  contactView: string;
}

/**
 * Both views from one character fold. The contact view keeps separators inside
 * numbers so the extractor can tell "138 1234 5678" (one phone) from
 * "2024-05-01 10:00" (a date and a time).
 */
export function normalizeViews(text: string): TextViews {
  const raw = typeof text === 'string' ? text : String(text ?? '');
  const chars = foldChars(raw);
  const contactView = foldDigitLookalikes(convertNumeralRuns(canonicalizeContactCues(removeHanSeparators(chars))));
  return { raw, folded: foldedFromContactView(contactView), contactView };
}

let units: Uint16Array = new Uint16Array(1024);
let folded: Uint16Array = new Uint16Array(1024);

/** removeSeparators, foldDomainHomophones and collapseSpaces on code units, one string at the end. */
function foldedFromContactView(contactView: string): string {
  const n = contactView.length;
  units = loadUnits(contactView, units);
  folded = ensureUnits(folded, n);
  let m = removeSeparatorsUnits(units, n, folded);
  // Homophones rewrite Han characters one for one and collapsing touches only white space, so
  // they can run in either order; collapsing first leaves the homophone scan less to read.
  m = collapseSpacesUnits(folded, m);
  foldDomainHomophonesUnits(folded, m);
  return unitsEqual(folded, m, contactView) ? contactView : unitsToString(folded, m);
}

export function foldForContacts(text: string): string {
  return foldDigitLookalikes(convertNumeralRuns(canonicalizeContactCues(removeHanSeparators(foldChars(text)))));
}

/** Raw and folded views; the folded view is what features, tagging and search read. */
export function normalizeText(text: string): NormalizedText {
  const { raw, folded } = normalizeViews(text);
  return { raw, folded };
}
