// classifyPost: the calibrated verdict on one post — score, flag/review, contacts,
// certificate types and the reasons an analyst reads next to the listing.
import type { Classification, ClassificationWithText, ClassifyOptions, PostInput } from './types.js';
import { analyzePost, type AnalyzedPost } from './analyze-post.js';
import { loadDefaultModel } from './model/default-model.js';
import { probabilityOf, type Model } from './model/model.js';
import { surfaceLinear } from './features/surface-grams.js';
import { bestWindow, fromWindowSum, windowed, windowedScore, type GramLayout } from './model/window-score.js';

export function linearScore(features: { idx: ArrayLike<number>; val: ArrayLike<number> }, model: Model): number {
  const w = model.weights;
  let z = model.bias;
  for (let i = 0; i < features.idx.length; i++) z += w[features.idx[i]!]! * features.val[i]!;
  return z;
}

/** The raw score of a post's features under a model (what calibrate turns into a probability). */
export function postScore(features: GramLayout, model: Model): number {
  return model.window ? windowedScore(features, model.weights, model.bias, model.window) : linearScore(features, model);
}

// Each feature's weight × value, kept by scoreKeepingContributions for explainContributions,
// which then reads this small array instead of the scattered weights again.
let contributions = new Float64Array(4096);

// The n-grams' contributions summed on their own (from 0), which windows swap for a window's.
let gramSum = 0;

/**
 * linearScore (the same sum in the same order) that also leaves every contribution in
 * `contributions` and the n-grams' own sum in `gramSum`: two independent chains of additions in
 * one loop run side by side, where a second pass would wait on its own chain again.
 */
function scoreKeepingContributions(features: { idx: ArrayLike<number>; val: ArrayLike<number>; grams: number }, model: Model): number {
  const w = model.weights;
  const { idx, val, grams } = features;
  const n = idx.length;
  if (contributions.length < n) contributions = new Float64Array(Math.max(n, contributions.length * 2));
  const out = contributions;
  let z = model.bias;
  let whole = 0;
  let i = 0;
  for (; i < grams; i++) {
    const c = w[idx[i]!]! * val[i]!;
    out[i] = c;
    z += c;
    whole += c;
  }
  for (; i < n; i++) {
    const c = w[idx[i]!]! * val[i]!;
    out[i] = c;
    z += c;
  }
  gramSum = whole;
  return z;
}

/**
 * The probability of a seller ad from the folded view's raw score `z` and, when the model has a
 * surface view, the post's raw text (analyzePost's `raw`) that view reads.
 */
export function calibrate(z: number, model: Model, raw?: string): number {
  const s = model.surface;
  if (!s) return probabilityOf(model, z, 0);
  if (raw === undefined) throw new TypeError('calibrate: this model mixes in the surface view and needs the post’s raw text');
  return probabilityOf(model, z, surfaceLinear(raw, s.weights, s.bias));
}


const TOKEN_NAMES: Record<string, string> = { '℡': '<PHONE>', 'Ⓘ': '<ID>', '⌂': '<URL>', '✉': '<EMAIL>', '#': '<NUM>' };
const TOKEN_RE = /[℡Ⓘ⌂✉#]/g;

function featureName(post: AnalyzedPost, w: number): string | undefined {
  if (w < 0) {
    const name = post.features.names[-w - 1]!;
    // /^(?:篇幅|销售话术 \d|反向线索 \d)/ without a regex run per reason: the length bucket and the cue counts are no reason.
    const d = name.charCodeAt(5);
    const count = d >= 48 && d <= 57 && (name.startsWith('销售话术 ') || name.startsWith('反向线索 '));
    return count || name.startsWith('篇幅') ? undefined : name;
  }
  const len = w % 8;
  const start = (w - len) / 8;
  const text = post.features.masked.slice(start, start + len);
  if (!text.trim()) return undefined;
  // Most n-grams hold no entity token; skip the regex replace for them. Code units, not
  // one-character strings: looking a fresh Han string up as a property key costs a hash and a table probe.
  let hasToken = false;
  for (let k = 0; k < text.length; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2121 || c === 0x24be || c === 0x2302 || c === 0x2709 || c === 0x23) hasToken = true;
  }
  return `关键词: ${hasToken ? text.replace(TOKEN_RE, (c) => TOKEN_NAMES[c]!) : text}`;
}

