// Char 1–3-grams of a post as it was written (only case, width and spaces folded): the model's
// second view, because a plain n-gram model generalised to unseen texts as well as the folded one.
import { loadUnits } from '../text/code-units.js';

/** Weight-vector size of the surface view (log2). */
export const SURFACE_BITS = 18;
/** Read at most this much of a post, like the folded view (analyze-post's MAX_SCORED_CHARS). */
export const SURFACE_MAX_CHARS = 6000;
/** Posts longer than this many characters are also read in windows of SURFACE_WINDOW. */
export const SURFACE_WINDOWED_FROM = 192;
export const SURFACE_WINDOW = 128;
// Every n-gram in a window counts at the value a post of SURFACE_WINDOW characters would give it.
const WINDOW_VALUE = 1 / Math.sqrt(3 * SURFACE_WINDOW);
const NS_SURFACE = 0x27d4eb2f;

// FNV-style step kept in signed 32 bits (small integers to V8, never boxed doubles).
const mix = (h: number, x: number) => Math.imul(h ^ x, 0x01000193);
// Fibonacci hashing: the top bits of one multiply, cheaper than a full finaliser on ~900 n-grams a post.
const slot = (h: number, shift: number) => Math.imul(h, 0x9e3779b1) >>> shift;

export interface SurfaceGrams {
  /** Distinct hashed n-grams, valid until the next call unless copied. */
  idx: Int32Array;
  /** How many of idx are this post's. */
  count: number;
  /** Every n-gram's value: 1/√count, so a post's n-gram block has unit length whatever its size. */
  value: number;
}

// Scratch space shared by every call (one post at a time on a thread).
let units: Uint16Array = new Uint16Array(4096);
let scratch = new Int32Array(4096);
// Per position i: the n-grams ending at i (1-, 2- and 3-gram; fewer at the start), as slots.
let ending = new Int32Array(3 * 4096);
// seen[h] === stamp: n-gram h is already in this post (a stamp per call instead of clearing a set);
// bytes, so the table stays in cache, cleared once every 255 posts.
let seen = new Uint8Array(1 << SURFACE_BITS);
let stamp = 0;
let prefixes = new Float64Array(4096);
// Scoring's own record of the n-grams met in this post: one bit per slot (32 KB for 2^18 slots,
// where `seen` takes 256 KB), so it stays in L1 and leaves the caches to the weights, which are
// what a post's time goes on. Cleared per post.
let met = new Int32Array(1 << (SURFACE_BITS - 5));

/** Lower-cases ASCII and full-width letters, maps full-width ASCII to ASCII, and collapses runs of spaces. */
function foldUnits(raw: string): number {
  const limit = Math.min(raw.length, SURFACE_MAX_CHARS);
  // One native copy, then folded in place (it never writes ahead of what it reads): a charCodeAt
  // per code unit cost about as much as the fold.
  units = loadUnits(limit < raw.length ? raw.slice(0, limit) : raw, units);
  const u = units;
  let n = 0;
  let space = true;
  for (let i = 0; i < limit; i++) {
    let c = u[i]!;
    if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0;
    if (c <= 32 || c === 0x3000 || c === 0xa0) {
      if (space) continue;
      c = 32;
      space = true;
    } else space = false;
    if (c >= 65 && c <= 90) c += 32;
    u[n++] = c;
  }
  return n;
}

/** Fills `ending` with the slots of the n-grams ending at each of the n folded units. */
function hashGrams(n: number, bits: number): Int32Array {
  if (ending.length < 3 * n) ending = new Int32Array(6 * n);
  const out = ending;
  const u = units;
  const shift = 32 - bits;
  let h1 = 0;
  let h2 = 0;
  for (let i = 0; i < n; i++) {
    const c = u[i]!;
    const h3 = mix(h2, c);
    h2 = mix(h1, c);
    h1 = mix(NS_SURFACE, c);
    out[3 * i] = slot(h1, shift);
    out[3 * i + 1] = i >= 1 ? slot(h2, shift) : -1;
    out[3 * i + 2] = i >= 2 ? slot(h3, shift) : -1;
  }
  return out;
}

