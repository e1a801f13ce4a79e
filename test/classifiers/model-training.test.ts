// The learned scorer: metrics arithmetic, calibration, deterministic training, the model
// file round trip, near-duplicate grouping, and recall that survives sellers' obfuscations.
import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { averagePrecision, atThreshold, precisionAtRecall } from '../../classifiers/evaluation/metrics.js';
import { fitPlatt } from '../../classifiers/training/platt-calibration.js';
import { trainLogisticRegression } from '../../classifiers/training/logistic-regression.js';
import { nearDuplicateGroups, groupedFolds } from '../../classifiers/evaluation/near-duplicates.js';
import { fromModelFile, toModelFile, ModelFormatError, sigmoid, type Model } from '../../classifiers/model/model.js';
import { analyzePost } from '../../classifiers/analyze-post.js';
import { ALL_OBFUSCATIONS, obfuscate } from '../../classifiers/evaluation/obfuscate.js';
import { seededRandom } from '../../classifiers/training/seeded-random.js';
import { parseLabelledJsonl } from '../../classifiers/training/labelled-jsonl.js';
import { realWorldDevPath } from '../../classifiers/evaluation/shared-data-path.js';
import { classifyPost, loadDefaultModel } from '../../classifiers/index.js';

describe('metrics', () => {
  const items = [
    { score: 0.9, y: 1 as const },
    { score: 0.8, y: 0 as const },
    { score: 0.7, y: 1 as const },
    { score: 0.6, y: 0 as const },
  ];
  it('computes average precision as the step-wise area under the PR curve', () => {
    expect(averagePrecision(items)).toBeCloseTo(0.5 * 1 + 0.5 * (2 / 3), 10);
  });
  it('finds the best precision that still reaches a recall', () => {
    expect(precisionAtRecall(items, 0.9).precision).toBeCloseTo(2 / 3, 10);
    expect(precisionAtRecall(items, 0.5).precision).toBe(1);
  });
  it('counts the confusion matrix at a threshold', () => {
    expect(atThreshold(items, 0.75)).toMatchObject({ tp: 1, fp: 1, tn: 1, fn: 1, precision: 0.5, recall: 0.5 });
  });
});

describe('Platt calibration', () => {
  it('maps larger raw scores to larger probabilities that match the base rate', () => {
    const z: number[] = [];
    const y: Array<0 | 1> = [];
    const rand = seededRandom(5);
    for (let i = 0; i < 2000; i++) {
      const label = rand() < 0.3 ? 1 : 0;
      z.push((label ? 1.5 : -1.5) + (rand() - 0.5) * 4);
      y.push(label);
    }
    const { a, b } = fitPlatt(z, y);
    expect(a).toBeGreaterThan(0);
    const mean = z.reduce((s, v) => s + sigmoid(a * v + b), 0) / z.length;
    expect(mean).toBeGreaterThan(0.26);
    expect(mean).toBeLessThan(0.34);
  });

  it('stays sane on scores of ±15 and more with a few errors, where plain Newton steps diverged', () => {
    // What a fit driven to its optimum gives out of fold on a small, separable set.
    const rand = seededRandom(8);
    const z: number[] = [];
    const y: Array<0 | 1> = [];
    for (let i = 0; i < 180; i++) {
      const label = i % 3 === 0 ? 1 : 0;
      const wrong = rand() < 0.1;
      z.push((label !== (wrong ? 1 : 0) ? 1 : -1) * (4 + rand() * 14));
      y.push(label as 0 | 1);
    }
    const { a, b } = fitPlatt(z, y);
    expect(a).toBeGreaterThan(0);
    expect(a).toBeLessThan(1);
    // a tenth of the scores point the wrong way: a score of 16 is not a certainty
    expect(sigmoid(a * 16 + b)).toBeGreaterThan(0.7);
    expect(sigmoid(a * 16 + b)).toBeLessThan(0.99);
    expect(sigmoid(a * -16 + b)).toBeLessThan(0.3);
  });
});

const corpus = parseLabelledJsonl(readFileSync(new URL('../../classifiers/corpus/corpus.jsonl', import.meta.url), 'utf8'), 'corpus').items;

