// The first-character prefilter may skip a pattern only when it cannot match: checked on
// every catalogue and cue pattern against the corpus (folded) and random strings.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstChars, firstTwoChars, PatternPrefilter } from '../../classifiers/text/pattern-prefilter.js';
import { CATALOGUE } from '../../classifiers/cert-types/catalogue.js';
import { CUES } from '../../classifiers/features/lexicon.js';
import { normalizeText } from '../../classifiers/index.js';

const chars = (re: RegExp) => {
  const f = firstChars(re);
  return f && [...f].map((c) => String.fromCharCode(c)).sort().join('');
};

describe('firstChars', () => {
  it('reads alternations, groups, classes, quantifiers and lookarounds', () => {
    expect(chars(/办证|刻章/)).toBe('刻办');
    expect(chars(/(?:证|本)[^。]{0,6}元/)).toBe('本证');
    expect(chars(/(?<![a-z])q\s?q/)).toBe('q');
    expect(chars(/[0-9]+天/)).toBe('0123456789');
    expect(chars(/\d+元|#/)).toBe('#0123456789');
    expect(chars(/(?:不)?用考/)).toBe('不用');
    expect(chars(/a?b*c/)).toBe('abc');
  });

  it('gives up when a match may start anywhere or be empty', () => {
    expect(firstChars(/.证/)).toBeUndefined();
    expect(firstChars(/[^a]b/)).toBeUndefined();
    expect(firstChars(/\s*证/)).toBeUndefined();
    expect(firstChars(/a?/)).toBeUndefined();
    expect(firstChars(/证/i)).toBeUndefined();
    expect(firstChars(/\p{Script=Han}/u)).toBeUndefined();
  });
});

const seconds = (re: RegExp) => {
  const s = firstTwoChars(re)?.second;
  return s && [...s].map((c) => String.fromCharCode(c)).sort().join('');
};

describe('firstTwoChars', () => {
  it('reads the second code unit through sequences, optional parts, repeats and lookarounds', () => {
    expect(seconds(/办证|刻章/)).toBe('章证');
    expect(seconds(/(?:证|本)[^。]{0,6}元/)).toBeUndefined();
    expect(seconds(/(?<![a-z])q\s?q/)).toBeUndefined();
    expect(seconds(/代办.{0,6}证/)).toBe('办');
    expect(seconds(/(?:不)?用考/)).toBe('用考');
    expect(seconds(/a?b+c/)).toBe('bc');
    expect(seconds(/[0-9]+天/)).toBe('0123456789天');
    expect(seconds(/a(?=b)c/)).toBe('c');
    expect(seconds(/a{2}/)).toBe('a');
    expect(seconds(/ab{0,1}c/)).toBe('bc');
  });

  it('asks for no second unit when a match may be one unit long', () => {
    expect(seconds(/打击|罪/)).toBeUndefined();
    expect(seconds(/ab?/)).toBeUndefined();
    expect(seconds(/a?b*c/)).toBeUndefined();
    expect(seconds(/[0-9]+/)).toBeUndefined();
    expect(firstTwoChars(/.证/)).toBeUndefined();
  });
});

describe('PatternPrefilter', () => {
  const patterns = [...CATALOGUE.map((c) => c.pattern), ...CUES.map((c) => c.pattern)];
  const filter = new PatternPrefilter(patterns);

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
    for (let i = 0; i < 3000; i++) {
      let s = '';
      const len = 1 + Math.floor(next() * 12);
      for (let k = 0; k < len; k++) s += alphabet[Math.floor(next() * alphabet.length)];
      out.push(s);
    }
    return out;
  }

  it('never skips a pattern that matches', () => {
    let matched = 0;
    let skipped = 0;
    for (const t of texts()) {
      const maybe = filter.candidates(t);
      patterns.forEach((re, i) => {
        // test() tries only the candidate starts: it must answer what the whole regex does.
        expect(filter.test(i, t), `${re.source} on ${t.slice(0, 40)}`).toBe(re.test(t));
        if (re.test(t)) {
          matched++;
          expect(maybe[i], `${re.source} on ${t.slice(0, 40)}`).toBe(1);
        } else if (maybe[i] === 0) skipped++;
      });
    }
    expect(matched).toBeGreaterThan(1000);
    // It must also earn its keep: most non-matching pattern runs are skipped on this data.
    expect(skipped).toBeGreaterThan(matched);
  });

  it('skips a pattern whose first unit occurs only before a wrong second unit', () => {
    const f = new PatternPrefilter([/办证|刻章/, /打击|罪/]);
    expect([...f.candidates('办公刻字')]).toEqual([0, 0]);
    expect([...f.candidates('办公刻章')]).toEqual([1, 0]);
    expect([...f.candidates('犯罪')]).toEqual([0, 1]);
    expect([...f.candidates('办')]).toEqual([0, 0]);
  });

  it('runs a pattern with many candidate starts as a whole, and a global one as it is', () => {
    const f = new PatternPrefilter([/证书/, /证件/g]);
    const text = '证明'.repeat(20) + '证书';
    f.candidates(text);
    expect(f.test(0, text)).toBe(true);
    f.candidates('证明证件');
    expect(f.test(1, '证明证件')).toBe(true);
  });

  it('always marks the patterns a caller scans itself, and leaves them out of the scan', () => {
    const f = new PatternPrefilter([/办证|刻章/, /\d+元/], new Set([1]));
    expect([...f.candidates('hello')]).toEqual([0, 1]);
    expect([...f.candidates('办证 300元')]).toEqual([1, 1]);
    // Still answered as the regex when asked.
    expect(f.test(1, '办证 300元')).toBe(true);
    expect(f.test(1, 'hello')).toBe(false);
  });

  it('marks nothing on a text without any first character', () => {
    expect([...filter.candidates('hello world 😀')].every((m) => m === 0)).toBe(true);
  });
});