function nextStamp(size: number): void {
  if (seen.length !== size) seen = new Uint8Array(size);
  if (++stamp === 256) {
    seen.fill(0);
    stamp = 1;
  }
}

/** The surface n-grams of `raw` (its first SURFACE_MAX_CHARS code units), hashed to `bits`. */
export function surfaceGrams(raw: string, bits = SURFACE_BITS): SurfaceGrams {
  const n = foldUnits(raw);
  const g = hashGrams(n, bits);
  nextStamp(1 << bits);
  if (scratch.length < 3 * n) scratch = new Int32Array(6 * n);
  const marks = seen;
  const mark = stamp;
  let m = 0;
  for (let k = 0; k < 3 * n; k++) {
    const j = g[k]!;
    if (j >= 0 && marks[j] !== mark) {
      marks[j] = mark;
      scratch[m++] = j;
    }
  }
  return { idx: scratch, count: m, value: 1 / Math.sqrt(Math.max(1, m)) };
}

/** Prefix sums over positions of the weight of the n-grams ending there (windows count every occurrence). */
function positionPrefixes(g: Int32Array, n: number, weights: Float32Array): Float64Array {
  if (prefixes.length < n + 1) prefixes = new Float64Array(2 * n + 1);
  const p = prefixes;
  let sum = 0;
  p[0] = 0;
  for (let i = 0; i < n; i++) {
    const a = g[3 * i]!;
    const b = g[3 * i + 1]!;
    const c = g[3 * i + 2]!;
    sum += weights[a]! + (b >= 0 ? weights[b]! : 0) + (c >= 0 ? weights[c]! : 0);
    p[i + 1] = sum;
  }
  return p;
}

/** The window (stride half its width) whose n-grams weigh most, from the prefix sums. */
function bestWindow(p: Float64Array, n: number): { start: number; end: number; sum: number } {
  let best = { start: 0, end: 0, sum: -Infinity };
  for (let start = 0; ; start += SURFACE_WINDOW / 2) {
    const end = Math.min(n, start + SURFACE_WINDOW);
    const sum = p[end]! - p[start]!;
    if (sum > best.sum) best = { start, end, sum };
    if (end === n) break;
  }
  return best;
}

const finiteWeights = new WeakMap<Float32Array, boolean>();

/** No weight is infinite or NaN: checked once per weight vector, which scoring never sees change (a model's weights are fixed once fitted). */
function allFinite(weights: Float32Array): boolean {
  let known = finiteWeights.get(weights);
  if (known === undefined) {
    known = weights.every(Number.isFinite);
    finiteWeights.set(weights, known);
  }
  return known;
}

/**
 * surfaceLinear by training's passes (the distinct n-grams, then the position prefixes): the same
 * sums in the same order, for a weight vector holding an infinite or NaN weight.
 */
function linearOverDistinct(raw: string, weights: Float32Array, bias: number): number {
  const bits = Math.log2(weights.length);
  const g = surfaceGrams(raw, bits);
  let sum = 0;
  for (let k = 0; k < g.count; k++) sum += weights[g.idx[k]!]!;
  const whole = bias + sum / Math.sqrt(Math.max(1, g.count));
  const n = foldUnits(raw);
  if (n <= SURFACE_WINDOWED_FROM) return whole;
  return Math.max(whole, bias + bestWindow(positionPrefixes(hashGrams(n, bits), n, weights), n).sum * WINDOW_VALUE);
}

/**
 * The linear score of a post's surface n-grams under `weights`; a long post's score is its best
 * window's when that is higher (as the folded view does), so one offer among many services counts.
 */
