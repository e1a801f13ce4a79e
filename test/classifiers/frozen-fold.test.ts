// The frozen fold stays the same fold: whole near-duplicate groups, chosen by id hash, about a
// fifth, and second-batch texts near a frozen text never train; the honest figures count right.
import { describe, expect, it } from 'vitest';
import { isHardNegative, splitFrozen } from '../../classifiers/evaluation/frozen-fold.js';
import { honestFigures } from '../../classifiers/evaluation/honest-evaluation.js';
import type { LabelledText } from '../../classifiers/training/train-model.js';

const TOPICS = ['电工证', '焊工证', '登高证', '叉车证', '学历', '会计证', '驾驶证', '健康证', '厨师证', '护士证'];
const VERBS = ['办理', '咨询', '报名', '查询', '补办', '年审', '培训', '考试', '复审', '领取'];
const PLACES = ['北京', '上海', '广州', '深圳', '成都', '武汉', '西安', '南京', '杭州', '重庆'];

/** 200 texts in 100 pairs of near-duplicates (a template and its edit with another number). */
function texts(): LabelledText[] {
  const out: LabelledText[] = [];
  for (let g = 0; g < 100; g++) {
    const base = `${PLACES[g % 10]}的朋友请注意${TOPICS[Math.floor(g / 10)]}${VERBS[g % 7]}相关事宜${VERBS[(g * 3) % 10]}流程说明第${g}期`;
    out.push({ id: `d-${g}-a`, text: `${base}，电话13800000001`, y: g % 4 === 0 ? 1 : 0, source: 'real-world-dev' });
    out.push({ id: `d-${g}-b`, text: `${base}，电话13911112222`, y: g % 4 === 0 ? 1 : 0, source: 'real-world-dev' });
  }
  return out;
}

describe('frozen fold', () => {
  it('freezes whole near-duplicate groups, about a fifth, the same on every run and in any order', () => {
    const dev = texts();
    const a = splitFrozen(dev);
    expect(a.frozen.length + a.dev.length).toBe(dev.length);
    expect(a.frozen.length).toBeGreaterThan(dev.length * 0.08);
    expect(a.frozen.length).toBeLessThan(dev.length * 0.35);
    const frozenIds = new Set(a.frozen.map((x) => x.id));
    for (let g = 0; g < 100; g++) expect(frozenIds.has(`d-${g}-a`), `group ${g}`).toBe(frozenIds.has(`d-${g}-b`));
    const b = splitFrozen([...dev].reverse());
    expect(new Set(b.frozen.map((x) => x.id))).toEqual(frozenIds);
  });

  it('keeps second-batch near-duplicates of frozen texts out of training', () => {
    const dev = texts();
    const { frozen } = splitFrozen(dev);
    const near = { ...frozen[0]!, id: 'second-1', source: 'real-world-train-2', text: frozen[0]!.text.replace(/\d{11}/, '13712345678') };
    const far = { id: 'second-2', text: '今天下午开会讨论年度预算，请大家准时参加', y: 0 as const, source: 'real-world-train-2' };
    const s = splitFrozen(dev, [near, far]);
    expect(s.secondNearFrozen.map((x) => x.id)).toEqual(['second-1']);
    expect(s.second.map((x) => x.id)).toEqual(['second-2']);
    // Adding the second batch does not move dev texts in or out of the frozen fold.
    expect(new Set(s.frozen.map((x) => x.id))).toEqual(new Set(frozen.map((x) => x.id)));
  });

  it('counts false flags per 1,000 hard negatives and precision at recall 0.9 and 0.95', () => {
    expect(isHardNegative({ y: 0, subtype: 'driving_school_ad' })).toBe(true);
    expect(isHardNegative({ y: 0, subtype: 'random_normal_message' })).toBe(false);
    expect(isHardNegative({ y: 1, subtype: 'exam_fraud_guaranteed_pass' })).toBe(false);
    const items = [
      ...Array.from({ length: 20 }, (_, i) => ({ score: 0.9 - i * 0.01, y: 1 as const, hard: false })),
      { score: 0.95, y: 0 as const, hard: true },
      { score: 0.6, y: 0 as const, hard: true },
      { score: 0.2, y: 0 as const, hard: true },
      { score: 0.1, y: 0 as const, hard: true },
      { score: 0.99, y: 0 as const, hard: false },
    ];
    const f = honestFigures(items, 0.5);
    expect(f.hardNegatives).toBe(4);
    expect(f.falseFlagsPer1000HardNegatives).toBe(500);
    // Every positive scores above 0.6, so the best cut-off for either recall takes all 20 and the two negatives above them.
    expect(f.precisionAtRecall90).toBeCloseTo(20 / 22, 4);
    expect(f.precisionAtRecall95).toBeCloseTo(20 / 22, 4);
    expect(f.flag).toMatchObject({ tp: 20, fp: 3, fn: 0 });
  });
});

