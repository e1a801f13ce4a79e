// normalizeText: the two views every later step reads — the raw text as posted and
// a folded view with the sellers' obfuscations undone (see the steps below).
import { foldChars, foldCharsDirect } from './char-fold.js';
import { canonicalizeHinted, contactCueHints, ONLY_QQ_BEFORE_DIGITS, qqBeforeDigitsUnits } from './contact-cues.js';
import { convertNumeralsAndLookalikesUnits } from './chinese-numerals.js';
import { removeHanSeparatorsUnits, removeSeparatorsCollapsingUnits } from './separators.js';
import { foldDomainHomophonesUnits } from './domain-homophones.js';
import { ensureUnits, loadUnits, unitsToString } from './code-units.js';

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
  const n = contactViewUnits(raw);
  const contactView = unitsToString(units, n);
  folded = ensureUnits(folded, n);
  // Homophones rewrite Han characters one for one and collapsing touches only white space, so
  // they can run in either order: spaces are collapsed while separators are removed.
  const m = removeSeparatorsCollapsingUnits(units, n, folded);
  foldDomainHomophonesUnits(folded, m);
  return { raw, folded: unitsToString(folded, m), contactView };
}

export function foldForContacts(text: string): string {
  const n = contactViewUnits(text);
  return unitsToString(units, n);
}

/** Raw and folded views; the folded view is what features, tagging and search read. */
export function normalizeText(text: string): NormalizedText {
  const { raw, folded } = normalizeViews(text);
  return { raw, folded };
}

// The passes work on one post at a time in these buffers, reused from post to post.
let units: Uint16Array = new Uint16Array(1024);
let folded: Uint16Array = new Uint16Array(1024);
let spare: Uint16Array = new Uint16Array(1024);

/**
 * The contact view of `raw` into `units`: its length. Characters folded, separators between Han
 * characters removed, contact cues canonical, numerals converted and look-alike digits folded, in
 * that order (test/classifiers/normalize-units.test.ts holds it to these steps as string passes).
 */
function contactViewUnits(raw: string): number {
  units = loadUnits(raw, units);
  let n = foldCharsDirect(units, raw.length);
  if (n < 0) {
    const chars = foldChars(raw);
    units = loadUnits(chars, units);
    n = removeHanSeparatorsUnits(units, chars.length);
  }
  // The cue rules are regexes: the text goes back to a string only when one of them can apply.
  const hints = contactCueHints(units, n);
  if (hints === ONLY_QQ_BEFORE_DIGITS) {
    spare = ensureUnits(spare, 2 * n);
    n = qqBeforeDigitsUnits(units, n, spare);
    const filled = spare;
    spare = units;
    units = filled;
  } else if (hints !== 0) {
    const text = unitsToString(units, n);
    const cued = canonicalizeHinted(text, hints);
    if (cued !== text) {
      units = loadUnits(cued, units);
      n = cued.length;
    }
  }
  convertNumeralsAndLookalikesUnits(units, n);
  return n;
}
