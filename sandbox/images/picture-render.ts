// Renders the drawn pictures' designs with Chromium (real CJK fonts, anti-aliasing, rotation,
// seeded noise drawn in the page) once, and caches the PNGs on disk by design hash: deterministic PNGs.
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright';
import type { PictureDesign } from './picture-designs.js';

// Bumped when the rendering changes, so a stale cache is never served.
const RENDER_VERSION = 2;
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

function designKey(d: PictureDesign): string {
  return sha256(`${RENDER_VERSION}\u0000${d.width}x${d.height}\u0000${d.html}`);
}

async function writeAtomically(file: string, bytes: Buffer): Promise<void> {
  try {
    await mkdir(cacheDir(), { recursive: true });
    // Written aside and renamed: parallel sandboxes may render the same picture at once.
    const tmp = `${file}.${process.pid}.tmp`;
    await writeFile(tmp, bytes);
    await rename(tmp, file);
  } catch {
    // No cache then: the picture is rendered again next time.
  }
}

/**
 * PNGs of the designs, by key. Renders only what the disk cache lacks (one Chromium for all);
 * without a browser (or once `signal` aborts) the map lacks those keys and the caller falls back to
 * its bitmap pictures. The pixels are all drawn by the browser: nothing here blocks the event loop.
 */
export async function renderPictures(designs: Map<string, PictureDesign>, signal?: AbortSignal): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const missing: Array<[string, PictureDesign, string]> = [];
  for (const [key, d] of designs) {
    const file = join(cacheDir(), `${designKey(d)}.png`);
    try {
      out.set(key, await readFile(file));
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
          const png = await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: d.width, height: d.height } });
          await writeAtomically(file, png);
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
