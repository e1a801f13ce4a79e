// The frozen fold: a fixed fifth of the real-world dev set, whole near-duplicate groups chosen by
// hash, that no rule, lexicon entry or hyper-parameter is tuned on; everything else may train.
import { hashString } from '../features/feature-hash.js';
import { normalizeText } from '../text/normalize.js';
import type { LabelledText } from '../training/train-model.js';
import { nearDuplicateGroups } from './near-duplicates.js';

/** Seed of the fold's hash: changing it unfreezes the fold, so it never changes. */
const FROZEN_SEED = 0x46524f5a;
/** One group in FROZEN_MODULUS is frozen (about 20 %). */
const FROZEN_MODULUS = 5;

export interface FrozenSplit {
  /** Dev texts of the frozen fold: scored only, never trained or tuned on. */
  frozen: LabelledText[];
  /** Dev texts outside it. */
  dev: LabelledText[];
  /** Second-batch texts that are no near-duplicate of a frozen text (these may train). */
  second: LabelledText[];
  /** Second-batch texts near a frozen text: kept out of training, scored by the final model. */
  secondNearFrozen: LabelledText[];
  groups: number;
}

/**
 * Groups dev and second-batch texts together (char-3-gram Jaccard ≥ 0.5 of the folded text, digits
 * and ids collapsed); a group holding dev texts is frozen when the hash of its smallest dev id falls
 * in one of five buckets. Ids, not positions, decide, so reordering or growing a file keeps a
 * text's verdict unless a new near-duplicate joins two groups.
 */
export function splitFrozen(dev: LabelledText[], second: LabelledText[] = []): FrozenSplit {
  const all = [...dev, ...second];
  const groups = nearDuplicateGroups(all.map((it) => normalizeText(it.title ? `${it.title}\n${it.text}` : it.text).folded));
  const key = new Map<number, string>();
  dev.forEach((it, i) => {
    const g = groups[i]!;
    const k = key.get(g);
    if (k === undefined || it.id < k) key.set(g, it.id);
  });
  const frozenGroup = (g: number) => {
    const k = key.get(g);
    return k !== undefined && hashString(FROZEN_SEED, k) % FROZEN_MODULUS === 0;
  };
  const split: FrozenSplit = { frozen: [], dev: [], second: [], secondNearFrozen: [], groups: new Set(groups).size };
  all.forEach((it, i) => {
    const f = frozenGroup(groups[i]!);
    if (i < dev.length) (f ? split.frozen : split.dev).push(it);
    else (f ? split.secondNearFrozen : split.second).push(it);
  });
  return split;
}

/** Negatives that look like the trade (schools, job posts, invoices, notices …), not random chat or unrelated spam. */
export function isHardNegative(it: Pick<LabelledText, 'y' | 'subtype'>): boolean {
  return it.y === 0 && !!it.subtype && !/^random_/.test(it.subtype);
}
