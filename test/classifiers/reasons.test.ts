// classifyPost's reasons against their plain definition (references/reasons.ts), in both
// directions, on the corpus, the shared real-world files (read here, never copied in), their
// obfuscated variants, long posts that fill the 24 kept contributions many times over, and fuzz.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pieceText } from './piece-text.js';
import { reasonsReference } from './references/reasons.js';
import { classifyPost } from '../../classifiers/classify-post.js';
import { analyzePost } from '../../classifiers/analyze-post.js';
import { loadDefaultModel } from '../../classifiers/model/default-model.js';
import { obfuscateRandomly } from '../../classifiers/evaluation/obfuscate.js';
import { sharedDataDir } from '../../classifiers/evaluation/shared-data-path.js';
import { seededRandom } from '../../classifiers/training/seeded-random.js';

interface Post {
  text: string;
  title?: string;
}

function jsonlPosts(path: string): Post[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { text?: unknown; title?: unknown })
    .map((o) => ({ text: String(o.text ?? ''), title: typeof o.title === 'string' ? o.title : undefined }));
}

const corpus = jsonlPosts(new URL('../../classifiers/corpus/corpus.jsonl', import.meta.url).pathname);
const sharedDir = sharedDataDir();
const shared = existsSync(sharedDir) ? readdirSync(sharedDir).filter((f) => f.endsWith('.jsonl')).sort().flatMap((f) => jsonlPosts(join(sharedDir, f))) : [];

// Pieces that make reasons meet: repeated n-grams (equal contributions), entity tokens, cue
// phrases, blanks and punctuation between grams, and 关键词, which the reason names start with.
const PIECES = ['办证', '办', '证', '包过', '免考', '可查', '刻章', '毕业证', '电工证', '焊工证', '特种作业', '操作证', '官网', '联网', '学信网', '培训', '报名', '考试', '学校', '招聘', '关键词', '关键', '词',
  '微信', 'vx', 'qq', '加', '电话', '13812345678', 'abc123', 'www.abc.com', 'a@b.cc', '300元', '一本', '#', '12', ' ', '  ', '\n', '，', '。', '!', '-', '★', '😀', 'a', 'zz', '证书', '不用考试', '全国通用', '真实', '保过'];

function posts(): Post[] {
  const out = [...corpus, ...shared];
  const rand = seededRandom(1601);
  for (const p of [...corpus, ...shared]) out.push({ text: obfuscateRandomly(p.text, 3, rand).text, title: p.title });
  // Long posts: up to 6,000 characters are scored, so hundreds of contributions compete for the 24 kept.
  const base = [...corpus, ...shared];
  for (let i = 0; i < 120; i++) {
    let s = '';
    for (let j = i * 31; s.length < 6500; j += 17) s += base[j % base.length]!.text + '\n';
    out.push({ text: s });
  }
  for (let i = 0; i < 1500; i++) out.push({ text: pieceText(rand, PIECES, 2 + Math.floor(rand() * 400)) });
  out.push({ text: '' }, { text: ' ' }, { text: '关键词' }, { text: '办证'.repeat(3000) });
  return out;
}

describe('the reasons classifyPost lists', () => {
  const model = loadDefaultModel();
  // Thresholds no score reaches: the reasons then explain the verdict "not a seller", or "seller".
  const towardsSeller = { ...model, thresholds: { flag: Infinity, review: -Infinity } };
  const towardsOther = { ...model, thresholds: { flag: Infinity, review: Infinity } };
  const all = posts();

  it(`are the plain definition's, in both directions, on ${all.length} posts`, () => {
    expect(shared.length, `shared real-world files in ${sharedDir}`).toBeGreaterThan(0);
    const wrong: string[] = [];
    let full = 0; // posts whose contributions overflowed the 24 kept in some direction
    let listed = 0;
    for (let k = 0; k < all.length; k++) {
      const input = { id: String(k), ...all[k]! };
      const post = analyzePost(input, model.bits);
      const verdict = classifyPost(input, model);
      const towards = verdict.flagged || verdict.review;
      const opposite = classifyPost(input, towards ? towardsOther : towardsSeller);
      for (const [got, direction] of [[verdict.reasons, towards], [opposite.reasons, !towards]] as const) {
        const want = reasonsReference(post, model, direction);
        if (JSON.stringify(got) !== JSON.stringify(want)) wrong.push(`#${k} towards ${direction ? 'seller' : 'other'}: ${JSON.stringify(got)} ≠ ${JSON.stringify(want)}`);
        listed += got.length;
      }
      let strong = 0;
      for (let i = 0; i < post.features.idx.length; i++) if (Math.abs(model.weights[post.features.idx[i]!]! * post.features.val[i]!) > 0.03) strong++;
      if (strong > 24) full++;
    }
    expect(wrong.slice(0, 5), `${wrong.length} posts differ`).toEqual([]);
    // The inputs reach what the selection decides on: the 24 kept overflow often, and reasons are listed.
    expect(full).toBeGreaterThan(all.length / 4);
    expect(listed).toBeGreaterThan(all.length * 4);
  });
});
