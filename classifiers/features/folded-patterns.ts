// The lexicon cues and the certificate catalogue read the same folded view: one scanner over
// both pattern lists walks it once per post (tagging and featurising share the walk).
import { CUES } from './lexicon.js';
import { CATALOGUE } from '../cert-types/catalogue.js';
import { PatternScanner } from '../text/pattern-scanner.js';
import { PRICE_CUE_GATES, PRICE_CUE_SOURCE } from './price-cue.js';
import { FAST_ISSUE_CUE_SOURCE } from './fast-issue-cue.js';

const cueWith = (source: string) => CUES.findIndex((cue) => cue.pattern.source === source && cue.pattern.flags === '');
/** The cues featurize answers by a scanner (-1 once the lexicon's pattern is no longer the one it was written for). */
export const PRICE_CUE = cueWith(PRICE_CUE_SOURCE);
export const FAST_ISSUE_CUE = cueWith(FAST_ISSUE_CUE_SOURCE);

// The price cue starts at every 证, 本 and digit, the commonest characters in posts: its own
// scanner (from each 元/块) beats trying it there, and the trie only notes whether 元 or 块 occurs.
// The fast-issue cue is settled by the trie like the others: featurize runs its scanner only on posts that have it.
export const foldedPatterns = new PatternScanner([...CUES.map((c) => c.pattern), ...CATALOGUE.map((c) => c.pattern)], new Map(PRICE_CUE >= 0 ? [[PRICE_CUE, PRICE_CUE_GATES]] : []));
/** Index of CUES[k] is k; of CATALOGUE[i] it is CATALOGUE_AT + i. */
export const CATALOGUE_AT = CUES.length;
