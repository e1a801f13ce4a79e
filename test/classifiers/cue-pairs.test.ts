// Pairs of lexicon cues are features of their own: the genres one cue cannot tell apart (an
// invoice dealer who also 办证, a driving school's 拿证快) are told by two cues together.
import { describe, expect, it } from 'vitest';
import { analyzePost } from '../../classifiers/analyze-post.js';
import { CUES } from '../../classifiers/features/lexicon.js';
import { NS, hashString } from '../../classifiers/features/feature-hash.js';
import { classifyPost, loadDefaultModel } from '../../classifiers/index.js';

const features = (text: string) => analyzePost({ text }, 18).features;
const pairNames = (text: string) => features(text).names.filter((n) => n.startsWith('组合: '));

describe('cue pairs', () => {
  it('names every pair of the cues a post holds, once, in lexicon order', () => {
    const f = features('电工证不用考试，包过，官网可查');
    const held = f.cues.map((c) => c.id);
    expect(held).toEqual(expect.arrayContaining(['no-exam', 'guaranteed-pass', 'verifiable']));
    const pairs = pairNames('电工证不用考试，包过，官网可查');
    expect(pairs).toHaveLength((held.length * (held.length - 1)) / 2);
    expect(new Set(pairs).size).toBe(pairs.length);
    expect(pairs).toContain('组合: 不用考试 + 包过');
    // a sale cue is named first beside a counter cue (sale cues come first in the lexicon)
    expect(pairNames('驾校招生，包过')).toContain('组合: 包过 + 培训/报名');
  });

  it('adds none for a post with one cue or none', () => {
    expect(pairNames('包过')).toEqual([]);
    expect(pairNames('今天天气不错')).toEqual([]);
  });

  it('makes the pairs one block of unit length, however many cues a post holds', () => {
    const all = '不用考试 包过 官网可查 全国通用 直接出证 办证 刻章 内部渠道 货到付款 真实有效 敬请保留 毕业证 驾驶证 证500元一本 加微信 培训班 招聘 打击 真伪 网银 发票 贷款 驾校 考试时间';
    for (const text of ['包过，加微信', '电工证不用考试，包过，官网可查', all.repeat(50)]) {
      const f = features(text);
      const n = f.cues.length;
      const pairs = [...f.names.keys()].filter((k) => f.names[k]!.startsWith('组合: '));
      expect(pairs).toHaveLength((n * (n - 1)) / 2);
      // names[k] is the feature whose `what` is −k−1: its value is the pair's
      const values = pairs.map((k) => f.val[f.what.indexOf(-k - 1)]!);
      expect(values.reduce((s, v) => s + v * v, 0)).toBeCloseTo(1, 5);
    }
    expect(features(all.repeat(50)).cues.length).toBeGreaterThanOrEqual(20);
  });

  it('carries what the shipped model learned from the real texts: the pair, not either cue, tells the genre', () => {
    const model = loadDefaultModel();
    const w = (a: string, b: string) => model.weights[hashString(NS.named, `cue-pair:${a}+${b}`) & ((1 << model.bits) - 1)]!;
    // an invoice dealer who also offers 办证 or 刻章 is a seller; 验后付款 is how invoice spam is paid
    expect(w('make-documents', 'invoice')).toBeGreaterThan(0.5);
    expect(w('seal', 'invoice')).toBeGreaterThan(0.5);
    expect(w('pay-after', 'invoice')).toBeLessThan(-0.5);
    // a driving school's 拿证快 and an adult-education course's 免考英语 are no offer
    expect(w('fast-issue', 'driving-school')).toBeLessThan(-0.5);
    expect(w('no-exam', 'training')).toBeLessThan(-0.5);
    const invoice = '您好，我公司代开各行业发票，保真，验后付款，电话13796160000';
    const plain = classifyPost({ id: 'i', text: invoice }, model);
    const withSeals = classifyPost({ id: 's', text: `${invoice}，另专业刻章办证` }, model);
    expect(plain.flagged).toBe(false);
    expect(withSeals.flagged).toBe(true);
  });
});
