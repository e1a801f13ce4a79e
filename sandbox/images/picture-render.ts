// Renders the drawn pictures' designs with Chromium (real CJK fonts, anti-aliasing, rotation)
// once, adds seeded noise and caches the result on disk by content hash: deterministic PNGs.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import { PNG } from 'pngjs';
import { Rng } from '../random.js';
import type { PictureDesign } from './picture-designs.js';

// Bumped when the rendering changes, so a stale cache is never served.
const RENDER_VERSION = 1;
const cacheDir = () => process.env.CERTWATCH_SANDBOX_PICTURE_CACHE ?? join(tmpdir(), 'certwatch-sandbox-pictures');

// What each served picture shows, by the SHA-256 of its bytes: the tests' reader looks here.
const drawnBySha = new Map<string, string>();

function sha256(b: Buffer | string): string {
  return createHash('sha256').update(b).digest('hex');
}

/** The contact line drawn in `png` when the sandbox made it ('' for a contact-free picture). */
export function drawnTextOf(png: Buffer): string | undefined {
  return drawnBySha.get(sha256(png));
}

function designKey(d: PictureDesign, key: string): string {
  return sha256(`${RENDER_VERSION}\u0000${d.width}x${d.height}\u0000${d.noise}\u0000${key}\u0000${d.html}`);
}

/** Bytes cached under `name`, or made, cached and returned: pictures cost CPU every sandbox start otherwise. */
function cachedFile(name: string, make: () => Buffer): Buffer {
  const file = join(cacheDir(), `${name}.png`);
  try {
    return readFileSync(file);
  } catch {
    const png = make();
    writeAtomically(file, png);
    return png;
  }
}

function writeAtomically(file: string, bytes: Buffer): void {
  try {
    mkdirSync(cacheDir(), { recursive: true });
    // Written aside and renamed: parallel sandboxes may make the same picture at once.
    const tmp = `${file}.${process.pid}.tmp`;
    writeFileSync(tmp, bytes);
    renameSync(tmp, file);
  } catch {
    // No cache then: the picture is made again next time.
  }
}

/** Seeded noise over every pixel plus a few specks, as scans and re-compressed photos show. */
function withNoise(png: Buffer, amount: number, key: string): Buffer {
  if (amount <= 0) return png;
  const img = PNG.sync.read(png);
  const rng = new Rng(amount, `noise:${key}`);
  for (let i = 0; i < img.data.length; i += 4) {
    const d = Math.round((rng.next() - 0.5) * 2 * amount);
    for (let k = 0; k < 3; k++) img.data[i + k] = Math.max(0, Math.min(255, img.data[i + k]! + d));
  }
  for (let s = 0; s < (img.width * img.height) / 900; s++) {
    const x = rng.int(0, img.width - 1);
    const y = rng.int(0, img.height - 1);
    const v = rng.chance(0.5) ? 0 : 255;
    const i = (y * img.width + x) * 4;
    img.data[i] = img.data[i + 1] = img.data[i + 2] = v;
  }
  return PNG.sync.write(img);
}

/** A photo-like picture with no text: smooth colour blobs and grain. */
export function photoPng(seed: number, key: string): Buffer {
  const png = cachedFile(sha256(`${RENDER_VERSION}\u0000photo\u0000${seed}\u0000${key}`), () => drawPhoto(seed, key));
  drawnBySha.set(sha256(png), '');
  return png;
}

function drawPhoto(seed: number, key: string): Buffer {
  const rng = new Rng(seed, `photo:${key}`);
  const width = rng.int(280, 420);
  const height = rng.int(200, 300);
  const img = new PNG({ width, height });
  const blobs = Array.from({ length: rng.int(3, 6) }, () => ({ x: rng.int(0, width), y: rng.int(0, height), r: rng.int(40, 160), c: [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)] }));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let r = 90 + (y * 80) / height;
      let g = 110;
      let b = 140 - (y * 60) / height;
      for (const bl of blobs) {
        const w = Math.max(0, 1 - Math.hypot(x - bl.x, y - bl.y) / bl.r);
        r = r * (1 - w) + bl.c[0]! * w;
        g = g * (1 - w) + bl.c[1]! * w;
        b = b * (1 - w) + bl.c[2]! * w;
      }
      const i = (y * width + x) * 4;
      const grain = (rng.next() - 0.5) * 30;
      img.data[i] = Math.max(0, Math.min(255, r + grain));
      img.data[i + 1] = Math.max(0, Math.min(255, g + grain));
      img.data[i + 2] = Math.max(0, Math.min(255, b + grain));
      img.data[i + 3] = 255;
    }
  }
  return PNG.sync.write(img);
}

/**
 * PNGs of the designs, by key. Renders only what the disk cache lacks (one Chromium for all);
 * without a browser (or once `signal` aborts) the map lacks those keys and the caller falls back to
 * its bitmap pictures.
 */
export async function renderPictures(designs: Map<string, PictureDesign>, signal?: AbortSignal): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const dir = cacheDir();
  const missing: Array<[string, PictureDesign, string]> = [];
  for (const [key, d] of designs) {
    const file = join(dir, `${designKey(d, key)}.png`);
    try {
      out.set(key, readFileSync(file));
    } catch {
      missing.push([key, d, file]);
    }
  }
  if (missing.length > 0 && !signal?.aborted) {
    try {
      const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--font-render-hinting=none'] });
      try {
        const page = await browser.newPage({ deviceScaleFactor: 1 });
        for (const [key, d, file] of missing) {
          // A sandbox closing stops rendering: what is left is drawn next time.
          if (signal?.aborted) break;
          await page.setViewportSize({ width: d.width, height: d.height });
          await page.setContent(d.html, { waitUntil: 'load' });
          await page.evaluate(() => document.fonts.ready);
          const png = withNoise(await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: d.width, height: d.height } }), d.noise, key);
          writeAtomically(file, png);
          out.set(key, png);
        }
      } finally {
        await browser.close();
      }
    } catch (err) {
      console.warn(`sandbox: could not render ${missing.length} pictures with Chromium (${(err as Error).message.split('\n')[0]}); serving bitmap pictures instead`);
    }
  }
  for (const [key, d] of designs) {
    const png = out.get(key);
    if (png) drawnBySha.set(sha256(png), d.drawn);
  }
  return out;
}
