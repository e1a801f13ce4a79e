// The surface view mixed into the model: the same n-grams however the post is cut, windows that
// find one offer in a long post, a model file that keeps the view, and older files that still load.
import { describe, expect, it } from 'vitest';
import { surfaceBestWindowExample, surfaceExample, surfaceGrams, surfaceLinear, SURFACE_BITS } from '../../classifiers/features/surface-grams.js';
import { fromModelFile, mixViews, ModelFormatError, sigmoid, toModelFile, type Model } from '../../classifiers/model/model.js';
import { analyzePost } from '../../classifiers/analyze-post.js';
import { calibrate, postScore } from '../../classifiers/classify-post.js';
import { classifyPost, loadDefaultModel } from '../../classifiers/index.js';
import { trainModel, type LabelledText } from '../../classifiers/training/train-model.js';

const OFFER = '电工证焊工证不用考试，包过，官网可查，加微信 zheng8899';
const FILLER = '本公司承接室内装修、水电改造、防水补漏、墙面翻新，价格公道，欢迎来电咨询。';
// Distinct lines, so a long post's distinct n-grams really outnumber the offer's.
const SERVICES = ['公司注册代理记账', '商标专利申请', '网站建设推广', '出国签证咨询', '搬家保洁服务', '二手车过户', '家电维修上门', '空调清洗加氟', '管道疏通改造', '开锁换锁修锁', '婚庆礼仪策划', '摄影摄像剪辑'];
const serviceMail = (offerAt: number) =>
  ['您好！本司业务如下：', ...SERVICES.map((x, i) => `${i + 1}、${x}，全市上门，价格优惠，欢迎洽谈合作`)].flatMap((l, i) => (i === offerAt ? [OFFER, l] : [l])).join('\n');

describe('surface n-grams', () => {
  it('counts each distinct 1–3-gram once, folds case, width and runs of spaces', () => {
    const a = surfaceGrams('AB  ab');
    const ids = new Set(Array.from(a.idx.subarray(0, a.count)));
    expect(ids.size).toBe(a.count);
    // a, b, ' ', ab, 'b ', ' a', 'ab ', 'b a', ' ab': "AB ab" folds to 'ab ab' with 9 distinct grams.
    expect(a.count).toBe(9);
    const wide = surfaceGrams('ＡＢ\u3000ab');
    expect(Array.from(wide.idx.subarray(0, wide.count)).sort()).toEqual(Array.from(ids).sort());
    expect(a.value).toBeCloseTo(1 / 3, 10);
  });

  it('gives training and scoring the same sum for a short post', () => {
    const w = new Float32Array(1 << SURFACE_BITS).map((_, i) => ((i * 2654435761) % 1000) / 1000 - 0.5);
    const ex = surfaceExample(OFFER);
    let sum = 0.25;
    for (let i = 0; i < ex.idx.length; i++) sum += w[ex.idx[i]!]! * ex.val[i]!;
    expect(surfaceLinear(OFFER, w, 0.25)).toBeCloseTo(sum, 5);
  });

  it('counts an infinite weight once, as the sum over distinct n-grams does (no w·0 = NaN from repeats)', () => {
    const w = new Float32Array(1 << SURFACE_BITS);
    const a = surfaceGrams('aaaa');
    w[a.idx[0]!] = Infinity;
    expect(surfaceLinear('aaaa', w, 0)).toBe(Infinity);
    // A model of finite weights right after: the check is per weight vector.
    expect(surfaceLinear('aaaa', new Float32Array(1 << SURFACE_BITS).fill(0.5), 0)).toBeCloseTo(1.5 / Math.sqrt(3), 12);
  });

  it('scores a long post by its best window when that window outweighs the whole', () => {
    // Weights that like only the offer's n-grams: diluted over the whole post, concentrated in a window.
    const w = new Float32Array(1 << SURFACE_BITS);
    const offer = surfaceGrams(OFFER);
    for (const j of offer.idx.subarray(0, offer.count)) w[j] = 1;
    // Twelve service lines and a page of text that shares nothing with the offer.
    const other = Array.from({ length: 1500 }, (_, k) => String.fromCharCode(0x5000 + ((k * 7919) % 8000))).join('');
    const long = `${serviceMail(6)}\n${other}`;
    const g = surfaceGrams(long);
    let whole = 0;
    for (const j of g.idx.subarray(0, g.count)) whole += w[j]!;
    whole *= g.value;
    expect(surfaceLinear(long, w, 0)).toBeGreaterThan(whole * 1.5);
    // Training's window example holds the same n-grams at the same value: its sum is the window's score.
    const ex = surfaceBestWindowExample(long, w)!;
    let windowSum = 0;
    for (let i = 0; i < ex.idx.length; i++) windowSum += w[ex.idx[i]!]! * ex.val[i]!;
    expect(surfaceLinear(long, w, 0)).toBeCloseTo(windowSum, 6);
    expect(surfaceBestWindowExample(OFFER, w)).toBeNull();
    // A short post is never windowed.
    expect(surfaceLinear(OFFER, w, 0)).toBeCloseTo(offer.count * offer.value, 5);
  });
});