describe('training', () => {
  const small = corpus.filter((_, i) => i % 8 === 0);
  const examples = small.map((it) => ({ ...analyzePost(it, 16).features, y: it.y }));
  it('is deterministic for a seed and differs across seeds', () => {
    const a = trainLogisticRegression(examples, { bits: 16, seed: 3, epochs: 3 });
    const b = trainLogisticRegression(examples, { bits: 16, seed: 3, epochs: 3 });
    const c = trainLogisticRegression(examples, { bits: 16, seed: 4, epochs: 3 });
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(b.weights.buffer))).toBe(true);
    expect(a.bias).toBe(b.bias);
    expect(Buffer.from(a.weights.buffer).equals(Buffer.from(c.weights.buffer))).toBe(false);
  });
  it('round-trips through the model file without raw text and rejects foreign files', () => {
    const lw = trainLogisticRegression(examples, { bits: 16, seed: 3, epochs: 3 });
    const model: Model = { version: 't', bits: 16, weights: lw.weights, bias: lw.bias, calibration: { a: 1, b: 0 }, thresholds: { flag: 0.5, review: 0.2 }, trainedAt: 'now' };
    const file = JSON.stringify(toModelFile(model, 0));
    expect(file).not.toContain(small[0]!.text.slice(0, 8));
    const back = fromModelFile(JSON.parse(file));
    const post = { id: 'p', text: small[1]!.text };
    expect(classifyPost(post, back).score).toBeCloseTo(classifyPost(post, model).score, 5);
    expect(() => fromModelFile({ format: 'other' })).toThrow(ModelFormatError);
    expect(() => fromModelFile({ format: 'certwatch-hashed-logreg/1', bits: 12, indexDeltas: 'AAAA', values: '' })).toThrow(ModelFormatError);
  });
});

describe('near-duplicate grouping', () => {
  it('puts template edits in one group and unrelated texts apart, and never splits a group across folds', () => {
    const texts = ['本市长期办理各种证件刻章电话13812345678微信同号', '本市长期办理各种证件刻章电话15912345678微信同号王经理', '今天天气很好我们去公园散步吧', '低压电工作业培训班开始报名了'];
    const g = nearDuplicateGroups(texts);
    expect(g[0]).toBe(g[1]);
    expect(new Set(g).size).toBe(3);
    const folds = groupedFolds(g, 2, 1);
    expect(folds[0]).toBe(folds[1]);
  });
});

describe('obfuscation robustness (adversarial)', () => {
  it('keeps recall within 2 points when positives are obfuscated, for a model that never saw them', () => {
    // Train on two thirds of the corpus; test on the held-out third's positives and, when present, the real-world dev positives.
    const bits = 18;
    const groups = nearDuplicateGroups(corpus.map((c) => c.text));
    const fold = groupedFolds(groups, 3, 11);
    const train = corpus.filter((_, i) => fold[i] !== 0).map((it) => ({ ...analyzePost(it, bits).features, y: it.y }));
    const lw = trainLogisticRegression(train, { bits, seed: 1, epochs: 8, learningRate: 0.2, l2: 1e-5 });
    const z = (text: string) => {
      const f = analyzePost({ text }, bits).features;
      let s = lw.bias;
      for (let i = 0; i < f.idx.length; i++) s += lw.weights[f.idx[i]!]! * f.val[i]!;
      return s;
    };
    const heldOut = corpus.filter((c, i) => fold[i] === 0 && c.y === 1 && !/corpus/.test(c.text)).map((c) => c.text);
    const dev = existsSync(realWorldDevPath()) ? parseLabelledJsonl(readFileSync(realWorldDevPath(), 'utf8'), 'dev').items.filter((d) => d.y === 1).map((d) => d.text) : [];
    for (const positives of [heldOut, dev]) {
      if (positives.length === 0) continue;
      const base = positives.map(z);
      // The operating point: the raw score that keeps 90% recall on the clean texts.
      const cut = [...base].sort((a, b) => a - b)[Math.floor(base.length * 0.1)]!;
      const recall = (scores: number[]) => scores.filter((s) => s >= cut).length / scores.length;
      const rand = seededRandom(9);
      for (const kind of ALL_OBFUSCATIONS) {
        const drop = recall(base) - recall(positives.map((t) => z(obfuscate(t, kind, rand))));
        expect(drop, `${kind} on ${positives === dev ? 'real-world dev' : 'held-out corpus'}`).toBeLessThanOrEqual(0.02);
      }
    }
  }, 60_000);
});

describe('shipped model', () => {
  it('loads once, is calibrated with thresholds, and explains a flag in analyst terms', () => {
    const m = loadDefaultModel();
    expect(loadDefaultModel()).toBe(m);
    expect(m.thresholds.flag).toBeGreaterThan(m.thresholds.review);
    const c = classifyPost({ id: 'a', text: '出电工证、焊工证、登高证，不用考试，官网可查，全国通用，加薇信 dgz8888' }, m);
    expect(c.flagged).toBe(true);
    expect(c.reasons.some((r) => r.startsWith('销售话术'))).toBe(true);
    expect(c.certTypes.map((t) => t.code)).toEqual(expect.arrayContaining(['1', '2', '3.1']));
    const news = classifyPost({ id: 'b', text: '警方破获一起制售假证案，犯罪嫌疑人通过微信发布“不用考试、官网可查”的广告出售假电工证，已被刑事拘留。' }, m);
    expect(news.flagged).toBe(false);
  });
});
