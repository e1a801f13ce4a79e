// Where the flag and the review band start, chosen on validation scores: the flag where a smoothed
// F1 peaks, so a retrain does not move it across a plateau of equally good cut-offs.
import { prCurve, type Scored } from '../evaluation/metrics.js';
import { sigmoid } from '../model/model.js';

/**
 * How uncertain (in logits) a text's score is taken to be when the flag is chosen: each text counts as
 * flagged by sigmoid((logit(score) − logit(flag)) / FLAG_SMOOTHING). With hard counts, F1 on ~110 real
 * seller ads has plateaus, and which end the best point fell on moved the flag 0.30–0.46 over four
 * training seeds; at 0.35 it moved 0.39–0.45 (at 0.17, the seeds' own spread of a text's score, still
 * 0.28–0.41; model card, "The flag threshold").
 */
export const FLAG_SMOOTHING = 0.35;
/** Flagged posts must be right this often (smoothed counts). */
const MIN_PRECISION = 0.9;
// The flag is searched on logits −6..6 in steps of 0.02 (probabilities 0.0025..0.9975).
const GRID_STEP = 0.02;
const GRID_END = 6;

const logit = (p: number) => {
  const q = Math.min(Math.max(p, 1e-9), 1 - 1e-9);
  return Math.log(q / (1 - q));
};
const round4 = (x: number) => Math.round(x * 10000) / 10000;

/** The flag: where smoothed F1 peaks among cut-offs whose smoothed precision is ≥ 0.9 (0.5 when none is). */
export function chooseFlag(items: Scored[], smoothing = FLAG_SMOOTHING): number {
  const z = Float64Array.from(items, (it) => logit(it.score));
  const positives = items.reduce((n, it) => n + it.y, 0);
  if (positives === 0) return 0.5;
  let best = -1;
  let flag = 0.5;
  for (let k = -GRID_END / GRID_STEP; k <= GRID_END / GRID_STEP; k++) {
    const cut = k * GRID_STEP;
    let tp = 0;
    let flagged = 0;
    for (let i = 0; i < z.length; i++) {
      const w = sigmoid((z[i]! - cut) / smoothing);
      flagged += w;
      if (items[i]!.y === 1) tp += w;
    }
    const precision = flagged > 0 ? tp / flagged : 0;
    if (precision < MIN_PRECISION) continue;
    const recall = tp / positives;
    const f1 = (2 * precision * recall) / (precision + recall);
    if (f1 > best) {
      best = f1;
      flag = sigmoid(cut);
    }
  }
  return round4(flag);
}

/** Flag by chooseFlag; review where recall first reaches 0.98, kept within [0.1, 0.8 × flag]. */
export function chooseThresholds(items: Scored[]): { flag: number; review: number } {
  const flag = chooseFlag(items);
  const reach = prCurve(items).find((p) => p.recall >= 0.98);
  let review = reach ? reach.threshold : flag / 2;
  review = Math.min(Math.max(review, 0.1), flag * 0.8);
  return { flag, review: round4(review) };
}
