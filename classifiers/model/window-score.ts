// Long posts are scored over overlapping windows as well as whole, and the strongest part wins:
// one numbered 办证 item among ten other services must not be diluted by the other nine.
/** What windows read from a post's features: the n-grams come first, each with its sequence position. */
export interface GramLayout {
  idx: ArrayLike<number>;
  val: ArrayLike<number>;
  grams: number;
  gramSeq: ArrayLike<number>;
  seqLength: number;
}

/** A post is windowed only when it is clearly longer than one window. */
export const windowed = (seqLength: number, width: number) => width > 0 && seqLength > width * 1.5;

/** The value each n-gram of a window of `width` positions carries (the whole post's rule, n·2.5 → width·2.5). */
export const windowGramValue = (width: number) => Math.fround(1 / Math.sqrt(width * 2.5));

/**
 * Visits the windows (width positions, stride width/2, the last one flush with the end) with the
 * sum of `contrib` over the n-grams starting inside; returns the best sum and where that window starts.
 */
export function bestWindow(contrib: ArrayLike<number>, f: GramLayout, width: number): { sum: number; start: number } {
  const stride = Math.max(1, width >> 1);
  const seq = f.gramSeq;
  let best = -Infinity;
  let bestStart = 0;
  let lo = 0;
  let hi = 0;
  let sum = 0;
  for (let start = 0; ; start += stride) {
    if (start + width > f.seqLength) start = f.seqLength - width;
    const end = start + width;
    while (hi < f.grams && seq[hi]! < end) sum += contrib[hi++]!;
    while (lo < hi && seq[lo]! < start) sum -= contrib[lo++]!;
    if (sum > best) {
      best = sum;
      bestStart = start;
    }
    if (end >= f.seqLength) break;
  }
  return { sum: best, start: bestStart };
}

let scratch = new Float64Array(4096);

/** Raw score of a post: the whole post, or its best window when that is higher (named features count in both). */
export function windowedScore(f: GramLayout, weights: ArrayLike<number>, bias: number, width: number): number {
  let z = bias;
  for (let i = 0; i < f.idx.length; i++) z += weights[f.idx[i]!]! * f.val[i]!;
  if (!windowed(f.seqLength, width) || f.grams === 0) return z;
  if (scratch.length < f.grams) scratch = new Float64Array(f.grams * 2);
  let whole = 0;
  for (let i = 0; i < f.grams; i++) {
    const c = weights[f.idx[i]!]! * f.val[i]!;
    scratch[i] = c;
    whole += c;
  }
  return Math.max(z, fromWindowSum(z, whole, bestWindow(scratch, f, width).sum, f.val[0]!, width));
}

/** The window's raw score from the whole post's: its n-gram block swapped for the window's, rescaled. */
export function fromWindowSum(z: number, wholeGrams: number, windowGrams: number, gramValue: number, width: number): number {
  return z - wholeGrams + (windowGrams / gramValue) * windowGramValue(width);
}

/** The best window of a post as a training example's features (its n-grams at window scale plus every named feature). */
export function bestWindowFeatures(f: GramLayout, weights: ArrayLike<number>, width: number): { idx: Int32Array; val: Float32Array } | undefined {
  if (!windowed(f.seqLength, width) || f.grams === 0) return undefined;
  const contrib = new Float64Array(f.grams);
  for (let i = 0; i < f.grams; i++) contrib[i] = weights[f.idx[i]!]!;
  const { start } = bestWindow(contrib, f, width);
  const idx: number[] = [];
  const val: number[] = [];
  const v = windowGramValue(width);
  for (let i = 0; i < f.grams; i++) {
    const s = f.gramSeq[i]!;
    if (s >= start && s < start + width) {
      idx.push(f.idx[i]!);
      val.push(v);
    }
  }
  for (let i = f.grams; i < f.idx.length; i++) {
    idx.push(f.idx[i]!);
    val.push(f.val[i]!);
  }
  return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
}
