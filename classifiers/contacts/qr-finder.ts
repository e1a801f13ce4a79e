// Whether an image could hold a QR code at all: three finder patterns (the 1:1:3:1:1 squares) placed
// as a code's corners, with the timing lines between them. Most post pictures hold none, and jsQR
// spends as long failing on them as decoding one.
// Measured: of 2,784 code variants jsQR reads, 2 are missed (no quiet zone, turned 45°, on a busy
// picture); 25 of 302 drawn pictures without a code passed the corners, 1 of 150 passes the timing lines
// too (2026-12-05: no variant of 1,868 — scales 1–8, quiet zones 0–4, turned 0–90°, pasted — lost to them).

/** Pixels in a threshold block: local thresholds, as jsQR's binarizer, so uneven light does not hide a code. */
const BLOCK = 8;
/** Blocks whose range is under this are flat: they take their neighbours' threshold. */
const MIN_RANGE = 24;
/** How far a run may stray from its expected width, in module sizes: looser than jsQR's scoring, never stricter. */
const TOLERANCE = 0.75;
/** Rows a finder must be crossed on: its centre square spans three modules, crossed on ~3 rows a module. */
const MIN_HITS = 3;
const HITS_PER_MODULE = 1.5;
/** Module sizes of one code's finders differ by less than this factor (perspective, rounding). */
const MODULE_SPREAD = 2;
/** Distinct finder candidates noted before the search gives up and says "maybe". */
const MAX_CENTERS = 2_000;
/** Finders tried three by three, the most seen first: a page of text can cross hundreds of near-misses. */
const MAX_FINDERS = 40;
/** Finder centres of a version 1 code are 14 modules apart; at 45° each crossing reads modules √2 wide. */
const MIN_SIDE_MODULES = 7;
/** The two sides' lengths, and the diagonal against them (√2 when square). */
const SIDE_SPREAD = 1.6;
const DIAGONAL_RANGE = [1.15, 1.75] as const;
/** Threes placed as corners whose timing lines are looked at before the search says "maybe". */
const MAX_TIMED = 200;
/** Share of a timing line's modules that must alternate as a code's do (noise agrees on half). */
const TIMING_AGREEMENT = 0.7;
/** A size's module against the finders' runs: a turned code's runs read modules up to √2 too wide. */
const MODULE_FIT = [0.55, 1.3] as const;

/**
 * Which polarities of a QR code the image could hold: finder patterns (three, placed as a code's
 * corners, each crossed 1:1:3:1:1 across, down and diagonally) in dark on light, and in light on
 * dark. A false yes costs one jsQR search; a false no a missed code, so every test is looser than jsQR's own.
 */
export function qrFinderPolarities(rgba: Uint8ClampedArray, width: number, height: number): { dark: boolean; light: boolean } {
  if (width < 21 || height < 21) return { dark: false, light: false };
  const dark = binarize(rgba, width, height);
  const normal = holdsFinders(dark, width, height);
  for (let i = 0; i < dark.length; i++) dark[i] = dark[i]! ^ 1;
  return { dark: normal, light: holdsFinders(dark, width, height) };
}

function holdsFinders(dark: Uint8Array, width: number, height: number): boolean {
  const centers: Finder[] = [];
  const runs = new Int32Array(5);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    runs.fill(0);
    // runs[4] is the run being counted; a dark run starts the pattern.
    let state = -1;
    for (let x = 0; x <= width; x++) {
      const bit = x < width ? dark[row + x]! : -1;
      if (state >= 0 && bit === state) {
        runs[4]!++;
        continue;
      }
      if (state === 1 && ratioHolds(runs)) {
        const cx = x - runs[4]! - runs[3]! - runs[2]! / 2;
        const v = crossDown(dark, width, height, Math.floor(cx), y, sum(runs));
        if (v && crossDiagonal(dark, width, height, Math.floor(cx), Math.round(v.y), sum(runs))) {
          note(centers, cx, v.y, (v.module + sum(runs) / 7) / 2);
          // A picture tiled with finder look-alikes (hostile, or a code wall) would make noting
          // quadratic: past this many it may hold a code, and jsQR's own budget decides.
          if (centers.length > MAX_CENTERS) return true;
        }
      }
      runs.copyWithin(0, 1);
      runs[4] = 1;
      state = bit;
    }
  }
  // A finder's centre square is three modules high, so a real one is crossed on several rows; a
  // stroke of text that happens to match the ratio, on one. Three finders of about one module size.
  const seen = centers
    .filter((c) => c.hits >= Math.max(MIN_HITS, HITS_PER_MODULE * c.module))
    .sort((a, b) => b.hits - a.hits)
    .slice(0, MAX_FINDERS);
  let timed = 0;
  for (let i = 0; i < seen.length; i++) {
    for (let j = i + 1; j < seen.length; j++) {
      for (let k = j + 1; k < seen.length; k++) {
        if (!cornersOfOneCode(seen[i]!, seen[j]!, seen[k]!)) continue;
        // A grid of look-alikes passes as corners in thousands of threes: past this many, "maybe".
        if (++timed > MAX_TIMED || timingSeen(dark, width, height, seen[i]!, seen[j]!, seen[k]!)) return true;
      }
    }
  }
  return false;
}

