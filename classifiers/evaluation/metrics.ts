// Ranking and threshold metrics for a scored, labelled set: average precision,
// the PR curve, precision at a recall, P/R/F1 and the confusion matrix at a cut-off.
export interface Scored {
  score: number;
  y: 0 | 1;
}

export interface PrPoint {
  threshold: number;
  precision: number;
  recall: number;
}

export function prCurve(items: Scored[]): PrPoint[] {
  const sorted = [...items].sort((a, b) => b.score - a.score);
  const pos = sorted.filter((s) => s.y === 1).length;
  const out: PrPoint[] = [];
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (sorted[i]!.y === 1) tp++;
    else fp++;
    // Only emit a point when the next score differs: ties are one threshold.
    if (i + 1 < sorted.length && sorted[i + 1]!.score === sorted[i]!.score) continue;
    out.push({ threshold: sorted[i]!.score, precision: tp / (tp + fp), recall: pos ? tp / pos : 0 });
  }
  return out;
}

export function averagePrecision(items: Scored[]): number {
  let ap = 0;
  let lastRecall = 0;
  for (const p of prCurve(items)) {
    ap += (p.recall - lastRecall) * p.precision;
    lastRecall = p.recall;
  }
  return ap;
}

/** Best precision among thresholds that reach at least `recall`. */
export function precisionAtRecall(items: Scored[], recall: number): { precision: number; threshold: number } {
  let best = { precision: 0, threshold: 1 };
  for (const p of prCurve(items)) if (p.recall >= recall - 1e-12 && p.precision > best.precision) best = { precision: p.precision, threshold: p.threshold };
  return best;
}

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function atThreshold(items: Scored[], threshold: number): Confusion & { precision: number; recall: number; f1: number } {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (const s of items) {
    const pred = s.score >= threshold;
    if (pred && s.y === 1) c.tp++;
    else if (pred) c.fp++;
    else if (s.y === 1) c.fn++;
    else c.tn++;
  }
  const precision = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 1;
  const recall = c.tp + c.fn ? c.tp / (c.tp + c.fn) : 0;
  const f1 = precision + recall ? (2 * precision * recall) / (precision + recall) : 0;
  return { ...c, precision, recall, f1 };
}

export function logLoss(items: Scored[]): number {
  let s = 0;
  for (const it of items) s -= it.y === 1 ? Math.log(Math.max(it.score, 1e-12)) : Math.log(Math.max(1 - it.score, 1e-12));
  return s / Math.max(1, items.length);
}

/** Expected calibration error over ten equal-width bins. */
export function expectedCalibrationError(items: Scored[], bins = 10): number {
  const sum = new Array(bins).fill(0);
  const pos = new Array(bins).fill(0);
  const n = new Array(bins).fill(0);
  for (const it of items) {
    const b = Math.min(bins - 1, Math.floor(it.score * bins));
    sum[b] += it.score;
    pos[b] += it.y;
    n[b]++;
  }
  let e = 0;
  for (let b = 0; b < bins; b++) if (n[b]) e += (n[b] / items.length) * Math.abs(sum[b] / n[b] - pos[b] / n[b]);
  return e;
}
