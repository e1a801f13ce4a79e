// The lexicon cues and the certificate catalogue read the same folded view: one prefilter over
// both pattern lists scans it once per post (tagging and featurising share the scan).
import { CUES } from './lexicon.js';
import { CATALOGUE } from '../cert-types/catalogue.js';
import { PatternPrefilter } from '../text/pattern-prefilter.js';
import { PRICE_CUE_SOURCE } from './price-cue.js';
import { FAST_ISSUE_CUE_SOURCE } from './fast-issue-cue.js';

const cueWith = (source: string) => CUES.findIndex((cue) => cue.pattern.source === source && cue.pattern.flags === '');
/** The cues featurize answers by a scanner (-1 once the lexicon's pattern is no longer the one it was written for). */
export const PRICE_CUE = cueWith(PRICE_CUE_SOURCE);
export const FAST_ISSUE_CUE = cueWith(FAST_ISSUE_CUE_SOURCE);

// Their first characters (digits, 证, 本) are the commonest in posts: the shared scan leaves them out.
export const foldedPatterns = new PatternPrefilter([...CUES.map((c) => c.pattern), ...CATALOGUE.map((c) => c.pattern)], new Set([PRICE_CUE, FAST_ISSUE_CUE].filter((k) => k >= 0)));
/** Index of CUES[k] is k; of CATALOGUE[i] it is CATALOGUE_AT + i. */
export const CATALOGUE_AT = CUES.length;
