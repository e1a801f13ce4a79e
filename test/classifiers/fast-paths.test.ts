// The classifier's hand-written scanners and lookup tables against the straightforward
// definitions they replace (regex passes, per-character functions), on random and exhaustive input.
import { describe, expect, it } from 'vitest';
import { removeHanSeparators, removeSeparatorsScan, separatorReference } from '../../classifiers/text/separators.js';
import { seededRandom } from '../../classifiers/training/seeded-random.js';

// Pieces chosen to sit on every boundary the scanners decide on: BMP and astral Han, the
// separator classes (ASCII, full-width, Unicode spaces), pictographs with skin tones, digits,
// letters and lone surrogates.
const PIECES = ['办', '证', '〇', '𠀀', '𪚥', '⺀', ' ', '\u3000', '\u00a0', '\t', '\n', '-', '_', '.', '·', '*', '~', '/', '\\', '|', ',', '，', '、', '。', '．', ':', '!', '？', '"', '【', '】', '(', '）', '《', '★', '♥', '❤', '→', '…', '@', '#', '%', '^', '=', '+', '😀', '👍', '🏻', '©', '⌚', '1', '3', '0', '9', 'a', 'z', 'Q', 'é', '\ud800', '\udc00', '\u200b'];

function randomTexts(seed: number, count: number): string[] {
  const rand = seededRandom(seed);
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    let s = '';
    const n = Math.floor(rand() * 24);
    for (let k = 0; k < n; k++) s += PIECES[Math.floor(rand() * PIECES.length)];
    out.push(s);
  }
  return out;
}

describe('separator scanners', () => {
  const texts = randomTexts(20261127, 20000);
  it('removeHanSeparators equals the lookbehind regex replace', () => {
    for (const t of texts) expect(removeHanSeparators(t)).toBe(separatorReference.removeHanSeparators(t));
  });
  it('removeSeparatorsScan equals the three regex replaces', () => {
    for (const t of texts) expect(removeSeparatorsScan(t)).toBe(separatorReference.removeSeparatorsUnconditionally(t));
  });
});
