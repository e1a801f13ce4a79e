// The lexicon cues and the certificate catalogue read the same folded view: one prefilter over
// both pattern lists scans it once per post (tagging and featurising share the scan).
import { CUES } from './lexicon.js';
import { CATALOGUE } from '../cert-types/catalogue.js';
import { PatternPrefilter } from '../text/pattern-prefilter.js';

export const foldedPatterns = new PatternPrefilter([...CUES.map((c) => c.pattern), ...CATALOGUE.map((c) => c.pattern)]);
/** Index of CUES[k] is k; of CATALOGUE[i] it is CATALOGUE_AT + i. */
export const CATALOGUE_AT = CUES.length;
