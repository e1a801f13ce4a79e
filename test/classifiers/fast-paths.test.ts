// The classifier's hand-written scanners and lookup tables against the straightforward
// definitions they replace (regex passes, per-character functions), on random and exhaustive input.
import { describe, expect, it } from 'vitest';
import { pieceText } from './piece-text.js';
import { countWordSplits } from '../../classifiers/text/separators.js';
import { countWordSplitsReference, removeHanSeparatorsReference, removeSeparatorsReference } from './references/separators.js';
import { convertNumeralsAndLookalikes, removeHanSeparators, removeSeparatorsCollapsing } from './unit-passes.js';
import { ENCLOSED_SIGN, FULLWIDTH_SIGN, obfuscationSigns } from '../../classifiers/features/featurize.js';
import { maskEntities } from '../../classifiers/features/entity-mask.js';
import { maskEntitiesReference } from './references/entity-mask.js';
import { foldFakeDots } from '../../classifiers/contacts/web-addresses.js';
import { foldFakeDotsReference } from './references/contacts.js';
import { findPhones } from '../../classifiers/contacts/phone-numbers.js';
import { findPhonesReference } from './references/phone-numbers.js';
import { collapseSpaces, IS_SPACE } from '../../classifiers/text/whitespace.js';
import { convertNumeralRunsReference, foldDigitLookalikesReference } from './references/chinese-numerals.js';
import { seededRandom } from '../../classifiers/training/seeded-random.js';
import { PRICE_CUE_GATES, PRICE_CUE_SOURCE, priceCueAt } from '../../classifiers/features/price-cue.js';
import { CUES } from '../../classifiers/features/lexicon.js';
import { foldedPatterns } from '../../classifiers/features/folded-patterns.js';

// Pieces chosen to sit on every boundary the scanners decide on: BMP and astral Han, the
// separator classes (ASCII, full-width, Unicode spaces), pictographs with skin tones, digits,
// letters and lone surrogates.
const PIECES = ['①', '⓿', '❶', '➓', '㊀', '🄰', '🅥', '🇦', '\ud83c', '０', 'Ａ', 'ｚ', '＋', '\u200d', '\u200f', '☆', '♥', '办', '证', '〇', '𠀀', '𪚥', '⺀', ' ', '\u3000', '\u00a0', '\t', '\n', '-', '_', '.', '·', '*', '~', '/', '\\', '|', ',', '，', '、', '。', '．', ':', '!', '？', '"', '【', '】', '(', '）', '《', '★', '♥', '❤', '→', '…', '@', '#', '%', '^', '=', '+', '😀', '👍', '🏻', '©', '⌚', '1', '3', '0', '9', 'a', 'z', 'Q', 'é', '\ud800', '\udc00', '\u200b'];

const hasEnclosed = (raw: string) => (obfuscationSigns(raw) & ENCLOSED_SIGN) !== 0;
const hasFullWidth = (raw: string) => (obfuscationSigns(raw) & FULLWIDTH_SIGN) !== 0;

/** The price cue's test() as the pattern scanner answers it: priceCueAt at every 元 and 块. */
function hasPriceCue(text: string): boolean {
  for (let y = 0; y < text.length; y++) if ((text[y] === '元' || text[y] === '块') && priceCueAt(text, y)) return true;
  return false;
}

function randomTexts(seed: number, count: number): string[] {
  const rand = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) out.push(pieceText(rand, PIECES, 24));
  return out;
}

describe('separator scanners', () => {
  const texts = randomTexts(20261127, 20000);
  it('removeHanSeparators equals the lookbehind regex replace', () => {
    for (const t of texts) expect(removeHanSeparators(t)).toBe(removeHanSeparatorsReference(t));
  });
  it('removeSeparatorsCollapsingUnits equals the three regex replaces, then collapsing', () => {
    for (const t of texts) expect(removeSeparatorsCollapsing(t), JSON.stringify(t)).toBe(collapseSpaces(removeSeparatorsReference(t)));
  });
});

