// normalizeViews runs its passes on a code-unit buffer with lookup tables and skips what cannot
// apply; these tests hold it to the chain of string passes and regexes it replaces.
import { describe, expect, it } from 'vitest';
import { pieceText } from './piece-text.js';
import { normalizeViews, foldForContacts } from '../../classifiers/text/normalize.js';
import { foldChars } from '../../classifiers/text/char-fold.js';
import { canonicalizeContactCuesReference } from './references/contact-cues.js';
import { canonicalizeContactCues, foldDomainHomophones } from './unit-passes.js';
import { convertNumeralRunsReference, foldDigitLookalikesReference } from './references/chinese-numerals.js';
import { removeHanSeparatorsReference, removeSeparatorsReference } from './references/separators.js';
import { foldDomainHomophonesReference } from './references/domain-homophones.js';
import { seededRandom } from '../../classifiers/training/seeded-random.js';

/** The contact view and folded view as the string passes build them, one regex at a time. */
function referenceViews(raw: string): { contactView: string; folded: string } {
  const chars = removeHanSeparatorsReference(foldChars(raw));
  const cued = canonicalizeContactCuesReference(chars);
  const contactView = foldDigitLookalikesReference(convertNumeralRunsReference(cued));
  const folded = foldDomainHomophonesReference(removeSeparatorsReference(contactView)).replace(/\s+/g, ' ').trim();
  return { contactView, folded };
}

// Pieces on every boundary the scans decide on: characters NFKC changes on their own or only next
// to others (combining marks, Hangul jamo, half-width voicing marks), separators, pictographs,
// lone surrogates, numerals, look-alike letters, cue spellings and homophone variants.
const PIECES = [
  '①', '⓿', '❶', '➓', '㊀', '🄰', '🅥', '🇦', '\ud83c', '０', 'Ａ', 'ｚ', '＋', '\u200d', '\u200f', '\ufeff', '☆', '♥', '❤', '💗', '★',
  '办', '证', '正', '政', '考', '式', '是', '可', '查', '刻', '克', '章', '张', '毕业', '包', '裹', '科长', '證', '辦', '麼',
  '〇', '一', '三', '八', '六', '七', '洞', '拐', '幺', '两', '壹', '十', '加', '号', '𠀀',
  ' ', '\u3000', '\u00a0', '\t', '\n', '-', '_', '.', '·', '*', '~', '/', '|', ',', '，', '、', '。', ':', '：', '→', '(', '）',
  '😀', '🏻', '©', '1', '3', '0', '9', '12345', 'a', 'z', 'q', 'Q', 'v', 'V', 'w', 'x', 'o', 'l', 'i', 'wei', 'xin', 'vx', 'wxid_',
  '微', '薇', '信', '心', '卫', '星', '扣', '企', '鹅', 'é', 'e\u0301', '\u0301', 'ㄱ', 'ㅏ', '가', '\u11a8', 'ｶ', 'ﾞ', '㎏', '½', '\ud800', '\udc00',
];

function randomTexts(seed: number, count: number, pieces: string[]): string[] {
  const rand = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(pieceText(rand, pieces, 30));
  return out;
}

describe('normalizeViews on code units', () => {
  it('equals the chain of string passes on random texts', () => {
    for (const t of randomTexts(20261127, 10000, PIECES)) {
      const views = normalizeViews(t);
      const ref = referenceViews(t);
      expect(views.contactView, JSON.stringify(t)).toBe(ref.contactView);
      expect(views.folded, JSON.stringify(t)).toBe(ref.folded);
      expect(views.raw).toBe(t);
      expect(foldForContacts(t)).toBe(ref.contactView);
    }
  });

  it('folds every BMP code unit as NFKC of the whole text would, next to letters, marks and jamo', () => {
    const contexts = ['a', '\u0301', 'ㅏ', 'ｶ', '办'];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const x of contexts) {
        for (const t of [x + ch, ch + x]) {
          if (foldForContacts(t) !== referenceViews(t).contactView) expect(`${c.toString(16)} in ${JSON.stringify(t)}`).toBe('folded as the reference');
        }
      }
    }
  });
});

describe('skipped and rewritten passes', () => {
  it('contact-cue rules skipped by the hint scan change nothing', () => {
    const cuePieces = ['wei', 'xin', 'v', 'w', 'x', 'q', ' ', '-', '·', ':', '：', 'abcdef', '威', '号', '→', '~', '+', '加', '十', '微', '薇', '卫', '星', '信', '心', '❤', '💗', '扣', '企', '鹅', '1', '23456', 'a', 'id_', 'works', '办'];
    for (const t of randomTexts(11, 30000, cuePieces)) expect(canonicalizeContactCues(t), JSON.stringify(t)).toBe(canonicalizeContactCuesReference(t));
  });

  it('foldDomainHomophones equals its definition over the word list', () => {
    const hanPieces = ['办', '证', '正', '班', '考', '式', '试', '是', '可', '查', '茶', '刻', '克', '章', '张', '毕', '业', '页', '政', '包', '保', '过', '锅', '裹', '科', '长', '建', '筑', '资', '格', '个', '学', '信', '网', '往', '代', '带', '办理', '里', ' ', 'a'];
    for (const t of randomTexts(3, 6000, hanPieces)) expect(foldDomainHomophones(t), JSON.stringify(t)).toBe(foldDomainHomophonesReference(t));
  });

  it('numerals are converted only after the cue rules', () => {
    // A cue before the numerals, after them or none; a run that converts, one that does not, a look-alike letter.
    const texts = ['q一三八一二三四五六七', 'q 12345 一三八一二三四五', '微 信:一三八一二三四五六七八', 'vx一三八o一二三四五', '一三八一二三四五六七 q', '一三八一二三四五六七八', '六六六六六六六 q', '加v 一二三四五六七', '1o2 q1o2'];
    for (const t of texts) expect(normalizeViews(t).contactView, JSON.stringify(t)).toBe(referenceViews(t).contactView);
  });

  it('foldDigitLookalikes still equals its lookaround replace after a numeral run', () => {
    for (const t of ['一三八o一二三四五六七八', '1o2', '12345l6', '138o1234i5678', 'ol1', '1oo1']) {
      const converted = convertNumeralRunsReference(t);
      expect(normalizeViews(t).contactView).toBe(foldDigitLookalikesReference(converted));
    }
  });
});
