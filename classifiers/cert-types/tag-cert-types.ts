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
// Per-post scratch: the indices of the entries that match, and which entries they suppress.
const hits = new Int32Array(CATALOGUE.length);
const suppressed = new Uint8Array(CATALOGUE.length);

/** Tags from an already folded text (the classifier passes its folded view to avoid folding twice). */
export function tagFolded(folded: string): CertType[] {
  // One scan, shared with the cues, answers every catalogue pattern.
  const maybe = foldedPatterns.candidates(folded);
  let count = 0;
  for (let i = 0; i < CATALOGUE.length; i++) if (maybe[CATALOGUE_AT + i] === 1 && foldedPatterns.test(CATALOGUE_AT + i, folded)) hits[count++] = i;
  if (count === 0) return [];
  suppressed.fill(0);
  for (let h = 0; h < count; h++) for (const j of SUPPRESSES[hits[h]!]!) suppressed[j] = 1;
  const out: CertType[] = [];
  for (let h = 0; h < count; h++) {
    if (suppressed[hits[h]!] === 1) continue;
    const { code, label, authority } = CATALOGUE[hits[h]!]!;
    out.push({ code, label, authority });
  }
  return out;
}

/** Certificate types a post names, from formal and colloquial names, obfuscations undone. */
export function tagCertTypes(text: string): CertType[] {
  return tagFolded(normalizeText(text).folded);
}
