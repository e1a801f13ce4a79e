// De-obfuscation and certificate-type tagging tables: each row is a trick sellers
// use (or a look-alike word that must survive) and the expected folded form or tags.
import { describe, expect, it } from 'vitest';
import { normalizeText, tagCertTypes } from '../../classifiers/index.js';
import { maskEntities } from '../../classifiers/features/entity-mask.js';

const FOLD: Array<[string, string]> = [
  ['办 证', '办证'],
  ['办★证★刻☆章', '办证刻章'],
  ['办\u200b证', '办证'],
  ['办.证 刻-章', '办证刻章'],
  ['辦證', '办证'],
  ['證書', '证书'],
  ['各種証件', '各种证件'],
  ['ＡＢＣ１２３', 'abc123'],
  ['Ⓐⓑⓒ', 'abc'],
  ['🅐🅑🅒', 'abc'],
  ['①③⑧①②③④⑤⑥⑦⑧', '13812345678'],
  ['⓿➀➁', '012'],
  ['一三八一二三四五六七八', '13812345678'],
  ['壹叁捌壹贰叁肆伍陆柒捌', '13812345678'],
  ['幺三八 洞洞 拐拐 两两 勾勾', '13800772299'],
  // 么 is a simplified character in its own right (麼 → 么), not 幺.
  ['怎么办 什么 這麼', '怎么办什么这么'],
  ['威信', '微信'],
  ['薇信', '微信'],
  ['徽信', '微信'],
  ['V信', '微信'],
  ['vx', '微信'],
  ['wx', '微信'],
  ['vxhaoge_202488', '微信haoge_202488'],
  ['v信laowang88', '微信laowang88'],
  ['vxworks', 'vxworks'],
  ['wxwidgets', 'wxwidgets'],
  ['wxid_abcd1234', 'wxid_abcd1234'],
  ['➕V', '加微信'],
  ['V❤', '微信'],
  ['扣扣', 'qq'],
  ['企鹅', 'qq'],
  ['办正', '办证'],
  ['半政', '办证'],
  ['克张', '刻章'],
  ['靠式', '考试'],
  ['毕业政', '毕业证'],
  ['资格正', '资格证'],
  ['包锅', '包过'],
  ['一二级建造师', '一二级建造师'],
  ['包裹已到', '包裹已到'],
  ['科长好', '科长好'],
  ['证建筑', '证建筑'],
];

describe('normalizeText folding table', () => {
  for (const [input, folded] of FOLD) {
    it(`${input} → ${folded}`, () => {
      const r = normalizeText(input);
      expect(r.folded).toBe(folded);
      expect(r.raw).toBe(input);
    });
  }
});

describe('entity masking of the folded view', () => {
  // A glued cue+id must reach the model as the cue plus an id token, like a separated one.
  for (const input of ['vxhaoge_202488', '微信haoge_202488', 'wxhaoge_202488', 'V信haoge_202488']) {
    it(`${input} → 微信Ⓘ`, () => {
      expect(maskEntities(normalizeText(input).folded)).toBe('微信Ⓘ');
    });
  }
  it('leaves a tech word with a version as one id-shaped token, no cue', () => {
    expect(maskEntities(normalizeText('vxworks7').folded)).toBe('Ⓘ');
  });
});

const TAGS: Array<[string, string[]]> = [
  ['低压电工证', ['1.2']],
  ['高压电工操作证', ['1.1']],
  ['电工证', ['1']],
  ['防爆电气作业', ['1.3']],
  ['焊工证', ['2']],
  ['电焊证 气焊证', ['2.1']],
  ['钎焊作业', ['2.3']],
  ['登高证', ['3.1']],
  ['高空作业证', ['3']],
  ['制冷证', ['4']],
  ['煤矿井下电气', ['5']],
  ['危化证', ['9']],
  ['烟花爆竹储存', ['10']],
  ['特种作业操作证', ['11']],
  ['叉车证', ['samr.forklift']],
  ['电梯证', ['samr.elevator']],
  ['建筑电工证', ['mohurd.electrician']],
  ['塔吊司机', ['mohurd.tower-crane']],
  ['八大员', ['mohurd.eight-staff']],
  ['一级建造师', ['mohurd.constructor']],
  ['毕业证', ['other.diploma']],
  ['驾驶证', ['other.driving']],
  ['刻章', ['other.seal']],
  ['低壓電工證', ['1.2']],
  ['电 工 证', ['1']],
];

describe('tagCertTypes table', () => {
  for (const [input, codes] of TAGS) {
    it(`${input} → ${codes.join(', ')}`, () => {
      expect(tagCertTypes(input).map((t) => t.code)).toEqual(codes);
    });
  }
  it('gives each tag its authority and a Chinese label', () => {
    const tags = tagCertTypes('低压电工证、叉车证、建筑架子工、毕业证');
    expect(tags.map((t) => t.authority).sort()).toEqual(['mem', 'mohurd', 'other', 'samr']);
    for (const t of tags) expect(t.label).toMatch(/\p{Script=Han}/u);
  });
  it('returns nothing for text without certificates', () => {
    expect(tagCertTypes('今天天气很好，我们去公园散步')).toEqual([]);
  });
});
