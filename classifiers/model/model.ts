// The scorer's parameters: hashed logistic-regression weights over the folded view (and, since
// 2026-12-04, over the surface view), their calibration and thresholds, and the JSON it ships as.
export interface ModelMetrics {
  [name: string]: number | string | Record<string, number | string>;
}

export interface Model {
  version: string;
  /** log2 of the weight-vector length. */
  bits: number;
  weights: Float32Array;
  bias: number;
  /** Platt scaling: p = sigmoid(a·z + b), z the raw linear score. */
  calibration: { a: number; b: number };
  /** Calibrated-probability cut-offs chosen on validation data. */
  thresholds: { flag: number; review: number };
  trainedAt: string;
  /** Window width in gram positions for long posts (window-score.ts); absent: whole posts only (models before 2026-12). */
  window?: number;
  /** The surface view mixed in (features/surface-grams.ts); absent: the folded view alone (models before 2026-12-04). */
  surface?: SurfaceView;
  metrics?: ModelMetrics;
}

/**
 * A second logistic regression over the post's surface char n-grams. The probability is
 * sigmoid(calibration.a·m + calibration.b) with m = (1−share)·(folded view's calibrated logit) + share·(surface logit).
 */
export interface SurfaceView {
  weights: Float32Array;
  bias: number;
  share: number;
  calibration: { a: number; b: number };
}

interface PackedWeights {
  bits: number;
  nonZero: number;
  indexDeltas: string;
  values: string;
}

/** On-disk form: only non-zero weights, as delta-coded indices and float32 values in base64. */
export interface ModelFile {
  /** /2 when the file holds a surface view: a reader of /1 would score without it and misplace the thresholds. */
  format: 'certwatch-hashed-logreg/1' | 'certwatch-hashed-logreg/2';
  version: string;
  bits: number;
  bias: number;
  calibration: { a: number; b: number };
  thresholds: { flag: number; review: number };
  trainedAt: string;
  nonZero: number;
  indexDeltas: string;
  values: string;
  window?: number;
  surface?: PackedWeights & { bias: number; share: number; calibration: { a: number; b: number } };
  metrics?: ModelMetrics;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Only the weights at least minAbs from zero, as delta-coded indices and float32 values. */
function packWeights(weights: Float32Array, minAbs: number): PackedWeights {
  const idx: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < weights.length; i++) if (Math.abs(weights[i]!) >= minAbs) {
    idx.push(i);
    vals.push(weights[i]!);
  }
  const deltas = new Uint32Array(idx.length);
  for (let i = 0; i < idx.length; i++) deltas[i] = idx[i]! - (i ? idx[i - 1]! : 0);
  return {
    bits: Math.log2(weights.length),
    nonZero: idx.length,
    indexDeltas: Buffer.from(deltas.buffer).toString('base64'),
    values: Buffer.from(new Float32Array(vals).buffer).toString('base64'),
  };
}

/** The surface mix: the folded view's calibrated logit and the surface logit, weighed and calibrated again. */
export function mixViews(foldedLogit: number, surfaceLogit: number, s: Pick<SurfaceView, 'share' | 'calibration'>): number {
  return sigmoid(s.calibration.a * ((1 - s.share) * foldedLogit + s.share * surfaceLogit) + s.calibration.b);
}

/** A post's probability from its views' raw scores: the folded view's z, mixed with the surface logit when the model has that view. */
export function probabilityOf(model: Pick<Model, 'calibration' | 'surface'>, z: number, surfaceLogit: number): number {
  const folded = model.calibration.a * z + model.calibration.b;
  return model.surface ? mixViews(folded, surfaceLogit, model.surface) : sigmoid(folded);
}

