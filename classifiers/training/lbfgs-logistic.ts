// Sparse logistic regression fitted to its regularised optimum by full-batch L-BFGS: one answer
// for the data whatever order examples come in, with an L2 penalty that is the same for every weight.
import type { LinearWeights, TrainingExample } from './logistic-regression.js';

export interface LbfgsOptions {
  bits: number;
  /** λ of (λ/2)·‖w‖², against the example-weighted mean log loss (the bias is not penalised). */
  l2: number;
  maxIterations?: number;
  /**
   * Stop when the gradient's largest component falls under this. With a small λ the optimum sits on
   * a flat floor: at 1e-6 two starts still differed by 0.4 in a post's logit; at 1e-8 by under 0.01.
   */
  tolerance?: number;
  /** Pairs of past steps kept for the curvature estimate. */
  memory?: number;
  /** A fit to start from (the multiple-instance round starts from the first fit). */
  start?: LinearWeights;
}

/**
 * Weights touched by no example stay zero under the penalty, so the search runs over the features
 * the examples meet, renumbered densely: the vectors L-BFGS keeps are that long, not 2^bits.
 */
export function fitLogisticRegressionLbfgs(examples: TrainingExample[], o: LbfgsOptions): LinearWeights {
  const size = 1 << o.bits;
  const dense = new Int32Array(size).fill(-1);
  let n = 0;
  for (const ex of examples) for (let i = 0; i < ex.idx.length; i++) if (dense[ex.idx[i]!] === -1) dense[ex.idx[i]!] = n++;
  const rows = examples.map((ex) => ({ idx: Int32Array.from(ex.idx, (j) => dense[j]!), val: Float64Array.from(ex.val) }));
  const ys = examples.map((ex) => ex.y);
  const sw = examples.map((ex) => ex.weight ?? 1);
  const total = sw.reduce((a, b) => a + b, 0) || 1;
  const dim = n + 1; // the bias is the last coordinate
  const lambda = o.l2;

  const x = new Float64Array(dim);
  if (o.start) {
    for (let j = 0; j < size; j++) if (dense[j]! >= 0) x[dense[j]!] = o.start.weights[j]!;
    x[n] = o.start.bias;
  }

  const valueAndGradient = (w: Float64Array, g: Float64Array): number => {
    g.fill(0);
    let loss = 0;
    for (let r = 0; r < rows.length; r++) {
      const { idx, val } = rows[r]!;
      let z = w[n]!;
      for (let i = 0; i < idx.length; i++) z += w[idx[i]!]! * val[i]!;
      // log(1 + e^z) − y·z, written so neither branch overflows
      const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      loss += sw[r]! * (softplus - ys[r]! * z);
      const d = (sw[r]! * (1 / (1 + Math.exp(-z)) - ys[r]!)) / total;
      for (let i = 0; i < idx.length; i++) g[idx[i]!]! += d * val[i]!;
      g[n]! += d;
    }
    let penalty = 0;
    for (let j = 0; j < n; j++) {
      penalty += w[j]! * w[j]!;
      g[j]! += lambda * w[j]!;
    }
    return loss / total + (lambda / 2) * penalty;
  };

  const m = o.memory ?? 10;
  const maxIterations = o.maxIterations ?? 1000;
  const tolerance = o.tolerance ?? 1e-8;
  const s: Float64Array[] = [];
  const yk: Float64Array[] = [];
  const rho: number[] = [];
  const g = new Float64Array(dim);
  const gNext = new Float64Array(dim);
  const xNext = new Float64Array(dim);
  const dir = new Float64Array(dim);
  const alpha = new Float64Array(m);
  let f = valueAndGradient(x, g);
  for (let it = 0; it < maxIterations; it++) {
    if (maxAbs(g) < tolerance) break;
    // two-loop recursion: dir = −H·g
    for (let j = 0; j < dim; j++) dir[j] = -g[j]!;
    for (let k = s.length - 1; k >= 0; k--) {
      alpha[k] = rho[k]! * dot(s[k]!, dir);
      axpy(-alpha[k]!, yk[k]!, dir);
    }
    const scale = s.length ? dot(s[s.length - 1]!, yk[yk.length - 1]!) / dot(yk[yk.length - 1]!, yk[yk.length - 1]!) : 1 / Math.max(1e-12, Math.sqrt(dot(g, g)));
    for (let j = 0; j < dim; j++) dir[j]! *= scale;
    for (let k = 0; k < s.length; k++) {
      const beta = rho[k]! * dot(yk[k]!, dir);
      axpy(alpha[k]! - beta, s[k]!, dir);
    }
    let slope = dot(g, dir);
    if (slope >= 0) {
      // not a descent direction (curvature pairs gone stale): restart from the gradient
      s.length = yk.length = rho.length = 0;
      for (let j = 0; j < dim; j++) dir[j] = -g[j]! / Math.max(1e-12, Math.sqrt(dot(g, g)));
      slope = dot(g, dir);
    }
    // backtracking line search (Armijo)
    let step = 1;
    let fNext = Infinity;
    for (let tries = 0; tries < 40; tries++) {
      for (let j = 0; j < dim; j++) xNext[j] = x[j]! + step * dir[j]!;
      fNext = valueAndGradient(xNext, gNext);
      if (fNext <= f + 1e-4 * step * slope) break;
      step /= 2;
    }
    if (!(fNext < f)) break;
    const sNew = new Float64Array(dim);
    const yNew = new Float64Array(dim);
    for (let j = 0; j < dim; j++) {
      sNew[j] = xNext[j]! - x[j]!;
      yNew[j] = gNext[j]! - g[j]!;
    }
    const sy = dot(sNew, yNew);
    if (sy > 1e-12) {
      if (s.length === m) {
        s.shift();
        yk.shift();
        rho.shift();
      }
      s.push(sNew);
      yk.push(yNew);
      rho.push(1 / sy);
    }
    // The loss of a nearly separable set is small, so progress is judged against it, not against 1.
    const relative = (f - fNext) / Math.max(1e-300, Math.abs(f));
    x.set(xNext);
    g.set(gNext);
    f = fNext;
    if (relative < 1e-12) break;
  }
  const weights = new Float32Array(size);
  for (let j = 0; j < size; j++) if (dense[j]! >= 0) weights[j] = x[dense[j]!]!;
  return { weights, bias: x[n]! };
}

function dot(a: Float64Array, b: Float64Array): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t += a[i]! * b[i]!;
  return t;
}

function axpy(k: number, a: Float64Array, out: Float64Array): void {
  for (let i = 0; i < a.length; i++) out[i]! += k * a[i]!;
}

function maxAbs(a: Float64Array): number {
  let t = 0;
  for (let i = 0; i < a.length; i++) t = Math.max(t, Math.abs(a[i]!));
  return t;
}
