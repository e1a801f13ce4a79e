// Sale talk in quotation marks is someone else's words: the features that tell the model so, and
// what the shipped model makes of crackdown news and warnings that quote an ad.
import { describe, expect, it } from 'vitest';
import { quotedSaleCues } from '../../classifiers/features/quoted-cues.js';
import { CUES } from '../../classifiers/features/lexicon.js';
import { normalizeText } from '../../classifiers/index.js';
import { analyzePost } from '../../classifiers/analyze-post.js';
import { classifyPost, loadDefaultModel } from '../../classifiers/index.js';

const cue = (id: string) => CUES.findIndex((c) => c.id === id);
const quoted = (raw: string, sale: number[]) => quotedSaleCues(raw, normalizeText(raw).folded, sale);
const names = (text: string) => analyzePost({ text }, 18).features.names;

describe('sale cues inside quotation marks', () => {
  it('counts the quoted spans that hold a sale cue, in any quotation mark', () => {
    const sale = [cue('no-exam'), cue('guaranteed-pass'), cue('verifiable')];
    expect(quoted('广告说“不用考试”“包过”，还说「官网可查」', sale)).toEqual({ spans: 3, only: true });
    expect(quoted('有人发『包過』和＂免考＂的帖子', sale)).toEqual({ spans: 2, only: true });
    // a quote without sale talk, or no sale cue at all: nothing
    expect(quoted('他说“明天开班”，包过', sale)).toEqual({ spans: 0, only: false });
    expect(quoted('“包过”', [])).toEqual({ spans: 0, only: false });
  });

  it('says whether the post has sale talk of its own beside the quotes', () => {
    const sale = [cue('guaranteed-pass'), cue('add-contact')];
    expect(quoted('电工证“包过”，加微信 zz1234', sale)).toEqual({ spans: 1, only: false });
    // the text around a quote is not read across it: 包“x”过 is no 包过
    expect(quoted('包“包过”过', [cue('guaranteed-pass')])).toEqual({ spans: 1, only: true });
  });

  it('names the features for reasons, and leaves posts without quotes alone', () => {
    expect(names('犯罪嫌疑人发布“电工证不用考试”“包过”等广告')).toContain('引号内的销售话术');
    expect(names('网上说“包过”，真的吗')).toContain('销售话术只见于引号内');
    const plain = names('电工证不用考试 包过 加微信 zz1234');
    expect(plain).not.toContain('引号内的销售话术');
    expect(plain).not.toContain('销售话术只见于引号内');
  });

  it('keeps the shipped model from flagging crackdown news and warnings that quote an ad', () => {
    const model = loadDefaultModel();
    const news = '法治日报（记者 李某）近日，某市公安机关会同应急管理部门破获一起伪造、买卖特种作业操作证案件。犯罪嫌疑人在网络上发布“电工证不用考试”“包过”“直接出证”“官网可查”等广告，以每本数百元价格出售伪造证件。警方提醒：特种作业操作证须经培训考核取得。';
    const warning = '网上很多广告说焊工证“包过”“官网可查”，问了一下要800块，不用考试。感觉不靠谱，有没有懂的说说？';
    const ad = '电工证焊工证不用考试，包过，直接出证，官网可查，加微信 zheng8899';
    expect(classifyPost({ id: 'n', text: news }, model).flagged).toBe(false);
    expect(classifyPost({ id: 'w', text: warning }, model).flagged).toBe(false);
    expect(classifyPost({ id: 'a', text: ad }, model).flagged).toBe(true);
  });
});
