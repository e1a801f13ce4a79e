// Sparse logistic regression trained with AdaGrad and L2, deterministic for a seed:
// the learner behind the hashed model (fast enough to retrain inside `certwatch train`).
import { seededRandom, shuffleInPlace } from './seeded-random.js';

export interface TrainingExample {
  idx: ArrayLike<number>;
  val: ArrayLike<number>;
  /** 1 = seller ad, 0 = not. */
  y: 0 | 1;
  /** Per-example weight (e.g. to balance sources); default 1. */
  weight?: number;
}

export interface LogRegOptions {
  bits: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  seed?: number;
  /** Weight on positive examples relative to negatives. */
  positiveWeight?: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

export interface LinearWeights {
  weights: Float32Array;
  bias: number;
}

export function trainLogisticRegression(examples: TrainingExample[], opts: LogRegOptions): LinearWeights {
  const size = 1 << opts.bits;
  const w = new Float64Array(size);
  const g2 = new Float64Array(size).fill(1e-8);
  let bias = 0;
  let bg2 = 1e-8;
  const epochs = opts.epochs ?? 12;
  const lr = opts.learningRate ?? 0.3;
  const l2 = opts.l2 ?? 1e-4;
  const posW = opts.positiveWeight ?? 1;
  const rand = seededRandom(opts.seed ?? 1);
  const order = examples.map((_, i) => i);
  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, rand);
    let loss = 0;
    for (const k of order) {
      const ex = examples[k]!;
      let z = bias;
      for (let i = 0; i < ex.idx.length; i++) z += w[ex.idx[i]!]! * ex.val[i]!;
      const p = 1 / (1 + Math.exp(-z));
      const sw = (ex.weight ?? 1) * (ex.y === 1 ? posW : 1);
      loss += -sw * (ex.y === 1 ? Math.log(Math.max(p, 1e-12)) : Math.log(Math.max(1 - p, 1e-12)));
      const g = (p - ex.y) * sw;
      for (let i = 0; i < ex.idx.length; i++) {
        const j = ex.idx[i]!;
        const gj = g * ex.val[i]! + l2 * w[j]!;
        g2[j]! += gj * gj;
        w[j]! -= (lr * gj) / Math.sqrt(g2[j]!);
      }
      bg2 += g * g;
      bias -= (lr * g) / Math.sqrt(bg2);
    }
    opts.onEpoch?.(epoch + 1, loss / Math.max(1, examples.length));
  }
  return { weights: Float32Array.from(w), bias };
}
