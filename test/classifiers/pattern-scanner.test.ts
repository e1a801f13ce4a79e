// The literal trie must answer every catalogue and cue pattern exactly as its regex does:
// checked against the corpus (raw and folded) and random strings over the patterns' own characters.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { literalAlternatives } from '../../classifiers/text/regex-literals.js';
import { PatternScanner } from '../../classifiers/text/pattern-scanner.js';
import { CATALOGUE } from '../../classifiers/cert-types/catalogue.js';
import { CUES } from '../../classifiers/features/lexicon.js';
import { normalizeText } from '../../classifiers/index.js';
import { foldedPatterns } from '../../classifiers/features/folded-patterns.js';

const spelled = (re: RegExp) => literalAlternatives(re)?.map(({ literals, rest }) => [...literals].sort().join(',') + (rest === undefined ? '' : ` ~ ${rest}`));

describe('literalAlternatives', () => {
  it('spells alternations, groups, classes and bounded repeats', () => {
    expect(spelled(/办证|刻章/)).toEqual(['办证', '刻章']);
    expect(spelled(/终[身生]有效/)).toEqual(['终生有效,终身有效']);
    expect(spelled(/一次性?通过/)).toEqual(['一次性通过,一次通过']);
    expect(spelled(/科目[一二1-2]/)).toEqual(['科目1,科目2,科目一,科目二']);
    expect(spelled(/cx\.mem/)).toEqual(['cx.mem']);
    expect(spelled(/a{2}b/)).toEqual(['aab']);
  });

  it('keeps only the repeats a match needs at the start of an alternative', () => {
    expect(spelled(/(?:不)?用考/)).toEqual(['用考']);
    expect(spelled(/\s*证/)).toEqual(['证']);
    expect(spelled(/[0-9]+天/)).toEqual(['0天,1天,2天,3天,4天,5天,6天,7天,8天,9天']);
    expect(spelled(/a{2,5}b/)).toEqual(['aab']);
    expect(spelled(/\d+元/)).toEqual(['0元,1元,2元,3元,4元,5元,6元,7元,8元,9元']);
  });

  it('leaves what literals cannot spell to a rest regex', () => {
    expect(spelled(/办证|代办.{0,6}证/)).toEqual(['办证', '代办 ~ .{0,6}证']);
    expect(spelled(/起重机(?!械指挥)/)).toEqual(['起重机 ~ (?!械指挥)']);
    expect(spelled(/证[^。]{0,6}元/)).toEqual(['证 ~ [^。]{0,6}元']);
    expect(spelled(/ab+c/)).toEqual(['a ~ b+c']);
  });

  it('gives up on flags, empty matches and starts literals cannot spell', () => {
    for (const re of [/证/i, /证/g, /a?/, /a|/, /.证/, /[^a]b/, /^证/, /(?=a)a/, /\bq/, /(?<n>a)/, /(a)\1/]) expect(literalAlternatives(re), re.source).toBeUndefined();
  });
});

describe('PatternScanner', () => {
  const patterns = [...CUES.map((c) => c.pattern), ...CATALOGUE.map((c) => c.pattern)];
  const scanner = new PatternScanner(patterns);

  function texts(): string[] {
    const corpus = readFileSync(new URL('../../classifiers/corpus/corpus.jsonl', import.meta.url), 'utf8')
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { text: string }).text);
    const out = corpus.flatMap((t) => [t, normalizeText(t).folded]);
    // Random strings over the patterns' own characters, so near-misses and odd mixes occur.
    const alphabet = [...new Set(patterns.map((p) => p.source).join('').replace(/[\\()[\]|?:*+{}^$!=<]/g, ''))];
    let seed = 7;
    const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (let i = 0; i < 5000; i++) {
      let s = '';
      const len = 1 + Math.floor(next() * 12);
      for (let k = 0; k < len; k++) s += alphabet[Math.floor(next() * alphabet.length)];
      out.push(s);
    }
    return out;
  }

  it('answers every pattern as its regex does, and marks exactly the matching ones it spells', () => {
    const spellable = patterns.map((re) => literalAlternatives(re) !== undefined);
    // Only the price cue is left to a check (here: to its regex).
    expect(spellable.filter((s) => !s)).toHaveLength(1);
    let matched = 0;
    const wrong: string[] = [];
    for (const t of texts()) {
      const marks = scanner.candidates(t);
      patterns.forEach((re, i) => {
        const want = re.test(t);
        if (want) matched++;
        if (marks[i] !== (want || !spellable[i] ? 1 : 0) || scanner.test(i, t) !== want) wrong.push(`${re.source} on ${t.slice(0, 40)}`);
      });
    }
    expect(wrong).toEqual([]);
    expect(matched).toBeGreaterThan(1000);
  });

  it('settles every pattern exactly in the classifier\'s scanner (the price cue by its check)', () => {
    const wrong: string[] = [];
    for (const t of texts()) {
      const marks = foldedPatterns.candidates(t);
      patterns.forEach((re, i) => {
        const want = re.test(t);
        if (marks[i] !== (want ? 1 : 0) || foldedPatterns.test(i, t) !== want) wrong.push(`${re.source} on ${t.slice(0, 40)}`);
      });
    }
    expect(wrong).toEqual([]);
  });

  it('reads literals at the very start and end, one code unit long too', () => {
    const s = new PatternScanner([/罪|打击/, /证书(?:已)?过期/, /ab/]);
    expect([...s.candidates('罪')]).toEqual([1, 0, 0]);
    expect([...s.candidates('打击')]).toEqual([1, 0, 0]);
    expect([...s.candidates('x证书已过期')]).toEqual([0, 1, 0]);
    expect([...s.candidates('证书已过')]).toEqual([0, 0, 0]);
    expect([...s.candidates('aab')]).toEqual([0, 0, 1]);
    expect([...s.candidates('')]).toEqual([0, 0, 0]);
    // Past the first code-unit buffer, and a shorter text after it (stale units must not count).
    expect([...s.candidates('\ud800x'.repeat(400) + '证书过期')]).toEqual([0, 1, 0]);
    expect([...s.candidates('证书')]).toEqual([0, 0, 0]);
    expect([...s.candidates('a'.repeat(3000) + 'b')]).toEqual([0, 0, 1]);
  });

  it('answers a checked pattern by its check at each of its literals', () => {
    const ends: number[] = [];
    // "a number right before 元", by hand.
    const check = (text: string, end: number) => (ends.push(end), end >= 2 && /\d/.test(text[end - 2]!));
    const s = new PatternScanner([/办证|刻章/, /\d元/], new Map([[1, { at: ['元'], check }]]));
    expect([...s.candidates('hello')]).toEqual([0, 0]);
    expect(ends).toEqual([]);
    expect([...s.candidates('办证 元')]).toEqual([1, 0]);
    expect(s.test(1, '办证 元')).toBe(false);
    expect(s.test(1, '元 3元 4元')).toBe(true);
    // Asked until it holds, then no more.
    expect(ends).toEqual([4, 1, 4]);
  });

  it('runs a global regex as it is', () => {
    const s = new PatternScanner([/证件/g]);
    expect(s.test(0, '证明证件')).toBe(true);
  });
});