describe('obfuscation signs of the raw view', () => {
  const texts = randomTexts(7, 20000);
  it('countWordSplits counts the splits its per-line piece definition counts', () => {
    for (const t of texts) expect(countWordSplits(t, 1000), JSON.stringify(t)).toBe(countWordSplitsReference(t));
  });
  it('a split word counts, phrases spaced apart and line breaks do not', () => {
    expect(countWordSplits('加 薇 信：abc123', 9)).toBe(2);
    expect(countWordSplits('電·工·證，办-证', 9)).toBe(3);
    expect(countWordSplits('常州本地开票 各类专票普票 真票可验', 9)).toBe(0);
    expect(countWordSplits('招聘电工\n要\n求', 9)).toBe(0);
    expect(countWordSplits('19000名 要求持证', 9)).toBe(0);
  });
  it('hasEnclosed and hasFullWidth answer what their regexes do', () => {
    const enclosed = /[\u2460-\u24ff\u2776-\u2793\u3280-\u32ff]|[\u{1F100}-\u{1F1FF}]/u;
    const fullWidth = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/;
    for (const t of texts) {
      expect(hasEnclosed(t), t).toBe(enclosed.test(t));
      expect(hasFullWidth(t), t).toBe(fullWidth.test(t));
    }
    // Every BMP code unit on its own, and each astral enclosed-alphanumeric block boundary.
    for (let c = 0; c < 0x10000; c++) {
      const t = String.fromCharCode(c);
      if (hasEnclosed(t) !== enclosed.test(t) || hasFullWidth(t) !== fullWidth.test(t)) expect(c.toString(16)).toBe('consistent');
    }
    for (const cp of [0x1f0ff, 0x1f100, 0x1f1ff, 0x1f200]) expect(hasEnclosed(String.fromCodePoint(cp))).toBe(enclosed.test(String.fromCodePoint(cp)));
  });
});

describe('normalisation scans', () => {
  const texts = randomTexts(99, 20000);
  it('IS_SPACE is exactly what \\s matches', () => {
    for (let c = 0; c < 0x10000; c++) if ((IS_SPACE[c] === 1) !== /\s/.test(String.fromCharCode(c))) expect(c.toString(16)).toBe('consistent');
  });
  it('collapseSpaces equals replace(/\\s+/g, " ").trim()', () => {
    for (const t of [...texts, ' a', 'a ', ' ', '  ', 'a b', 'a  b', 'a\u3000b', '\u3000a\n', 'a \tb']) expect(collapseSpaces(t)).toBe(t.replace(/\s+/g, ' ').trim());
  });
  it('look-alike letters between digits fold as the lookaround replace does', () => {
    const rand = seededRandom(5);
    const alphabet = ['1', '0', '9', 'o', 'l', 'i', 'a', ' ', '办'];
    for (let i = 0; i < 20000; i++) {
      const t = pieceText(rand, alphabet, 12);
      expect(convertNumeralsAndLookalikes(t)).toBe(foldDigitLookalikesReference(convertNumeralRunsReference(t)));
    }
  });
  it('numerals convert as the run regex replace does', () => {
    const rand = seededRandom(13);
    const pieces = ['1', '3', '8', '0', '一', '三', '八', '六', '七', '幺', '洞', '拐', '两', '勾', '壹', '叁', '捌', '〇', ' ', '  ', '-', '.', '·', '*', '/', '|', ',', '，', '、', '~', '\u3000', '\n', '办', 'a', '号'];
    for (let i = 0; i < 40000; i++) {
      const t = pieceText(rand, pieces, 24);
      expect(convertNumeralsAndLookalikes(t), JSON.stringify(t)).toBe(foldDigitLookalikesReference(convertNumeralRunsReference(t)));
    }
  });
});

describe('entity masking scans', () => {
  it('maskEntities equals its five regex replaces', () => {
    const rand = seededRandom(17);
    const pieces = ['1', '3', '8', '0', '5', '86', '138', '12345678', '1381234567', '13812345678', '8613812345678', 'a', 'b', 'z', 'x', '_', '-', '.', '@', ':', '/', 'com', 'cn', 'www.', 'http://', 'qq', 'abc', 'wxid_', ' ', '办', '证', '#', '1.5', '.5'];
    for (let i = 0; i < 40000; i++) {
      const t = pieceText(rand, pieces, 16);
      expect(maskEntities(t), t).toBe(maskEntitiesReference(t));
    }
  });
});

