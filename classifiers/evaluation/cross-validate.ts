// Grouped cross-validation report: out-of-fold metrics of the hashed model and of
// natural's Bayes on the same folds, plus recall under each obfuscation (adversarial).
import { analyzePost } from '../analyze-post.js';
import { mixViews, sigmoid } from '../model/model.js';
import { surfaceLinear } from '../features/surface-grams.js';
import { DEFAULT_WINDOW, trainModel, type LabelledText, type OutOfFold } from '../training/train-model.js';
import { windowedScore } from '../model/window-score.js';
import { seededRandom } from '../training/seeded-random.js';
import { ALL_OBFUSCATIONS, obfuscate, obfuscateRandomly, type Obfuscation } from './obfuscate.js';
import { BayesBaseline, charGramTokens } from './bayes-baseline.js';
import { atThreshold, averagePrecision, expectedCalibrationError, logLoss, precisionAtRecall, type Scored } from './metrics.js';

export interface CrossValidationOptions {
  /** Which items the report is about (e.g. the real-world file); all items train. */
  evaluate: (item: LabelledText) => boolean;
  folds?: number;
  seed?: number;
  baseline?: boolean;
  adversarial?: boolean;
  bayesVocabulary?: number;
  progress?: (m: string) => void;
}

export function metricsReport(items: Scored[], flag: number, review: number) {
  const r4 = (x: number) => Math.round(x * 10000) / 10000;
  const p90 = precisionAtRecall(items, 0.9);
  const atFlag = atThreshold(items, flag);
  const atReview = atThreshold(items, review);
  return {
    count: items.length,
    positives: items.filter((i) => i.y === 1).length,
    averagePrecision: r4(averagePrecision(items)),
    precisionAtRecall90: r4(p90.precision),
    thresholdAtRecall90: r4(p90.threshold),
    flag: { threshold: flag, precision: r4(atFlag.precision), recall: r4(atFlag.recall), f1: r4(atFlag.f1), confusion: { tp: atFlag.tp, fp: atFlag.fp, tn: atFlag.tn, fn: atFlag.fn } },
    review: { threshold: review, precision: r4(atReview.precision), recall: r4(atReview.recall), f1: r4(atReview.f1), confusion: { tp: atReview.tp, fp: atReview.fp, tn: atReview.tn, fn: atReview.fn } },
    logLoss: r4(logLoss(items)),
    expectedCalibrationError: r4(expectedCalibrationError(items)),
  };
}

export function crossValidate(items: LabelledText[], o: CrossValidationOptions) {
  const say = o.progress ?? (() => {});
  const evalIdx = items.map((it, i) => (o.evaluate(it) ? i : -1)).filter((i) => i >= 0);
  const evalSet = new Set(evalIdx);
  // Obfuscated copies of the evaluated positives, scored by the fold model that never saw the original.
  const kinds: Array<Obfuscation | 'combined'> = [...ALL_OBFUSCATIONS, 'combined'];
  // Both views' raw scores of each obfuscated copy: the mix is calibrated only once every fold is in.
  const advZ = new Map<string, Map<number, { z: number; zs: number }>>(kinds.map((k) => [k, new Map()]));
  const rand = seededRandom(o.seed ?? 7);
  let bits = 18;
  const { model, oof } = trainModel(items, {
    folds: o.folds,
    seed: o.seed,
    progress: say,
    onFold: (_f, lw, heldOut, sw) => {
      if (!o.adversarial) return;
      bits = Math.log2(lw.weights.length);
      for (const i of heldOut) {
        if (!evalSet.has(i) || items[i]!.y !== 1) continue;
        for (const k of kinds) {
          const text = k === 'combined' ? obfuscateRandomly(items[i]!.text, 3, rand).text : obfuscate(items[i]!.text, k, rand);
          const post = analyzePost({ text, title: items[i]!.title }, bits);
          const zs = sw ? surfaceLinear(post.raw, sw.weights, sw.bias) : 0;
          advZ.get(k)!.set(i, { z: windowedScore(post.features, lw.weights, lw.bias, DEFAULT_WINDOW), zs });
        }
      }
    },
  });
  const { flag, review } = model.thresholds;
  const ours: OutOfFold[] = evalIdx.map((i) => oof[i]!);
  const report: Record<string, unknown> = {
    model: { ...metricsReport(ours, flag, review), calibration: model.calibration },
    trainingItems: items.length,
    nearDuplicateGroups: new Set(oof.map((x) => x.group)).size,
    folds: o.folds ?? 5,
  };

  if (o.adversarial) {
    const positives = ours.filter((x) => x.y === 1);
    const base = positives.filter((x) => x.score >= flag).length / Math.max(1, positives.length);
    const rows: Record<string, unknown> = {};
    for (const k of kinds) {
      const zs = [...advZ.get(k)!.values()];
      const cal = model.calibration;
      const probability = ({ z, zs }: { z: number; zs: number }) => (model.surface ? mixViews(cal.a * z + cal.b, zs, model.surface) : sigmoid(cal.a * z + cal.b));
      const recall = zs.filter((x) => probability(x) >= flag).length / Math.max(1, zs.length);
      rows[k] = { recall: Math.round(recall * 10000) / 10000, dropPoints: Math.round((base - recall) * 10000) / 100 };
    }
    report.adversarial = { positives: positives.length, recallAtFlag: Math.round(base * 10000) / 10000, byObfuscation: rows };
  }

  let bayesScored: Scored[] | undefined;
  if (o.baseline) {
    const tokens = items.map((it) => charGramTokens(it.title ? `${it.title}\n${it.text}` : it.text));
    const scores = new Map<number, number>();
    const folds = Math.max(...oof.map((x) => x.fold)) + 1;
    const started = Date.now();
    for (let f = 0; f < folds; f++) {
      const bayes = new BayesBaseline();
      bayes.train(items.flatMap((it, i) => (oof[i]!.fold !== f ? [{ tokens: tokens[i]!, y: it.y }] : [])), o.bayesVocabulary ?? 2000);
      for (const i of evalIdx) if (oof[i]!.fold === f) scores.set(i, bayes.score(tokens[i]!));
      say(`bayes fold ${f + 1}/${folds} done (${((Date.now() - started) / 1000).toFixed(0)}s)`);
    }
    const scored: Scored[] = evalIdx.map((i) => ({ score: scores.get(i)!, y: items[i]!.y }));
    bayesScored = scored;
    report.naturalBayes = { ...metricsReport(scored, 0.5, 0.2), vocabulary: o.bayesVocabulary ?? 2000, features: 'same char 1–3-grams of the folded, entity-masked view' };
  }
  return { report, oof: ours, model, bayesScored };
}
