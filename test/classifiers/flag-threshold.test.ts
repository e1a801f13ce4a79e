// The flag is chosen by a smoothed F1: it sits inside gaps, not on a seller ad's score, keeps
// precision ≥ 0.9, and moves less between draws of the same scores than the hard-count peak did.
import { describe, expect, it } from 'vitest';
import { chooseFlag, chooseThresholds } from '../../classifiers/training/flag-threshold.js';
import { prCurve, type Scored } from '../../classifiers/evaluation/metrics.js';
import { seededRandom } from '../../classifiers/training/seeded-random.js';

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/** The rule before 2026-12-06's evening: the cut-off where F1 of hard counts peaks, precision ≥ 0.9. */
function hardFlag(items: Scored[]): number {
  let best = -1;
  let flag = 0.5;
  for (const p of prCurve(items)) {
    if (p.precision < 0.9) continue;
    const f1 = (2 * p.precision * p.recall) / (p.precision + p.recall || 1);
    if (f1 > best) {
      best = f1;
      flag = p.threshold;
    }
  }
  return flag;
}

/** Scores like a fit's out-of-fold ones: seller ads around logit 3, the rest around −4, each spread 1.5. */
function draw(seed: number): Scored[] {
  const rand = seededRandom(seed);
  const normal = () => Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand());
  const items: Scored[] = [];
  for (let i = 0; i < 110; i++) items.push({ score: sigmoid(3 + 1.5 * normal()), y: 1 });
  for (let i = 0; i < 1700; i++) items.push({ score: sigmoid(-4 + 1.5 * normal()), y: 0 });
  return items;
}

describe('the flag threshold', () => {
  it('falls inside the gap between classes, not on the weakest seller ad', () => {
    const items: Scored[] = [
      ...[0.62, 0.7, 0.8, 0.9, 0.95].map((score) => ({ score, y: 1 as const })),
      ...[0.02, 0.05, 0.1, 0.2].map((score) => ({ score, y: 0 as const })),
    ];
    expect(hardFlag(items)).toBe(0.62);
    const flag = chooseFlag(items);
    expect(flag).toBeGreaterThan(0.2);
    expect(flag).toBeLessThan(0.62);
  });

  it('keeps flagged posts right nine times in ten: a cluster of negatives above half the ads stays out', () => {
    const items: Scored[] = [
      ...Array.from({ length: 10 }, () => ({ score: 0.95, y: 1 as const })),
      ...Array.from({ length: 30 }, () => ({ score: 0.7, y: 0 as const })),
      ...Array.from({ length: 20 }, () => ({ score: 0.5, y: 1 as const })),
      ...Array.from({ length: 200 }, () => ({ score: 0.05, y: 0 as const })),
    ];
    const flag = chooseFlag(items);
    expect(flag).toBeGreaterThan(0.7);
    expect(flag).toBeLessThan(0.95);
  });

  it('is 0.5 without seller ads, and the review band starts below the flag', () => {
    expect(chooseFlag([{ score: 0.3, y: 0 }])).toBe(0.5);
    const t = chooseThresholds(draw(1));
    expect(t.review).toBeGreaterThanOrEqual(0.1);
    expect(t.review).toBeLessThanOrEqual(t.flag * 0.8 + 5e-5); // both are rounded to 4 places
  });

  it('moves less between draws of the same scores than the hard-count peak', () => {
    const smooth: number[] = [];
    const hard: number[] = [];
    for (let seed = 1; seed <= 12; seed++) {
      const items = draw(seed);
      smooth.push(chooseFlag(items));
      hard.push(hardFlag(items));
    }
    const spread = (x: number[]) => Math.max(...x) - Math.min(...x);
    expect(spread(smooth)).toBeLessThan(spread(hard) * 0.6);
  });
});