/**
 * Three finders sit at three corners of a square at least 14 modules a side (version 1): two sides
 * about equal, the diagonal about √2 of them — loosely, for perspective and a photo's tilt.
 */
function cornersOfOneCode(a: Finder, b: Finder, c: Finder): boolean {
  const lo = Math.min(a.module, b.module, c.module);
  const hi = Math.max(a.module, b.module, c.module);
  if (hi > MODULE_SPREAD * lo) return false;
  const d = [Math.hypot(a.x - b.x, a.y - b.y), Math.hypot(a.x - c.x, a.y - c.y), Math.hypot(b.x - c.x, b.y - c.y)].sort((x, y) => x - y);
  const module = (a.module + b.module + c.module) / 3;
  if (d[0]! < MIN_SIDE_MODULES * module) return false;
  if (d[1]! > SIDE_SPREAD * d[0]!) return false;
  const diagonal = d[2]! / ((d[0]! + d[1]!) / 2);
  return diagonal > DIAGONAL_RANGE[0] && diagonal < DIAGONAL_RANGE[1];
}

/**
 * A code's timing patterns: between its finders, three modules in from their centres, a line of
 * modules alternating dark and light. Three finder look-alikes in a photo have noise there, so jsQR
 * is not asked. The code's size is not known (a turned code's runs read its modules up to √2 wide),
 * so every size whose module fits the finders' is tried; both lines must alternate at one size.
 */
function timingSeen(dark: Uint8Array, width: number, height: number, a: Finder, b: Finder, c: Finder): boolean {
  const ab = Math.hypot(a.x - b.x, a.y - b.y);
  const ac = Math.hypot(a.x - c.x, a.y - c.y);
  const bc = Math.hypot(b.x - c.x, b.y - c.y);
  // The corner finder is the one off the longest side (the diagonal).
  const [p, q, r] = bc >= ab && bc >= ac ? [a, b, c] : ac >= ab ? [b, a, c] : [c, a, b];
  const module = (a.module + b.module + c.module) / 3;
  const side = (Math.hypot(p.x - q.x, p.y - q.y) + Math.hypot(p.x - r.x, p.y - r.y)) / 2;
  const line = (size: number, to: Finder, inward: Finder) => {
    const span = size - 7;
    // The centres are estimates from pixel runs: the line is looked for a pixel either way too.
    for (let dy = -1; dy <= 1; dy++) {
      for (let dx = -1; dx <= 1; dx++) {
        let agree = 0;
        let n = 0;
        // Modules 8 … size − 9 of row (or column) 6, dark on the even ones.
        for (let k = 8; k <= size - 9; k++) {
          const t = (k - 3) / span;
          const x = Math.round(p.x + dx + t * (to.x - p.x) + (3 / span) * (inward.x - p.x));
          const y = Math.round(p.y + dy + t * (to.y - p.y) + (3 / span) * (inward.y - p.y));
          if (x < 0 || y < 0 || x >= width || y >= height) break;
          n++;
          if (dark[y * width + x] === (k % 2 === 0 ? 1 : 0)) agree++;
        }
        if (n === size - 16 && agree >= TIMING_AGREEMENT * n) return true;
      }
    }
    return false;
  };
  // Centres are size − 7 modules apart, and a code's size is 17 + 4 × version (1 … 40).
  for (let version = 1; version <= 40; version++) {
    const size = 17 + 4 * version;
    const m = side / (size - 7);
    if (m > module * MODULE_FIT[1]) continue;
    if (m < module * MODULE_FIT[0]) break;
    if (line(size, q, r) && line(size, r, q)) return true;
  }
  return false;
}

interface Finder {
  x: number;
  y: number;
  module: number;
  hits: number;
}

function sum(r: Int32Array): number {
  return r[0]! + r[1]! + r[2]! + r[3]! + r[4]!;
}

/** dark, light, dark (3), light, dark: each run within TOLERANCE modules of its share. */
function ratioHolds(r: Int32Array): boolean {
  const total = sum(r);
  if (total < 7 || r[0] === 0) return false;
  const m = total / 7;
  const v = m * TOLERANCE;
  return Math.abs(r[0]! - m) < v && Math.abs(r[1]! - m) < v && Math.abs(r[2]! - 3 * m) < 3 * v && Math.abs(r[3]! - m) < v && Math.abs(r[4]! - m) < v;
}