export function surfaceLinear(raw: string, weights: Float32Array, bias: number): number {
  if (!allFinite(weights)) return linearOverDistinct(raw, weights, bias);
  const n = foldUnits(raw);
  const shift = 32 - Math.log2(weights.length);
  const words = Math.max(1, weights.length >>> 5);
  if (met.length !== words) met = new Int32Array(words);
  else met.fill(0);
  if (prefixes.length < n + 1) prefixes = new Float64Array(2 * n + 1);
  // One pass (the hot path of scoring): hashes, the whole post's distinct n-grams, and the prefix
  // sums windows read; the same n-grams hashGrams and positionPrefixes give training.
  const u = units;
  const marks = met;
  const p = prefixes;
  let distinct = 0;
  let sum = 0;
  let prefix = 0;
  let h1 = 0;
  let h2 = 0;
  p[0] = 0;
  for (let i = 0; i < n; i++) {
    const c = u[i]!;
    const h3 = mix(h2, c);
    h2 = mix(h1, c);
    h1 = mix(NS_SURFACE, c);
    // The 1-, 2- and 3-gram ending here (fewer at the start), in that order, written out: with a
    // branch-free body, a loop over them costs more in its own selects and tests than the copies.
    // Counting without a branch: whether an n-gram is new is a coin toss to the branch predictor,
    // and a mispredicted branch drops the weight loads issued after it. Adding w·0 (±0) to the sum
    // leaves it as it is (weights are finite here: w·0 of an infinite one would be NaN).
    let at = 0;
    let j = slot(h1, shift);
    let w = weights[j]!;
    at += w;
    let word = marks[j >>> 5]!;
    let fresh = ((word >>> j) & 1) ^ 1;
    marks[j >>> 5] = word | (1 << j);
    distinct += fresh;
    sum += w * fresh;
    if (i >= 1) {
      j = slot(h2, shift);
      w = weights[j]!;
      at += w;
      word = marks[j >>> 5]!;
      fresh = ((word >>> j) & 1) ^ 1;
      marks[j >>> 5] = word | (1 << j);
      distinct += fresh;
      sum += w * fresh;
      if (i >= 2) {
        j = slot(h3, shift);
        w = weights[j]!;
        at += w;
        word = marks[j >>> 5]!;
        fresh = ((word >>> j) & 1) ^ 1;
        marks[j >>> 5] = word | (1 << j);
        distinct += fresh;
        sum += w * fresh;
      }
    }
    prefix += at;
    p[i + 1] = prefix;
  }
  const whole = bias + sum / Math.sqrt(Math.max(1, distinct));
  if (n <= SURFACE_WINDOWED_FROM) return whole;
  return Math.max(whole, bias + bestWindow(p, n).sum * WINDOW_VALUE);
}

/** A kept copy (for training): index and value arrays of their own. */
export function surfaceExample(raw: string, bits = SURFACE_BITS): { idx: Int32Array; val: Float32Array } {
  const g = surfaceGrams(raw, bits);
  return { idx: g.idx.slice(0, g.count), val: new Float32Array(g.count).fill(g.value) };
}

/**
 * Training's view of a long post's strongest window under `weights` (null for short posts): its
 * n-grams at the value scoring gives them, so a fit learns what a window of each label reads like.
 */
export function surfaceBestWindowExample(raw: string, weights: Float32Array): { idx: Int32Array; val: Float32Array } | null {
  const n = foldUnits(raw);
  if (n <= SURFACE_WINDOWED_FROM) return null;
  const g = hashGrams(n, Math.log2(weights.length));
  const { start, end } = bestWindow(positionPrefixes(g, n, weights), n);
  const merged = new Map<number, number>();
  for (let k = 3 * start; k < 3 * end; k++) {
    const j = g[k]!;
    if (j >= 0) merged.set(j, (merged.get(j) ?? 0) + WINDOW_VALUE);
  }
  return { idx: Int32Array.from(merged.keys()), val: Float32Array.from(merged.values()) };
}