describe('honest evaluation', () => {
  it('reports the frozen fold, dev and second batch for ours, both baselines and a shipped model, never training on the frozen fold', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseLabelledJsonl } = await import('../../classifiers/training/labelled-jsonl.js');
    const { honestEvaluation } = await import('../../classifiers/evaluation/honest-evaluation.js');
    const { loadDefaultModel } = await import('../../classifiers/index.js');
    const corpus = parseLabelledJsonl(readFileSync(new URL('../../classifiers/corpus/corpus.jsonl', import.meta.url), 'utf8'), 'corpus').items;
    // Corpus items stand in for the real sets: every 13th as "dev", every 17th as "second", a slice to train.
    const tag = (it: LabelledText, source: string): LabelledText => ({ ...it, source, subtype: it.y ? 'seller' : 'driving_school_ad' });
    const dev = corpus.filter((_, i) => i % 13 === 0).map((it) => tag(it, 'real-world-dev'));
    const second = corpus.filter((_, i) => i % 17 === 1).map((it) => tag(it, 'real-world-train-2'));
    const train = corpus.filter((_, i) => i % 9 === 2);
    const split = splitFrozen(dev, second);
    const { sandboxLabelledPosts } = await import('../../sandbox/labelled-posts.js');
    const { classifyPost } = await import('../../classifiers/index.js');
    const web = sandboxLabelledPosts({ seeds: [7], scale: 1 });
    const { protocol, systems, model, scores: perText } = honestEvaluation({ dev, second, corpus: train, web }, { folds: 2, baselines: true, previous: loadDefaultModel() });
    expect(Object.keys(systems).sort()).toEqual(['naturalBayes', 'ngramLogReg', 'ours', 'previousModel']);
    // Web listings are scored by the final fit at its own thresholds: the same counts classifyPost gives.
    const scores = web.map((p) => classifyPost({ id: p.id, text: p.text, title: p.title }, model).score);
    const ours = systems.ours!.webListings!;
    expect(ours.flag.tp + ours.flag.fp).toBe(scores.filter((s) => s >= model.thresholds.flag).length);
    expect(ours.review.sellerRecall).toBeCloseTo(web.filter((p, i) => p.y === 1 && scores[i]! >= model.thresholds.review).length / web.filter((p) => p.y === 1).length, 4);
    for (const s of Object.values(systems)) {
      expect(s.webListings!.count).toBe(web.length);
      expect(s.webListings!.positives).toBe(web.filter((p) => p.y === 1).length);
      expect(Object.values(s.webListings!.byGenre).reduce((n, g) => n + g.count, 0)).toBe(web.length);
      expect(s.webListings!.review.sellerRecall).toBeGreaterThanOrEqual(s.webListings!.flag.recall);
    }
    expect(protocol.training).toMatchObject({ frozen: split.frozen.length, dev: split.dev.length, second: split.second.length, corpus: train.length });
    for (const s of Object.values(systems)) {
      expect(s.frozenFold.count).toBe(split.frozen.length);
      expect(s.crossValidatedDev.count).toBe(split.dev.length);
      expect(s.secondBatch.count).toBe(second.length);
      expect(s.frozenFold.averagePrecision).toBeGreaterThan(0.5);
    }
    // Each text's own score (eval --scores-out) is what the report was computed from.
    const { averagePrecision } = await import('../../classifiers/evaluation/metrics.js');
    const rows = (...sets: string[]) => perText.filter((r) => sets.includes(r.set));
    expect(rows('frozen').map((r) => r.id).sort()).toEqual(split.frozen.map((it) => it.id).sort());
    expect(rows('dev')).toHaveLength(split.dev.length);
    expect(rows('second', 'second-near-frozen')).toHaveLength(second.length);
    expect(rows('web')).toHaveLength(web.length);
    // Out-of-fold rows name their fold; the texts no fold held out name none.
    const folds = new Set(rows('dev', 'second').map((r) => r.fold));
    expect(folds.size).toBeGreaterThan(1);
    expect([...folds].every((f) => Number.isInteger(f))).toBe(true);
    expect(rows('frozen', 'web', 'second-near-frozen').every((r) => r.fold === undefined)).toBe(true);
    expect(Math.round(averagePrecision(rows('frozen')) * 10000) / 10000).toBe(systems.ours!.frozenFold.averagePrecision);
    expect(Math.round(averagePrecision(rows('second', 'second-near-frozen')) * 10000) / 10000).toBe(systems.ours!.secondBatch.averagePrecision);
    expect(rows('web').filter((r) => r.score >= model.thresholds.flag)).toHaveLength(ours.flag.tp + ours.flag.fp);
    // The same texts with key words in pinyin: every system fitted here scores them, seller ads among them.
    for (const s of [systems.ours!, systems.naturalBayes!, systems.ngramLogReg!]) {
      const p = s.keyWordsInPinyin!;
      expect([p.crossValidatedDev.count, p.secondBatch.count, p.frozenFold.count]).toEqual([split.dev.length, second.length, split.frozen.length]);
      expect(p.crossValidatedDev.sellerAdsSpelled.count).toBeGreaterThan(0);
    }
  }, 240_000);

  it('scores the respelled texts out of fold exactly as the texts themselves when respelling changes nothing', async () => {
    const { readFileSync } = await import('node:fs');
    const { parseLabelledJsonl } = await import('../../classifiers/training/labelled-jsonl.js');
    const { honestEvaluation } = await import('../../classifiers/evaluation/honest-evaluation.js');
    const corpus = parseLabelledJsonl(readFileSync(new URL('../../classifiers/corpus/corpus.jsonl', import.meta.url), 'utf8'), 'corpus').items;
    const tag = (it: LabelledText, source: string): LabelledText => ({ ...it, source });
    const dev = corpus.filter((_, i) => i % 13 === 0).map((it) => tag(it, 'real-world-dev'));
    const second = corpus.filter((_, i) => i % 17 === 1).map((it) => tag(it, 'real-world-train-2'));
    const train = corpus.filter((_, i) => i % 9 === 2);
    const same = honestEvaluation({ dev, second, corpus: train }, { folds: 2, respell: (it) => ({ ...it }) }).systems.ours!;
    // A fold's fit and the final calibration rebuilt outside training give the very out-of-fold scores.
    const { sellerAdsSpelled, ...figures } = same.keyWordsInPinyin!.crossValidatedDev;
    expect(figures).toEqual(same.crossValidatedDev);
    expect(sellerAdsSpelled.count).toBe(0);
    const { sellerAdsSpelled: _s, ...secondFigures } = same.keyWordsInPinyin!.secondBatch;
    expect(secondFigures).toEqual(same.secondBatch);
    // Spelled for real, the seller ads that held a key word are counted.
    const spelled = honestEvaluation({ dev, second, corpus: train }, { folds: 2 }).systems.ours!;
    expect(spelled.keyWordsInPinyin!.crossValidatedDev.sellerAdsSpelled.count).toBeGreaterThan(5);
  }, 240_000);
});
