// The plain baseline the issue measures the model against: logistic regression on hashed char
// 1–3-grams of the NFKC-lowercased raw text, no folding, lexicon, contacts or windows.
import { trainLogisticRegression, type LinearWeights } from '../training/logistic-regression.js';
import { hashString } from '../features/feature-hash.js';

const BITS = 18;

/** Distinct char 1–3-grams, hashed, each 1/√count so every text has unit length. */
export function ngramFeatures(text: string): { idx: Int32Array; val: Float32Array } {
  const s = text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ');
  const set = new Set<number>();
  for (let i = 0; i < s.length && i < 6000; i++) for (let k = 1; k <= 3 && i + k <= s.length; k++) set.add(hashString(k, s.slice(i, i + k)) & ((1 << BITS) - 1));
  const idx = Int32Array.from(set);
  return { idx, val: new Float32Array(idx.length).fill(1 / Math.sqrt(Math.max(1, idx.length))) };
}

export class NgramBaseline {
  private lw: LinearWeights = { weights: new Float32Array(1 << BITS), bias: 0 };

  train(items: Array<{ text: string; y: 0 | 1 }>, seed = 1): void {
    this.lw = trainLogisticRegression(items.map((it) => ({ ...ngramFeatures(it.text), y: it.y })), { bits: BITS, epochs: 10, learningRate: 0.2, l2: 1e-5, seed });
  }

  /** Probability of a seller ad (uncalibrated sigmoid of the linear score). */
  score(text: string): number {
    const f = ngramFeatures(text);
    let z = this.lw.bias;
    for (let i = 0; i < f.idx.length; i++) z += this.lw.weights[f.idx[i]!]! * f.val[i]!;
    return 1 / (1 + Math.exp(-z));
  }
}