export function toModelFile(m: Model, minAbs = 1e-4): ModelFile {
  const { bits: _bits, ...packed } = packWeights(m.weights, minAbs);
  const s = m.surface;
  return {
    format: s ? 'certwatch-hashed-logreg/2' : 'certwatch-hashed-logreg/1',
    version: m.version,
    bits: m.bits,
    bias: m.bias,
    calibration: m.calibration,
    thresholds: m.thresholds,
    trainedAt: m.trainedAt,
    ...packed,
    ...(m.window ? { window: m.window } : {}),
    ...(s ? { surface: { ...packWeights(s.weights, minAbs), bias: s.bias, share: s.share, calibration: s.calibration } } : {}),
    metrics: m.metrics,
  };
}

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

function unpackWeights(p: Partial<PackedWeights>, where: string): Float32Array {
  if (typeof p.bits !== 'number' || p.bits < 8 || p.bits > 24) throw new ModelFormatError(`${where}bits must be 8..24`);
  if (typeof p.indexDeltas !== 'string' || typeof p.values !== 'string') throw new ModelFormatError(`${where}indexDeltas and values must be base64 strings`);
  const deltaBytes = Buffer.from(p.indexDeltas, 'base64');
  const valueBytes = Buffer.from(p.values, 'base64');
  if (deltaBytes.length % 4 !== 0 || valueBytes.length % 4 !== 0) throw new ModelFormatError(`${where}weight arrays are not whole 32-bit words`);
  const deltas = new Uint32Array(toArrayBuffer(deltaBytes));
  const vals = new Float32Array(toArrayBuffer(valueBytes));
  if (deltas.length !== vals.length) throw new ModelFormatError(`${where}index and value arrays differ in length`);
  const weights = new Float32Array(1 << p.bits);
  let at = 0;
  for (let i = 0; i < deltas.length; i++) {
    at += deltas[i]!;
    if (at >= weights.length) throw new ModelFormatError(`${where}weight index out of range`);
    weights[at] = vals[i]!;
  }
  return weights;
}

const finite = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

function unpackSurface(s: ModelFile['surface']): SurfaceView {
  if (!s || typeof s !== 'object') throw new ModelFormatError('model: format /2 needs a surface block');
  const cal = s.calibration;
  if (!finite(s.bias) || !finite(s.share) || s.share < 0 || s.share > 1 || !cal || !finite(cal.a) || !finite(cal.b)) {
    throw new ModelFormatError('model: surface needs a finite bias, a share in 0..1 and a calibration {a, b}');
  }
  return { weights: unpackWeights(s, 'model: surface '), bias: s.bias, share: s.share, calibration: { a: cal.a, b: cal.b } };
}

export function fromModelFile(f: unknown): Model {
  const o = f as Partial<ModelFile>;
  if (!o || (o.format !== 'certwatch-hashed-logreg/1' && o.format !== 'certwatch-hashed-logreg/2')) {
    throw new ModelFormatError('not a certwatch model file (format certwatch-hashed-logreg/1 or /2 expected)');
  }
  if (typeof o.bits !== 'number' || o.bits < 8 || o.bits > 24) throw new ModelFormatError('model: bits must be 8..24');
  if (o.window !== undefined && (!Number.isInteger(o.window) || o.window < 8 || o.window > 4096)) throw new ModelFormatError('model: window must be an integer 8..4096');
  const weights = unpackWeights(o, 'model: ');
  const surface = o.format === 'certwatch-hashed-logreg/2' ? unpackSurface(o.surface) : undefined;
  return {
    version: String(o.version ?? 'unknown'),
    bits: o.bits,
    weights,
    bias: Number(o.bias ?? 0),
    calibration: o.calibration ?? { a: 1, b: 0 },
    thresholds: o.thresholds ?? { flag: 0.5, review: 0.2 },
    trainedAt: String(o.trainedAt ?? ''),
    ...(o.window ? { window: o.window } : {}),
    ...(surface ? { surface } : {}),
    metrics: o.metrics,
  };
}

function toArrayBuffer(b: Buffer): ArrayBuffer {
  const copy = new Uint8Array(b.length);
  copy.set(b);
  return copy.buffer;
}
