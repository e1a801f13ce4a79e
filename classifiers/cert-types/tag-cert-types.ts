// tagCertTypes: which certificates a post names, as catalogue codes and the
// authority that owns each (the campaign acts on `mem`, refers the others).
import type { CertType } from '../types.js';
import { normalizeText } from '../text/normalize.js';
import { CATALOGUE } from './catalogue.js';
import { CATALOGUE_AT, foldedPatterns } from '../features/folded-patterns.js';


// What each entry makes redundant, by index: its `suppresses` codes, and for a specific catalogue
// item the bare "特种作业" tag (11).
const SUPPRESSES: number[][] = CATALOGUE.map((c) =>
  CATALOGUE.flatMap((d, j) => ((c.suppresses ?? []).includes(d.code) || (c.authority === 'mem' && c.code !== '11' && d.code === '11') ? [j] : [])),
);
// Per-post scratch over the catalogue.
const hit = new Uint8Array(CATALOGUE.length);
const suppressed = new Uint8Array(CATALOGUE.length);

/** Tags from an already folded text (the classifier passes its folded view to avoid folding twice). */
export function tagFolded(folded: string): CertType[] {
  // One scan, shared with the cues, answers every catalogue pattern.
  const maybe = foldedPatterns.candidates(folded);
  let hits = 0;
  for (let i = 0; i < CATALOGUE.length; i++) {
    hit[i] = maybe[CATALOGUE_AT + i] === 1 && foldedPatterns.test(CATALOGUE_AT + i, folded) ? 1 : 0;
    hits += hit[i]!;
  }
  if (hits === 0) return [];
  suppressed.fill(0);
  for (let i = 0; i < CATALOGUE.length; i++) if (hit[i] === 1) for (const j of SUPPRESSES[i]!) suppressed[j] = 1;
  const out: CertType[] = [];
  for (let i = 0; i < CATALOGUE.length; i++) {
    if (hit[i] === 0 || suppressed[i] === 1) continue;
    const { code, label, authority } = CATALOGUE[i]!;
    out.push({ code, label, authority });
  }
  return out;
}

/** Certificate types a post names, from formal and colloquial names, obfuscations undone. */
export function tagCertTypes(text: string): CertType[] {
  return tagFolded(normalizeText(text).folded);
}
