// Key words spelled in pinyin for the evaluation's respelled texts: each form appears, the rest of
// the text is kept, and the same seed gives the same text.
import { describe, expect, it } from 'vitest';
import { spellKeyWordsInPinyin } from '../../classifiers/evaluation/pinyin-spelling.js';
import { seededRandom } from '../../classifiers/training/seeded-random.js';

describe('key words spelled in pinyin', () => {
  it('spells the first key word always, in one of three forms, and leaves other words alone', () => {
    const forms = new Set<string>();
    for (let seed = 1; seed <= 60; seed++) forms.add(spellKeyWordsInPinyin('本地办证加微信13812345678', seededRandom(seed)));
    expect([...forms].sort()).toEqual(['本地 ban zheng 加微信13812345678', '本地ban证加微信13812345678', '本地banzheng加微信13812345678'].sort());
  });

  it('spells words of both sides and is the same for the same seed', () => {
    const school = '驾校报名培训，考试通过率高';
    const a = spellKeyWordsInPinyin(school, seededRandom(7), 1);
    expect(a).not.toMatch(/报名|培训|考试/);
    expect(a).toMatch(/bao ?ming|bao名/);
    expect(spellKeyWordsInPinyin(school, seededRandom(7), 1)).toBe(a);
    expect(spellKeyWordsInPinyin('学历', seededRandom(3), 1)).toMatch(/^ ?xue ?li ?$|^xue历$/);
    expect(spellKeyWordsInPinyin('没有关键词的句子', seededRandom(3), 1)).toBe('没有关键词的句子');
  });
});
