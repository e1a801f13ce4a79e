// The reasons classifyPost lists next to its verdict, by their plain definition: what the heap,
// packed n-gram keys and scratch arrays of explainContributions (classify-post.ts) are held to.
import type { AnalyzedPost } from '../../../classifiers/analyze-post.js';
import type { Model } from '../../../classifiers/model/model.js';
import { TOKENS } from '../../../classifiers/features/entity-mask.js';

/** How many contributions are summed into reasons, and the weakest that can be one. */
const KEPT = 24;
const WEAKEST = 0.03;
// The length bucket and the cue counts say nothing an analyst can act on.
const NO_REASON = /^(?:篇幅|销售话术 \d|反向线索 \d)/;
const KEYWORD = '关键词: ';
const TOKEN_NAMES = new Map<string, string>(Object.entries(TOKENS).map(([kind, token]) => [token, `<${kind.toUpperCase()}>`]));

const keyword = (name: string) => (name.startsWith(KEYWORD) ? name.slice(KEYWORD.length) : undefined);

/** A feature's reason: its label, or its n-gram's text with entity tokens spelled out; none for blanks and counts. */
export function reasonName(post: AnalyzedPost, what: number): string | undefined {
  if (what < 0) {
    const label = post.features.names[-what - 1]!;
    return NO_REASON.test(label) ? undefined : label;
  }
  const length = what % 8;
  const start = (what - length) / 8;
  const text = post.features.masked.slice(start, start + length);
  if (!text.trim()) return undefined;
  return KEYWORD + text.split('').map((c) => TOKEN_NAMES.get(c) ?? c).join('');
}

/**
 * The strongest KEPT contributions above WEAKEST (sign: +1 towards the verdict), as the first
 * explain kept them: in KEPT slots filled in feature order, where a stronger contribution replaces
 * the first of the weakest. Which of several equal contributions stay therefore follows the
 * slots, not the feature order; the slot order is the reasons' order of first appearance.
 */
function strongestContributions(post: AnalyzedPost, model: Model, sign: number): Array<{ c: number; i: number }> {
  const { idx, val } = post.features;
  const kept: Array<{ c: number; i: number }> = [];
  for (let i = 0; i < idx.length; i++) {
    const c = model.weights[idx[i]!]! * val[i]! * sign;
    if (c <= WEAKEST) continue;
    if (kept.length < KEPT) {
      kept.push({ c, i });
      continue;
    }
    let weakest = 0;
    for (let k = 1; k < KEPT; k++) if (kept[k]!.c < kept[weakest]!.c) weakest = k;
    if (c > kept[weakest]!.c) kept[weakest] = { c, i };
  }
  return kept;
}

/**
 * The reasons for a verdict towards the seller (or not): the kept contributions summed by reason
 * name, strongest sum first (equal sums in order of first appearance), at most `max`, leaving out
 * a keyword that holds one already listed or is held by its name. (By the name, prefix and all:
 * a listed 关键词 n-gram hides every keyword after it, as classifyPost has always done.)
 */
export function reasonsReference(post: AnalyzedPost, model: Model, towardsSeller: boolean, max = 5): string[] {
  const sign = (towardsSeller ? 1 : -1) * Math.sign(model.calibration.a || 1);
  const sums = new Map<string, number>();
  for (const { c, i } of strongestContributions(post, model, sign)) {
    const name = reasonName(post, post.features.what[i]!);
    if (name !== undefined) sums.set(name, (sums.get(name) ?? 0) + c);
  }
  const out: string[] = [];
  for (const [name] of [...sums].sort((a, b) => b[1] - a[1])) {
    const mine = keyword(name);
    if (mine !== undefined && out.some((o) => keyword(o) !== undefined && (o.includes(mine) || name.includes(keyword(o)!)))) continue;
    out.push(name);
    if (out.length >= max) break;
  }
  return out;
}