describe('contact view scans', () => {
  it('findPhones reads the digit runs its regex does', () => {
    const rand = seededRandom(29);
    const pieces = ['1', '3', '8', '5', '0', '9', '138', '1234', '5678', '13812345678', '86', ' ', '  ', '-', '.', '·', '*', '/', '(', '）', '★', '❤', '#', '+', '=', ':', '，', '。', 'a', 't', 'tel', '_', '元', '号', '办', '\u3000', '订单'];
    for (let i = 0; i < 40000; i++) {
      const t = pieceText(rand, pieces, 14);
      expect(findPhones(t), t).toEqual(findPhonesReference(t));
    }
  });

  it('foldFakeDots skips the replace only where it cannot match', () => {
    const rand = seededRandom(23);
    const pieces = ['点', '。', '[.]', '(.)', '[点]', '(点)', ' dot ', 'dot', ' ', '\u3000', '\n', '.', ']', ')', 'com', 'cn', 'net', 'top', 'comx', 'abc', 'x', '办证', '1'];
    for (let i = 0; i < 30000; i++) {
      const t = pieceText(rand, pieces, 10);
      expect(foldFakeDots(t), t).toBe(foldFakeDotsReference(t));
    }
  });
});

describe('lexicon cue scans', () => {
  it('hasPriceCue answers what the price-per-cert regex does', () => {
    const cue = CUES.find((c) => c.id === 'price-per-cert')!;
    // The scanner is only used while the lexicon still holds the pattern it was written for.
    expect(cue.pattern.source).toBe(PRICE_CUE_SOURCE);
    const re = new RegExp(PRICE_CUE_SOURCE);
    const rand = seededRandom(31);
    const pieces = ['证', '本', '元', '块', '一本', '一个', '每本', '/本', '/', '一', '每', '个', '#', '1', '23', '9', '0', ' ', '\u3000', '\t', '\n', '\u00a0', '\ufeff', '。', '！', '!', '.', 'a', '办', '书', '价', '钱', '，', '\ud83d'];
    let matched = 0;
    for (let i = 0; i < 60000; i++) {
      const t = pieceText(rand, pieces, 16);
      const want = re.test(t);
      if (want) matched++;
      expect(hasPriceCue(t), t).toBe(want);
      // The pattern scanner asks priceCueAt only at a gate.
      if (want) expect(PRICE_CUE_GATES.some((g) => t.includes(g)), t).toBe(true);
      if (foldedPatterns.test(CUES.indexOf(cue), t) !== want) expect(t).toBe('answered by foldedPatterns as by the regex');
    }
    // The generated texts reach both answers often (about 2,000 matches with this seed).
    expect(matched).toBeGreaterThan(1000);
    expect(matched).toBeLessThan(55000);
  });

  it('the pattern scanner answers what the fast-issue regex does ([0-9]+天 is spelled as literals)', () => {
    const cue = CUES.find((c) => c.id === 'fast-issue')!;
    const k = CUES.indexOf(cue);
    const re = new RegExp(cue.pattern.source);
    const rand = seededRandom(37);
    const pieces = ['直接', '快速', '当天', '天', '拿', '出', '发', '取', '办', '证', '快', '速', '获', '轻松', '获取', '不出', '家门', '一个月', '一', '个', '月', '3', '15', '0', 'a', ' ', '。', '直', '接', '当', '轻', '不', '\ud83d'];
    let matched = 0;
    for (let i = 0; i < 60000; i++) {
      const t = pieceText(rand, pieces, 12);
      const want = re.test(t);
      if (want) matched++;
      if (foldedPatterns.test(k, t) !== want) expect(t).toBe('answered by foldedPatterns as by the regex');
    }
    expect(matched).toBeGreaterThan(1000);
    expect(matched).toBeLessThan(55000);
  });
});
