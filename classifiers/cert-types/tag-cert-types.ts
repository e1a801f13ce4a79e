// tagCertTypes: which certificates a post names, as catalogue codes and the
// authority that owns each (the campaign acts on `mem`, refers the others).
import type { CertType } from '../types.js';
import { normalizeText } from '../text/normalize.js';
import { CATALOGUE, type CertPattern } from './catalogue.js';
import { PatternPrefilter } from '../text/pattern-prefilter.js';

// Most posts name a few kinds at most: one scan picks the patterns worth running.
const prefilter = new PatternPrefilter(CATALOGUE.map((c) => c.pattern));

/** Tags from an already folded text (the classifier passes its folded view to avoid folding twice). */
export function tagFolded(folded: string): CertType[] {
  const maybe = prefilter.candidates(folded);
  const hits: CertPattern[] = [];
  for (let i = 0; i < CATALOGUE.length; i++) if (maybe[i] === 1 && prefilter.test(i, folded)) hits.push(CATALOGUE[i]!);
  if (hits.length === 0) return [];
  const suppressed = new Set(hits.flatMap((c) => c.suppresses ?? []));
  // A specific catalogue item makes the bare "特种作业" tag redundant.
  if (hits.some((c) => c.authority === 'mem' && c.code !== '11')) suppressed.add('11');
  return hits.filter((c) => !suppressed.has(c.code)).map(({ code, label, authority }) => ({ code, label, authority }));
}

/** Certificate types a post names, from formal and colloquial names, obfuscations undone. */
export function tagCertTypes(text: string): CertType[] {
  return tagFolded(normalizeText(text).folded);
}