/** The slot of a reason known only by its name (no packed key): found by name, else appended. Returns -1 when appended. */
function slotOfName(names: string[], keys: Float64Array, name: string): number {
  const at = names.indexOf(name);
  if (at < 0) {
    keys[names.length] = NaN;
    names.push(name);
  }
  return at;
}

/** Contributions this weak never make a reason. */
const EXPLAIN_MIN = 0.03;
const TOP_C = new Float64Array(24);
const TOP_I = new Int32Array(24);
// Slots of TOP_C as a binary min-heap ordered by (contribution, slot): its root is the slot a
// linear scan for the first minimum would find, so the kept set is the same as that scan's.
const HEAP = new Int32Array(24);
const SUMS = new Float64Array(24);

/** Restores the heap below `at`: a slot sinks while a child comes before it by (contribution, slot). */
function siftDown(at: number, n: number): void {
  const heap = HEAP;
  const topC = TOP_C;
  const slot = heap[at]!;
  const c = topC[slot]!;
  for (;;) {
    const l = 2 * at + 1;
    if (l >= n) break;
    let child = l;
    let childSlot = heap[l]!;
    let childC = topC[childSlot]!;
    if (l + 1 < n) {
      const rSlot = heap[l + 1]!;
      const rC = topC[rSlot]!;
      if (rC < childC || (rC === childC && rSlot < childSlot)) {
        child = l + 1;
        childSlot = rSlot;
        childC = rC;
      }
    }
    if (!(childC < c || (childC === c && childSlot < slot))) break;
    heap[at] = childSlot;
    at = child;
  }
  heap[at] = slot;
}

const KEYS = new Float64Array(24);
const GRAM_AT = new Int32Array(24);

/** An n-gram's text of 1–3 code units as one number (length and code units), NaN for others. */
function gramKey(masked: string, start: number, len: number): number {
  const l = Math.min(len, masked.length - start);
  if (l < 1 || l > 3 || start < 0) return NaN;
  let key = l;
  for (let k = 0; k < l; k++) key = key * 65536 + masked.charCodeAt(start + k);
  return key;
}

/** String.prototype.trim's white space and line terminators. */
const isTrimmed = (c: number) =>
  (c >= 9 && c <= 13) || c === 32 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;

/** masked.slice(start, start + len).trim() is empty. */
function blank(masked: string, start: number, len: number): boolean {
  const end = Math.min(start + len, masked.length);
  for (let k = start; k < end; k++) if (!isTrimmed(masked.charCodeAt(k))) return false;
  return true;
}

const ORDER = new Int32Array(24);

/**
 * Entry numbers 0..n-1 ordered by SUMS, largest first, equal sums in entry order: what the stable
 * sort by `sums[b] - sums[a]` gives, by insertion into a scratch array (n ≤ 24). A NaN sum makes
 * that comparator inconsistent, and then the sort itself decides.
 */
function sortedBySum(n: number): Int32Array | number[] {
  const sums = SUMS;
  for (let j = 0; j < n; j++) if (sums[j] !== sums[j]) return Array.from({ length: n }, (_, k) => k).sort((a, b) => sums[b]! - sums[a]!);
  const order = ORDER;
  for (let j = 0; j < n; j++) {
    const s = sums[j]!;
    let at = j;
    while (at > 0 && sums[order[at - 1]!]! < s) {
      order[at] = order[at - 1]!;
      at--;
    }
    order[at] = j;
  }
  return order.subarray(0, n);
}

/**
 * Readable names of the features that pushed the score furthest in the direction of the verdict,
 * from the contributions scoreKeepingContributions left for this post. The plain definition it
 * keeps to is test/classifiers/references/reasons.ts.
 */
