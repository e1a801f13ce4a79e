// The lexicon cues and the certificate catalogue read the same folded view: one scanner over
// both pattern lists walks it once per post (tagging and featurising share the walk).
import { CUES } from './lexicon.js';
import { CATALOGUE } from '../cert-types/catalogue.js';
import { PatternScanner } from '../text/pattern-scanner.js';
import { PRICE_CUE_GATES, PRICE_CUE_SOURCE, priceCueAt } from './price-cue.js';

const cueWith = (source: string) => CUES.findIndex((cue) => cue.pattern.source === source && cue.pattern.flags === '');
const priceCue = cueWith(PRICE_CUE_SOURCE);

// The price cue could start at every 证, 本 and digit, the commonest characters in posts: its own
// check runs from each 元/块 instead. Every other cue and catalogue pattern is spelled into the trie.
export const foldedPatterns = new PatternScanner(
  [...CUES.map((c) => c.pattern), ...CATALOGUE.map((c) => c.pattern)],
  new Map(priceCue >= 0 ? [[priceCue, { at: PRICE_CUE_GATES, check: (text: string, end: number) => priceCueAt(text, end - 1) }]] : []),
);
/** Index of CUES[k] is k; of CATALOGUE[i] it is CATALOGUE_AT + i. */
export const CATALOGUE_AT = CUES.length;
