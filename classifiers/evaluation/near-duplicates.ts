// Groups near-duplicate texts (spam templates with small edits) by character
// 3-gram shingle Jaccard, so cross-validation never splits a template across folds.
import { hashString } from '../features/feature-hash.js';
import { seededRandom, shuffleInPlace } from '../training/seeded-random.js';

/** A text's char-3-gram shingles (digits and latin ids collapsed, punctuation and spaces dropped), sorted hashes. */
export function shingles(text: string): Uint32Array {
  // Digits and latin ids are the parts templates vary; collapse them before comparing.
  const s = text.replace(/\d+/g, '#').replace(/[a-z_]{3,}/gi, '@').replace(/[\s\p{P}\p{S}]+/gu, '');
  const set = new Set<number>();
  for (let i = 0; i + 3 <= s.length; i++) set.add(hashString(7, s.slice(i, i + 3)));
  if (s.length < 3 && s.length > 0) set.add(hashString(7, s));
  return Uint32Array.from(set).sort();
}

/** Jaccard similarity of two sorted shingle sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let inter = 0;
  while (i < a.length && j < b.length) {
    if (a[i]! === b[j]!) {
      inter++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  return inter / (a.length + b.length - inter);
}

/** Cluster id per text (union-find over pairs with Jaccard ≥ threshold). */
export function nearDuplicateGroups(texts: string[], threshold = 0.5): number[] {
  const sh = texts.map(shingles);
  const parent = texts.map((_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) x = parent[x] = parent[parent[x]!]!;
    return x;
  };
  for (let i = 0; i < sh.length; i++) {
    for (let j = i + 1; j < sh.length; j++) {
      const a = sh[i]!;
      const b = sh[j]!;
      // Jaccard ≥ t needs the smaller set to be at least t × the larger one.
      if (Math.min(a.length, b.length) < threshold * Math.max(a.length, b.length)) continue;
      if (jaccard(a, b) >= threshold) parent[find(i)] = find(j);
    }
  }
  return texts.map((_, i) => find(i));
}

/** Assigns whole groups to k folds, largest groups first, each to the currently smallest fold. */
export function groupedFolds(groups: number[], k: number, seed: number): number[] {
  const members = new Map<number, number[]>();
  groups.forEach((g, i) => members.set(g, [...(members.get(g) ?? []), i]));
  const list = shuffleInPlace([...members.values()], seededRandom(seed)).sort((a, b) => b.length - a.length);
  const size = new Array(k).fill(0);
  const fold = new Array<number>(groups.length).fill(0);
  for (const m of list) {
    const f = size.indexOf(Math.min(...size));
    for (const i of m) fold[i] = f;
    size[f] += m.length;
  }
  return fold;
}
