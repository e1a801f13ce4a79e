// Two checkouts' classifyPost timed in one process, rounds alternating: across processes the same
// code moves ±10–15 % (JIT choices, machine load); here the same commit against itself read B/A
// 0.98–1.06 in eight runs (2026-12-06), so a change under about 5 % needs several runs either way.
//
//   node bin/run-ts.mjs test/bench/classifier-ab.ts --a DIR --b DIR [--rounds N] [--posts N]
//
// Each DIR is a checkout (a `git worktree add /tmp/before REV`, say, with node_modules linked in);
// its classifiers/ and default model are loaded as modules of their own. Prints JSON: each side's
// best and median µs per post on the 300-character bench posts and on the sandbox's web posts, the
// median of B/A over the rounds, and how many verdicts differ (a speed change should change none).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Classification, Model, PostInput } from '../../classifiers/index.js';
import { sandboxWebPosts, threeHundredCharacterPosts } from './classifier-posts.js';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dirA = option('--a');
const dirB = option('--b');
if (!dirA || !dirB) {
  console.error('usage: classifier-ab.ts --a DIR --b DIR [--rounds N] [--posts N]');
  process.exit(2);
}
const rounds = Number(option('--rounds')) || 12;
const count = Number(option('--posts')) || 4000;

interface Side {
  name: string;
  classify: (input: PostInput, model: Model) => Classification;
  model: Model;
}

async function side(name: string, dir: string): Promise<Side> {
  const m = (await import(pathToFileURL(resolve(dir, 'classifiers/index.ts')).href)) as { classifyPost: Side['classify']; loadDefaultModel: () => Model };
  return { name, classify: m.classifyPost, model: m.loadDefaultModel() };
}

// The classifier bench's posts.
const long: PostInput[] = threeHundredCharacterPosts(count).map((text) => ({ id: 'b', text }));
const web: PostInput[] = sandboxWebPosts();

/** µs of this process's CPU time per post for one pass. */
function round(s: Side, posts: PostInput[]): number {
  const c0 = process.cpuUsage();
  for (const p of posts) s.classify(p, s.model);
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / posts.length;
}

const median = (x: number[]) => [...x].sort((p, q) => p - q)[x.length >> 1]!;
const one = (x: number) => Math.round(x * 10) / 10;

function compare(a: Side, b: Side, posts: PostInput[]) {
  let differ = 0;
  for (const p of posts) if (JSON.stringify(a.classify(p, a.model)) !== JSON.stringify(b.classify(p, b.model))) differ++;
  for (let r = 0; r < 3; r++) (round(a, posts), round(b, posts));
  const ta: number[] = [];
  const tb: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Which side goes first alternates too, so neither always inherits the other's cache.
    if (r % 2 === 0) (ta.push(round(a, posts)), tb.push(round(b, posts)));
    else (tb.push(round(b, posts)), ta.push(round(a, posts)));
  }
  const ratios = ta.map((x, r) => tb[r]! / x);
  return {
    posts: posts.length,
    verdictsDiffering: differ,
    a: { bestMicroseconds: one(Math.min(...ta)), medianMicroseconds: one(median(ta)) },
    b: { bestMicroseconds: one(Math.min(...tb)), medianMicroseconds: one(median(tb)) },
    bOverA: { median: Math.round(median(ratios) * 1000) / 1000, min: Math.round(Math.min(...ratios) * 1000) / 1000, max: Math.round(Math.max(...ratios) * 1000) / 1000 },
  };
}

const a = await side('a', dirA);
const b = await side('b', dirB);
process.stdout.write(
  JSON.stringify({ benchmark: 'classifyPost, two checkouts in one process, rounds alternating', a: resolve(dirA), b: resolve(dirB), rounds, posts300: compare(a, b, long), webPosts: compare(a, b, web) }, null, 2) + '\n',
);
