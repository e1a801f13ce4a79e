// Copies of the real training texts with random spans cut out: a fit can no longer rest on the one
// phrase a text shares with its template, which is the phrase an unseen ad of the same trade lacks.
import { seededRandom } from './seeded-random.js';

export interface CutCopies {
  /** Copies made of each real text; 0 makes none. */
  copies: number;
  /** The part of a text's length each copy loses, in one or two spans. */
  share: number;
}

/** Two copies, a fifth cut from each: chosen on the cross-validated dev set and the second batch (model card). */
export const DEFAULT_CUT_COPIES: CutCopies = { copies: 2, share: 0.2 };

/** Texts of real sources get copies; the synthetic corpus varies its own wording already. */
export const isRealSource = (source: string) => /real|analyst/i.test(source);

/**
 * `text` with about `share` of its length cut out, in one or two spans at random places. Cuts fall on
 * code units: one may split an emoji's surrogate pair, which the featurizer reads as it reads any hostile post.
 */
export function cutSpans(text: string, share: number, rand: () => number): string {
  let t = text;
  const spans = 1 + Math.floor(rand() * 2);
  for (let s = 0; s < spans; s++) {
    const len = Math.max(1, Math.round((t.length * share) / spans));
    const at = Math.floor(rand() * Math.max(1, t.length - len));
    t = t.slice(0, at) + t.slice(at + len);
  }
  return t;
}

/**
 * The copies of every real item, each with the index of the item it was cut from: training puts a
 * copy in its original's fold, so no text is ever scored by a fit that saw a copy of it.
 */
export function cutCopies<T extends { text: string; source: string; id: string }>(items: T[], o: CutCopies, seed: number): Array<{ origin: number; item: T }> {
  const out: Array<{ origin: number; item: T }> = [];
  if (o.copies <= 0) return out;
  const rand = seededRandom(seed ^ 0x5eed);
  items.forEach((it, origin) => {
    if (!isRealSource(it.source)) return;
    for (let k = 0; k < o.copies; k++) out.push({ origin, item: { ...it, id: `${it.id}#cut${k + 1}`, text: cutSpans(it.text, o.share, rand) } });
  });
  return out;
}
