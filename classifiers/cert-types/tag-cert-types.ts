// tagCertTypes: which certificates a post names, as catalogue codes and the
// authority that owns each (the campaign acts on `mem`, refers the others).
import type { CertType } from '../types.js';
import { normalizeText } from '../text/normalize.js';
import { CATALOGUE, type CertPattern } from './catalogue.js';
import { CATALOGUE_AT, foldedPatterns } from '../features/folded-patterns.js';


/** Tags from an already folded text (the classifier passes its folded view to avoid folding twice). */
export function tagFolded(folded: string): CertType[] {
  // Most posts name a few kinds at most: one scan (shared with the cues) picks the patterns worth running.
  const maybe = foldedPatterns.candidates(folded);
  const hits: CertPattern[] = [];
  for (let i = 0; i < CATALOGUE.length; i++) if (maybe[CATALOGUE_AT + i] === 1 && foldedPatterns.test(CATALOGUE_AT + i, folded)) hits.push(CATALOGUE[i]!);
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