describe('a model with the surface view', () => {
  const items: LabelledText[] = [];
  for (let i = 0; i < 40; i++) {
    items.push({ id: `p${i}`, text: `${['电工证', '焊工证', '高处作业证', '叉车证'][i % 4]}不用考试包过，官网可查，微信 zz${1000 + i}`, y: 1, source: 'corpus' });
    items.push({ id: `n${i}`, text: `${['电工证', '焊工证', '高处作业证', '叉车证'][i % 4]}培训报名，需本人参加考试，第${i}期开班`, y: 0, source: 'corpus' });
  }

  it('trains both views, keeps them in the file, and scores the same after the round trip', () => {
    const { model } = trainModel(items, { folds: 2, epochs: 3, seed: 5 });
    expect(model.surface?.share).toBe(0.5);
    const file = toModelFile(model);
    expect(file.format).toBe('certwatch-hashed-logreg/2');
    const back = fromModelFile(JSON.parse(JSON.stringify(file)));
    for (const text of [items[0]!.text, items[1]!.text, `${FILLER.repeat(8)}${OFFER}`]) {
      expect(classifyPost({ id: 'x', text }, back).score).toBeCloseTo(classifyPost({ id: 'x', text }, model).score, 4);
    }
    // The probability is the documented mix of the two views.
    const post = analyzePost({ text: items[0]!.text }, model.bits);
    const folded = model.calibration.a * postScore(post.features, model) + model.calibration.b;
    const surface = surfaceLinear(post.raw, model.surface!.weights, model.surface!.bias);
    expect(calibrate(postScore(post.features, model), model, post.raw)).toBeCloseTo(mixViews(folded, surface, model.surface!), 10);
    expect(() => calibrate(0, model)).toThrow(/raw text/);
  });

  it('trains the folded view alone with share 0, in the format older readers know', () => {
    const { model } = trainModel(items, { folds: 2, epochs: 3, seed: 5, surfaceShare: 0 });
    expect(model.surface).toBeUndefined();
    expect(toModelFile(model).format).toBe('certwatch-hashed-logreg/1');
    expect(calibrate(1, model)).toBe(sigmoid(model.calibration.a + model.calibration.b));
  });

  it('names two models fitted the same day apart, by their weights', () => {
    const a = trainModel(items, { folds: 2, epochs: 3, seed: 5 }).model;
    const b = trainModel(items, { folds: 2, epochs: 3, seed: 6 }).model;
    const again = trainModel(items, { folds: 2, epochs: 3, seed: 5 }).model;
    expect(a.version).toMatch(/^hashed-logreg-\d{4}-\d\d-\d\d-[0-9a-f]{8}$/);
    // The digest, not the day (a run may cross midnight).
    const digest = (v: string) => v.slice(-8);
    expect(digest(b.version)).not.toBe(digest(a.version));
    expect(digest(again.version)).toBe(digest(a.version));
    // The surface view's weights count too: the folded view alone names another model.
    expect(digest(trainModel(items, { folds: 2, epochs: 3, seed: 5, surfaceShare: 0 }).model.version)).not.toBe(digest(a.version));
  });

  it('averages bagged fits into one model the size of a single fit (scoring costs the same)', () => {
    const nonZero = (w: Float32Array) => w.reduce((n, x) => n + (x !== 0 ? 1 : 0), 0);
    const one = trainModel(items, { folds: 2, epochs: 3, seed: 5, bags: 1 }).model;
    const five = trainModel(items, { folds: 2, epochs: 3, seed: 5, bags: 5 }).model;
    // Every bag meets the same features, in its own order: the same weights set, other values.
    expect(nonZero(five.weights)).toBe(nonZero(one.weights));
    expect(nonZero(five.surface!.weights)).toBe(nonZero(one.surface!.weights));
    expect(five.version).not.toBe(one.version);
    expect(trainModel(items, { folds: 2, epochs: 3, seed: 5, bags: 5 }).model.version).toBe(five.version);
    // The averaged weights still separate what each fit learned (raw logits: this toy set's calibration is degenerate).
    const logit = (it: LabelledText) => postScore(analyzePost({ text: it.text }, five.bits).features, five);
    expect(logit(items[0]!)).toBeGreaterThan(logit(items[1]!));
  });

  it('fits the surface view to its optimum whatever the seed, and blends it with the early-stopped fit', () => {
    const surface = (seed: number, surfaceOptimizer: 'adagrad' | 'lbfgs' | 'blend') => trainModel(items, { folds: 2, epochs: 3, seed, surfaceOptimizer }).model.surface!;
    const gap = (a: Float32Array, b: ArrayLike<number>) => a.reduce((m, x, i) => Math.max(m, Math.abs(x - b[i]!)), 0);
    const optimum = surface(5, 'lbfgs');
    expect(gap(optimum.weights, surface(6, 'lbfgs').weights)).toBeLessThan(1e-3);
    const early = surface(5, 'adagrad');
    expect(gap(early.weights, surface(6, 'adagrad').weights)).toBeGreaterThan(1e-3);
    const blend = surface(5, 'blend');
    expect(gap(blend.weights, early.weights.map((w, i) => (w + optimum.weights[i]!) / 2))).toBeLessThan(1e-3);
    // the default is the blend: what the shipped model is trained with
    expect(gap(trainModel(items, { folds: 2, epochs: 3, seed: 5 }).model.surface!.weights, blend.weights)).toBe(0);
  });

  it('refuses a /2 file without a sound surface block', () => {
    const { model } = trainModel(items, { folds: 2, epochs: 3, seed: 5 });
    const file = toModelFile(model);
    expect(() => fromModelFile({ ...file, surface: undefined })).toThrow(ModelFormatError);
    expect(() => fromModelFile({ ...file, surface: { ...file.surface!, share: 2 } })).toThrow(/share/);
    expect(() => fromModelFile({ ...file, surface: { ...file.surface!, values: 'AAA' } })).toThrow(ModelFormatError);
  });

  it('ships a default model that mixes both views', () => {
    const m: Model = loadDefaultModel();
    expect(m.surface?.share).toBeGreaterThan(0);
    expect(classifyPost({ id: 'o', text: OFFER }, m).flagged).toBe(true);
    expect(classifyPost({ id: 'f', text: FILLER }, m).flagged).toBe(false);
  });
});
