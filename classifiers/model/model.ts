// The scorer's parameters: a hashed logistic-regression weight vector, its Platt
// calibration and the flag/review thresholds, with the compact JSON it ships as.
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
  metrics?: ModelMetrics;
}

/** On-disk form: only non-zero weights, as delta-coded indices and float32 values in base64. */
export interface ModelFile {
  format: 'certwatch-hashed-logreg/1';
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
  metrics?: ModelMetrics;
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function toModelFile(m: Model, minAbs = 1e-4): ModelFile {
  const idx: number[] = [];
  const vals: number[] = [];
  for (let i = 0; i < m.weights.length; i++) if (Math.abs(m.weights[i]!) >= minAbs) {
    idx.push(i);
    vals.push(m.weights[i]!);
  }
  const deltas = new Uint32Array(idx.length);
  for (let i = 0; i < idx.length; i++) deltas[i] = idx[i]! - (i ? idx[i - 1]! : 0);
  return {
    format: 'certwatch-hashed-logreg/1',
    version: m.version,
    bits: m.bits,
    bias: m.bias,
    calibration: m.calibration,
    thresholds: m.thresholds,
    trainedAt: m.trainedAt,
    nonZero: idx.length,
    indexDeltas: Buffer.from(deltas.buffer).toString('base64'),
    values: Buffer.from(new Float32Array(vals).buffer).toString('base64'),
    ...(m.window ? { window: m.window } : {}),
    metrics: m.metrics,
  };
}

export class ModelFormatError extends Error {
  override name = 'ModelFormatError';
}

export function fromModelFile(f: unknown): Model {
  const o = f as Partial<ModelFile>;
  if (!o || o.format !== 'certwatch-hashed-logreg/1') throw new ModelFormatError('not a certwatch model file (format certwatch-hashed-logreg/1 expected)');
  if (typeof o.bits !== 'number' || o.bits < 8 || o.bits > 24) throw new ModelFormatError('model: bits must be 8..24');
  if (o.window !== undefined && (!Number.isInteger(o.window) || o.window < 8 || o.window > 4096)) throw new ModelFormatError('model: window must be an integer 8..4096');
  if (typeof o.indexDeltas !== 'string' || typeof o.values !== 'string') throw new ModelFormatError('model: indexDeltas and values must be base64 strings');
  const deltaBytes = Buffer.from(o.indexDeltas, 'base64');
  const valueBytes = Buffer.from(o.values, 'base64');
  if (deltaBytes.length % 4 !== 0 || valueBytes.length % 4 !== 0) throw new ModelFormatError('model: weight arrays are not whole 32-bit words');
  const deltas = new Uint32Array(toArrayBuffer(deltaBytes));
  const vals = new Float32Array(toArrayBuffer(valueBytes));
  if (deltas.length !== vals.length) throw new ModelFormatError('model: index and value arrays differ in length');
  const weights = new Float32Array(1 << o.bits);
  let at = 0;
  for (let i = 0; i < deltas.length; i++) {
    at += deltas[i]!;
    if (at >= weights.length) throw new ModelFormatError('model: weight index out of range');
    weights[at] = vals[i]!;
  }
  return {
    version: String(o.version ?? 'unknown'),
    bits: o.bits,
    weights,
    bias: Number(o.bias ?? 0),
    calibration: o.calibration ?? { a: 1, b: 0 },
    thresholds: o.thresholds ?? { flag: 0.5, review: 0.2 },
    trainedAt: String(o.trainedAt ?? ''),
    ...(o.window ? { window: o.window } : {}),
    metrics: o.metrics,
  };
}

function toArrayBuffer(b: Buffer): ArrayBuffer {
  const copy = new Uint8Array(b.length);
  copy.set(b);
  return copy.buffer;
}
