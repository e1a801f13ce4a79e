// Long posts scored over windows: the sweep finds the same best window as trying every one,
// short posts score exactly as before, classifyPost and training agree, and the file keeps the width.
import { describe, expect, it } from 'vitest';
import { analyzePost } from '../../classifiers/analyze-post.js';
import { calibrate, linearScore, postScore } from '../../classifiers/classify-post.js';
import { classifyPost, loadDefaultModel } from '../../classifiers/index.js';
import { fromModelFile, toModelFile, type Model } from '../../classifiers/model/model.js';
import { bestWindow, windowedScore, windowGramValue, type GramLayout } from '../../classifiers/model/window-score.js';
import { seededRandom } from '../../classifiers/training/seeded-random.js';

const FILLER = ['本公司供应群发手机和群发软件，价格实惠', '小额贷款，无抵押当天放款，利息低', '网站建设、推广、优化，包月服务', '租车代驾机场接送，随叫随到', '婚庆策划、摄影摄像，全城最低价', '家电维修、管道疏通，上门服务', '物流托运、搬家服务，安全快捷', '打印复印、喷绘写真，立等可取', '二手手机批发零售，全新机也有', '代办出国签证、移民咨询，成功率高', '公司注册、代理记账，一条龙服务', '各类翻译服务，英日韩法德俄', '出售各类手机卡、上网卡，不用实名', '代收代付、POS机办理，费率低'];
const OFFER = '代办电工证焊工证登高证，不用考试，官网可查';

function mail(offerAt: number): string {
  const items = [...FILLER];
  items.splice(offerAt, 0, OFFER);
  return `您好！本公司业务如下：\n${items.map((l, i) => `${i + 1}、${l}`).join('\n')}\n联系人：王经理 13812345678`;
}

/** Every window by brute force: the best sum of contributions over n-grams starting inside. */
function bruteBest(contrib: number[], f: GramLayout, width: number): number {
  let best = -Infinity;
  const starts: number[] = [];
  for (let s = 0; s + width < f.seqLength; s += width >> 1) starts.push(s);
  starts.push(f.seqLength - width);
  for (const s of starts) {
    let sum = 0;
    for (let i = 0; i < f.grams; i++) if (f.gramSeq[i]! >= s && f.gramSeq[i]! < s + width) sum += contrib[i]!;
    best = Math.max(best, sum);
  }
  return best;
}

describe('window scoring', () => {
  it('finds the best window the sweep would find by trying every one', () => {
    const f = analyzePost({ text: mail(4) }, 18).features;
    const rand = seededRandom(3);
    for (const width of [16, 48, 128]) {
      const contrib = Array.from({ length: f.grams }, () => rand() - 0.5);
      expect(bestWindow(contrib, f, width).sum).toBeCloseTo(bruteBest(contrib, f, width), 9);
    }
  });

  it('leaves short posts exactly as whole-post scoring, and never scores a long post below it', () => {
    const m = loadDefaultModel();
    const short = analyzePost({ text: '出电工证、焊工证，不用考试，官网可查，加薇信 dgz8888' }, m.bits).features;
    expect(windowedScore(short, m.weights, m.bias, 128)).toBe(linearScore(short, m));
    const long = analyzePost({ text: mail(3) }, m.bits).features;
    expect(windowedScore(long, m.weights, m.bias, 48)).toBeGreaterThanOrEqual(linearScore(long, m));
  });

  it('gives classifyPost the score training and eval compute, and keeps the width in the model file', () => {
    const base = loadDefaultModel();
    const m: Model = { ...base, window: 48 };
    for (const text of [mail(0), mail(5), mail(8), OFFER]) {
      const post = analyzePost({ text }, m.bits);
      const expected = calibrate(postScore(post.features, m), m, post.raw);
      expect(classifyPost({ id: 'x', text }, m).score).toBe(Math.round(expected * 10000) / 10000);
    }
    const back = fromModelFile(JSON.parse(JSON.stringify(toModelFile(m))));
    expect(back.window).toBe(48);
    expect(() => fromModelFile({ ...toModelFile(m), window: 3 })).toThrow(/window/);
    expect(windowGramValue(48)).toBe(Math.fround(1 / Math.sqrt(120)));
  });

  it('flags one certificate offer among fourteen other services wherever it stands (shipped model)', () => {
    const m = loadDefaultModel();
    for (const at of [0, 7, 14]) expect(classifyPost({ id: 'm', text: mail(at) }, m).flagged, `offer at item ${at + 1}`).toBe(true);
    const noOffer = `您好！本公司业务如下：\n${FILLER.map((l, i) => `${i + 1}、${l}`).join('\n')}\n联系人：王经理 13812345678`;
    expect(classifyPost({ id: 'n', text: noOffer }, m).flagged).toBe(false);
  });
});