function explainContributions(post: AnalyzedPost, model: Model, towardsSeller: boolean, max: number): string[] {
  const { what } = post.features;
  const contrib = contributions;
  const sign = (towardsSeller ? 1 : -1) * Math.sign(model.calibration.a || 1);
  // Keep the strongest 24 contributions above EXPLAIN_MIN without sorting them all (a heap of 24,
  // in typed scratch arrays). A NaN contribution (a NaN weight) counts as strong: it fails the
  // `≤ EXPLAIN_MIN` test that leaves the weak ones out. Once the heap is full only a contribution
  // above its weakest can enter (which implies the EXPLAIN_MIN test; nothing beats a NaN weakest),
  // so most features cost one comparison.
  const topC = TOP_C;
  const topI = TOP_I;
  const heap = HEAP;
  const n = what.length;
  let count = 0;
  let i = 0;
  for (; i < n && count < 24; i++) {
    // sign is ±1, so the product is exact.
    const c = contrib[i]! * sign;
    if (c > EXPLAIN_MIN || c !== c) {
      topC[count] = c;
      topI[count++] = i;
    }
  }
  if (count === 24) {
    for (let k = 0; k < 24; k++) heap[k] = k;
    for (let k = 11; k >= 0; k--) siftDown(k, 24);
    let weakest = topC[heap[0]!]!;
    for (; i < n; i++) {
      const c = contrib[i]! * sign;
      if (c > weakest) {
        const slot = heap[0]!;
        topC[slot] = c;
        topI[slot] = i;
        siftDown(0, 24);
        weakest = topC[heap[0]!]!;
      }
    }
  }
  // Contributions summed by name, names in order of first appearance (at most 24: a linear
  // search beats hashing each freshly built name string into a Map). An n-gram's name is
  // '关键词: ' and its text, which no named feature's label starts with, and equal texts give
  // equal names: n-grams are told apart by their code units packed into one number, and
  // their name strings are built only for the entries the output reaches.
  const names: string[] = [];
  const keys = KEYS;
  const gramAt = GRAM_AT;
  const sums = SUMS;
  const masked = post.features.masked;
  for (let k = 0; k < count; k++) {
    const w = what[topI[k]!]!;
    let at = -1;
    if (w < 0) {
      const name = featureName(post, w);
      if (!name) continue;
      at = slotOfName(names, keys, name);
    } else {
      const len = w % 8;
      const start = (w - len) / 8;
      const key = gramKey(masked, start, len);
      for (let j = 0; j < names.length; j++)
        if (keys[j] === key) {
          at = j;
          break;
        }
      if (at < 0) {
        if (key !== key) {
          // Not packable (never for the 2- and 3-grams featurize makes): the name string decides.
          const name = featureName(post, w);
          if (!name) continue;
          at = slotOfName(names, keys, name);
        } else if (blank(masked, start, len)) continue;
        else {
          keys[names.length] = key;
          gramAt[names.length] = w;
          names.push('');
        }
      }
    }
    if (at >= 0) sums[at] = sums[at]! + topC[k]!;
    else sums[names.length - 1] = 0 + topC[k]!;
  }
  // Strongest first; equal sums keep their order of appearance (the sort is stable).
  const order = sortedBySum(names.length);
  const out: string[] = [];
  for (const j of order) {
    const name = names[j] || featureName(post, gramAt[j]!)!;
    // An n-gram inside an already listed n-gram adds nothing for the reader.
    if (name.startsWith('关键词: ') && out.some((o) => o.startsWith('关键词: ') && (o.includes(name.slice(5)) || name.includes(o.slice(5))))) continue;
    out.push(name);
    if (out.length >= max) break;
  }
  return out;
}

/** Scores one post. Pure and synchronous; bad input (non-string text) scores as empty text. */
export function classifyPost(input: PostInput, model?: Model): Classification;
export function classifyPost(input: PostInput, model: Model, options: ClassifyOptions & { withFoldedText: true }): ClassificationWithText;
export function classifyPost(input: PostInput, model: Model = loadDefaultModel(), options: ClassifyOptions = {}): Classification | ClassificationWithText {
  const post = analyzePost(input, model.bits, false);
  let z = scoreKeepingContributions(post.features, model);
  const f = post.features;
  if (model.window && f.grams > 0 && windowed(f.seqLength, model.window)) {
    // The contributions just kept hold every n-gram's weight × value: windows are sums over them.
    z = Math.max(z, fromWindowSum(z, gramSum, bestWindow(contributions, f, model.window).sum, f.val[0]!, model.window));
  }
  const score = calibrate(z, model, post.raw);
  const flagged = score >= model.thresholds.flag;
  const review = !flagged && score >= model.thresholds.review;
  const verdict: Classification = {
    id: String(input.id ?? ''),
    score: Math.round(score * 10000) / 10000,
    flagged,
    review,
    certTypes: post.certTypes,
    contacts: post.contacts,
    reasons: explainContributions(post, model, flagged || review, 5),
    modelVersion: model.version,
  };
  // Whoever stores the text stores what was read, not a second normalisation of its own.
  return options.withFoldedText ? { ...verdict, foldedText: post.folded } : verdict;
}
