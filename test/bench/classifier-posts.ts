// The posts the classifier benchmarks time, defined once for the bench and the A/B comparison:
// corpus texts strung to 300 characters, and the sandbox's web posts as the crawler meets them.
import { readFileSync } from 'node:fs';
import { parseLabelledJsonl } from '../../classifiers/training/labelled-jsonl.js';
import { sandboxLabelledPosts } from '../../sandbox/labelled-posts.js';

export const corpus = parseLabelledJsonl(readFileSync(new URL('../../classifiers/corpus/corpus.jsonl', import.meta.url), 'utf8'), 'corpus').items;

/** `count` posts of exactly 300 characters, each corpus texts strung together. */
export function threeHundredCharacterPosts(count: number): string[] {
  const posts: string[] = [];
  for (let i = 0; posts.length < count; i++) {
    let s = '';
    for (let j = i; s.length < 300; j += 7) s += corpus[j % corpus.length]!.text + '\n';
    posts.push(s.slice(0, 300));
  }
  return posts;
}

/**
 * The sandbox's forum floors, Q&A answers and classifieds of one world (seller ads and look-alikes), at
 * their own lengths: most are far shorter than 300 characters.
 */
export function sandboxWebPosts(): Array<{ id: string; text: string; title?: string }> {
  return sandboxLabelledPosts({ seeds: [101] }).map((p) => ({ id: p.id, text: p.text, ...(p.title ? { title: p.title } : {}) }));
}