/** The same crossing down the column through a horizontal one's centre: its centre row and module. */
function crossDown(dark: Uint8Array, width: number, height: number, x: number, y: number, across: number): { y: number; module: number } | undefined {
  const at = (yy: number) => (yy < 0 || yy >= height ? -1 : dark[yy * width + x]!);
  if (at(y) !== 1) return undefined;
  const r = new Int32Array(5);
  let i = y;
  for (; at(i) === 1; i--) r[2]!++;
  for (; at(i) === 0 && r[1]! <= across; i--) r[1]!++;
  for (; at(i) === 1 && r[0]! <= across; i--) r[0]!++;
  for (i = y + 1; at(i) === 1; i++) r[2]!++;
  const centreEnd = i;
  for (; at(i) === 0 && r[3]! <= across; i++) r[3]!++;
  for (; at(i) === 1 && r[4]! <= across; i++) r[4]!++;
  if (!ratioHolds(r)) return undefined;
  // The pattern is square: far taller or shorter than wide is a stroke of text, not a finder.
  const down = sum(r);
  if (down > across * 2.5 || across > down * 2.5) return undefined;
  return { y: centreEnd - r[2]! / 2, module: down / 7 };
}

/**
 * The crossing from top left to bottom right through the centre: every line through the centre of
 * a finder's concentric squares crosses them 1:1:3:1:1, whatever the code's angle; a stroke of text seldom does.
 */
function crossDiagonal(dark: Uint8Array, width: number, height: number, x: number, y: number, across: number): boolean {
  const at = (d: number) => {
    const xx = x + d;
    const yy = y + d;
    return xx < 0 || yy < 0 || xx >= width || yy >= height ? -1 : dark[yy * width + xx]!;
  };
  if (at(0) !== 1) return false;
  const r = new Int32Array(5);
  const limit = across * 2;
  let d = 0;
  for (; at(d) === 1 && r[2]! <= limit; d--) r[2]!++;
  for (; at(d) === 0 && r[1]! <= limit; d--) r[1]!++;
  for (; at(d) === 1 && r[0]! <= limit; d--) r[0]!++;
  for (d = 1; at(d) === 1 && r[2]! <= limit; d++) r[2]!++;
  for (; at(d) === 0 && r[3]! <= limit; d++) r[3]!++;
  for (; at(d) === 1 && r[4]! <= limit; d++) r[4]!++;
  return ratioHolds(r);
}

/** A crossing near one seen already (the same finder on the next row) is that finder, seen again. */
function note(centers: Finder[], x: number, y: number, module: number): void {
  for (const c of centers) {
    if (Math.abs(c.x - x) <= c.module * 3.5 && Math.abs(c.y - y) <= c.module * 3.5) {
      c.hits++;
      return;
    }
  }
  centers.push({ x, y, module, hits: 1 });
}

/** 1 for dark, by a threshold per block from its neighbourhood's block means (jsQR's scheme, simplified). */
function binarize(rgba: Uint8ClampedArray, width: number, height: number): Uint8Array {
  const lum = new Uint8Array(width * height);
  for (let p = 0, i = 0; p < lum.length; p++, i += 4) lum[p] = (rgba[i]! * 77 + rgba[i + 1]! * 150 + rgba[i + 2]! * 29) >> 8;
  const bw = Math.ceil(width / BLOCK);
  const bh = Math.ceil(height / BLOCK);
  const mean = new Float32Array(bw * bh);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let s = 0;
      let n = 0;
      let lo = 255;
      let hi = 0;
      for (let y = by * BLOCK; y < Math.min(height, (by + 1) * BLOCK); y++) {
        for (let x = bx * BLOCK; x < Math.min(width, (bx + 1) * BLOCK); x++) {
          const v = lum[y * width + x]!;
          s += v;
          n++;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
      // A flat block is ground: half its level, so it reads light unless its neighbours are darker.
      mean[by * bw + bx] = hi - lo > MIN_RANGE ? s / n : lo / 2;
    }
  }
  const out = new Uint8Array(width * height);
  for (let by = 0; by < bh; by++) {
    for (let bx = 0; bx < bw; bx++) {
      let s = 0;
      let n = 0;
      for (let dy = -2; dy <= 2; dy++) {
        for (let dx = -2; dx <= 2; dx++) {
          const yy = by + dy;
          const xx = bx + dx;
          if (yy < 0 || xx < 0 || yy >= bh || xx >= bw) continue;
          s += mean[yy * bw + xx]!;
          n++;
        }
      }
      const t = s / n;
      for (let y = by * BLOCK; y < Math.min(height, (by + 1) * BLOCK); y++) {
        for (let x = bx * BLOCK; x < Math.min(width, (bx + 1) * BLOCK); x++) out[y * width + x] = lum[y * width + x]! <= t ? 1 : 0;
      }
    }
  }
  return out;
}
