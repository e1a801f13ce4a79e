// The full-batch learner behind the surface view: it must land on the penalised optimum itself
// (gradient zero there), whatever order the examples come in and wherever it starts.
import { describe, expect, it } from 'vitest';
import { fitLogisticRegressionLbfgs } from '../../classifiers/training/lbfgs-logistic.js';
import type { LinearWeights, TrainingExample } from '../../classifiers/training/logistic-regression.js';
import { seededRandom, shuffleInPlace } from '../../classifiers/training/seeded-random.js';

const BITS = 8;

/** Noisy labels over sparse features, so the optimum is finite even with a tiny penalty. */
function problem(seed: number, count = 400): TrainingExample[] {
  const rand = seededRandom(seed);
  const truth = Array.from({ length: 1 << BITS }, () => rand() * 4 - 2);
  return Array.from({ length: count }, () => {
    const idx = new Set<number>();
    while (idx.size < 6) idx.add(Math.floor(rand() * (1 << BITS)));
    const ids = Int32Array.from(idx);
    const val = new Float32Array(ids.length).fill(1 / Math.sqrt(ids.length));
    let z = -0.3;
    for (let i = 0; i < ids.length; i++) z += truth[ids[i]!]! * val[i]!;
    const y = rand() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    return { idx: ids, val, y, weight: rand() < 0.2 ? 2 : 1 } as TrainingExample;
  });
}

/** The objective's gradient computed independently of the learner, in plain loops. */
function gradient(examples: TrainingExample[], lw: LinearWeights, l2: number): { weights: Float64Array; bias: number } {
  const g = new Float64Array(lw.weights.length);
  let gb = 0;
  const total = examples.reduce((a, ex) => a + (ex.weight ?? 1), 0);
  for (const ex of examples) {
    let z = lw.bias;
    for (let i = 0; i < ex.idx.length; i++) z += lw.weights[ex.idx[i]!]! * ex.val[i]!;
    const d = ((ex.weight ?? 1) * (1 / (1 + Math.exp(-z)) - ex.y)) / total;
    for (let i = 0; i < ex.idx.length; i++) g[ex.idx[i]!]! += d * ex.val[i]!;
    gb += d;
  }
  const seen = new Set(examples.flatMap((ex) => Array.from(ex.idx)));
  for (const j of seen) g[j]! += l2 * lw.weights[j]!;
  return { weights: g, bias: gb };
}

const maxAbs = (a: ArrayLike<number>) => Array.from(a).reduce((m, x) => Math.max(m, Math.abs(x)), 0);

describe('L-BFGS logistic regression', () => {
  it('stops where the penalised gradient is zero', () => {
    const ex = problem(1);
    const lw = fitLogisticRegressionLbfgs(ex, { bits: BITS, l2: 1e-3 });
    const g = gradient(ex, lw, 1e-3);
    // float32 storage of the weights limits how small the recomputed gradient can be
    expect(maxAbs(g.weights)).toBeLessThan(1e-5);
    expect(Math.abs(g.bias)).toBeLessThan(1e-5);
    expect(maxAbs(lw.weights)).toBeGreaterThan(0.1);
  });

  it('gives the same weights for any order of the examples and from a warm start', () => {
    const ex = problem(2);
    const a = fitLogisticRegressionLbfgs(ex, { bits: BITS, l2: 1e-3 });
    const shuffled = [...ex];
    shuffleInPlace(shuffled, seededRandom(9));
    const b = fitLogisticRegressionLbfgs(shuffled, { bits: BITS, l2: 1e-3 });
    const start = { weights: new Float32Array(1 << BITS).fill(0.7), bias: -1 };
    const c = fitLogisticRegressionLbfgs(ex, { bits: BITS, l2: 1e-3, start });
    for (const other of [b, c]) {
      expect(maxAbs(a.weights.map((w, i) => w - other.weights[i]!))).toBeLessThan(1e-3);
      expect(Math.abs(a.bias - other.bias)).toBeLessThan(1e-3);
    }
    // weights no example touches stay at zero, even from a warm start that set them
    const seen = new Set(ex.flatMap((e) => Array.from(e.idx)));
    for (let j = 0; j < 1 << BITS; j++) if (!seen.has(j)) expect(c.weights[j]).toBe(0);
  });

  it('shrinks the weights as the penalty grows, and stays finite on separable data', () => {
    const ex = problem(3);
    const norm = (l2: number) => Math.hypot(...fitLogisticRegressionLbfgs(ex, { bits: BITS, l2 }).weights);
    expect(norm(1e-2)).toBeLessThan(norm(1e-3));
    expect(norm(1e-1)).toBeLessThan(norm(1e-2));
    const separable: TrainingExample[] = [
      { idx: [1], val: [1], y: 1 },
      { idx: [2], val: [1], y: 0 },
    ];
    const lw = fitLogisticRegressionLbfgs(separable, { bits: BITS, l2: 1e-6, maxIterations: 2000 });
    expect(Number.isFinite(lw.weights[1]!)).toBe(true);
    expect(lw.weights[1]!).toBeGreaterThan(3);
    expect(lw.weights[2]!).toBeLessThan(-3);
  });
});
