// Copies of real texts with spans cut out: made only of real texts, the same for a seed, and
// trained on only where their original is — a copy in another fold would leak it into its own score.
import { describe, expect, it } from 'vitest';
import { cutCopies, cutSpans } from '../../classifiers/training/cut-copies.js';
import { seededRandom } from '../../classifiers/training/seeded-random.js';
import { trainModel, type LabelledText } from '../../classifiers/training/train-model.js';

/** Whether `part` is `whole` with characters removed (a subsequence of it). */
function isCutFrom(part: string, whole: string): boolean {
  let j = 0;
  for (let i = 0; i < whole.length && j < part.length; i++) if (whole[i] === part[j]) j++;
  return j === part.length;
}

describe('cut copies', () => {
  const items: LabelledText[] = [
    { id: 'c1', text: '电工证不用考试包过，官网可查，加微信 zz1001', y: 1, source: 'corpus' },
    { id: 'r1', text: '办理各类证件，刻章，文凭，联系电话 13800000000 王先生', y: 1, source: 'real-world-dev' },
    { id: 'r2', text: '本周六驾校科目二考试，请各位学员提前半小时到场', y: 0, source: 'real-world-train-2' },
    { id: 'a1', text: '焊工证培训报名，需本人参加考试，每月开班', y: 0, source: 'analyst-labels' },
  ];

  it('copies real and analyst texts only, each shorter by about the share and cut from its original', () => {
    const out = cutCopies(items, { copies: 3, share: 0.2 }, 7);
    expect(out.map((c) => c.item.id)).toEqual(['r1#cut1', 'r1#cut2', 'r1#cut3', 'r2#cut1', 'r2#cut2', 'r2#cut3', 'a1#cut1', 'a1#cut2', 'a1#cut3']);
    for (const { origin, item } of out) {
      const original = items[origin]!;
      expect(item.y).toBe(original.y);
      expect(item.source).toBe(original.source);
      expect(isCutFrom(item.text, original.text)).toBe(true);
      const lost = original.text.length - item.text.length;
      expect(lost).toBeGreaterThanOrEqual(Math.floor(original.text.length * 0.2) - 1);
      expect(lost).toBeLessThanOrEqual(Math.ceil(original.text.length * 0.2) + 1);
    }
    // The copies of one text differ from each other: each cut is drawn anew.
    expect(new Set(out.filter((c) => c.origin === 1).map((c) => c.item.text)).size).toBeGreaterThan(1);
  });

  it('gives the same copies for a seed, others for another, and none when asked for none', () => {
    const texts = (seed: number) => cutCopies(items, { copies: 2, share: 0.2 }, seed).map((c) => c.item.text);
    expect(texts(7)).toEqual(texts(7));
    expect(texts(8)).not.toEqual(texts(7));
    expect(cutCopies(items, { copies: 0, share: 0.2 }, 7)).toEqual([]);
  });

  it('cuts one or two spans and never more than the text', () => {
    const rand = seededRandom(3);
    for (let n = 1; n < 60; n++) {
      const text = '证'.repeat(n);
      const cut = cutSpans(text, 0.2, rand);
      expect(cut.length).toBeLessThan(n);
      expect(cut.length).toBeGreaterThanOrEqual(n - Math.max(2, Math.ceil(n * 0.2) + 1));
    }
  });
});

describe('training with cut copies', () => {
  // Texts whose words no other text holds: out of fold, a model can only know them from a copy of
  // themselves, so their out-of-fold scores show whether a copy was trained on outside its fold.
  const UNIQUE = ['鹦鹉袋鼠企鹅骆驼', '琵琶唢呐箜篌编钟', '铂铱钯铑钌锇', '蚕豆豌豆扁豆芸豆', '枇杷杨梅荔枝龙眼', '珊瑚玳瑁砗磲琥珀'];
  const items: LabelledText[] = [];
  for (let i = 0; i < 40; i++) {
    items.push({ id: `p${i}`, text: `${['电工证', '焊工证', '高处作业证', '叉车证'][i % 4]}不用考试包过，官网可查，微信 zz${1000 + i}`, y: 1, source: 'corpus' });
    items.push({ id: `n${i}`, text: `${['电工证', '焊工证', '高处作业证', '叉车证'][i % 4]}培训报名，需本人参加考试，第${i}期开班`, y: 0, source: 'corpus' });
  }
  UNIQUE.forEach((words, i) => items.push({ id: `u${i}`, text: `${words}${words}${words}`, y: 1, source: 'real-world-dev' }));
  const unique = items.flatMap((it, i) => (it.id.startsWith('u') ? [i] : []));

  it('scores a real text out of fold as a fit that never saw it or its copies would', () => {
    const opts = { folds: 3, epochs: 3, seed: 5, surfaceShare: 0 };
    const without = trainModel(items, { ...opts, cutCopies: { copies: 0, share: 0.2 } }).oof;
    const withCopies = trainModel(items, { ...opts, cutCopies: { copies: 2, share: 0.2 } }).oof;
    // Two copies each of a 24-character text are 80 % of its n-grams: trained on in another fold, they
    // lift its raw out-of-fold score by several logits. In its own fold, only the other real texts'
    // copies move it, and little.
    for (const i of unique) expect(Math.abs(withCopies[i]!.z - without[i]!.z)).toBeLessThan(0.5);
  });
});
