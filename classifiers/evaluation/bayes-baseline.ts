// The comparison baseline the issue asks for: natural's BayesClassifier fed the same
// character 1–3-grams of the folded, entity-masked view that the hashed model reads.
import './quiet-dotenv.js';
import natural from 'natural';
import { normalizeText } from '../text/normalize.js';
import { maskEntities } from '../features/entity-mask.js';
import { gramSequence } from '../features/featurize.js';

/** Distinct char 1–3-grams of a text, as strings (natural's classifiers take token arrays). */
export function charGramTokens(text: string): string[] {
  const { codes } = gramSequence(maskEntities(normalizeText(text).folded));
  const s = String.fromCharCode(...codes.slice(0, 4000));
  const out = new Set<string>();
  for (let i = 0; i < s.length; i++) {
    for (let k = 1; k <= 3 && i + k <= s.length; k++) {
      const g = s.slice(i, i + k);
      if (g[0] === ' ' || g[g.length - 1] === ' ') continue;
      out.add(g);
    }
  }
  return [...out];
}

/**
 * natural's Bayes scans its whole vocabulary for every document (textToFeatures is
 * O(vocabulary × tokens)), so the vocabulary is capped at the most frequent n-grams.
 */
export class BayesBaseline {
  private readonly classifier = new natural.BayesClassifier();
  private vocab = new Set<string>();

  train(items: Array<{ tokens: string[]; y: 0 | 1 }>, vocabularySize = 2000): void {
    const df = new Map<string, number>();
    for (const it of items) for (const t of it.tokens) df.set(t, (df.get(t) ?? 0) + 1);
    this.vocab = new Set([...df.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, vocabularySize).map(([t]) => t));
    for (const it of items) {
      const kept = it.tokens.filter((t) => this.vocab.has(t));
      this.classifier.addDocument(kept.length ? kept : ['<empty>'], it.y === 1 ? 'seller' : 'other');
    }
    this.classifier.train();
  }

  /** Share of the "seller" class among natural's (unnormalised) class values. */
  score(tokens: string[]): number {
    const kept = tokens.filter((t) => this.vocab.has(t));
    const cls = this.classifier.getClassifications(kept.length ? kept : ['<empty>']);
    const seller = cls.find((c) => c.label === 'seller')?.value ?? 0;
    const total = cls.reduce((s, c) => s + c.value, 0);
    return total > 0 ? seller / total : 0.5;
  }
}
