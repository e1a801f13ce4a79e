// Small screenshots for the report: per listing, the top of its latest full-page screenshot scaled
// to a thumbnail (PNG as a data URI, the report loads nothing); the full image is in the pack.
import { PNG } from 'pngjs';
import type { BlobStore } from '../../pipeline/storage/blob-store.js';
import type { PackInputs } from './pack-inputs.js';
import { evidencePath } from './pack-paths.js';

export interface ReportThumbnail {
  /** data:image/png;base64,… */
  dataUri: string;
  /** Where the full screenshot is inside the pack. */
  path: string;
}

const WIDTH = 220;
const MAX_HEIGHT = 300;
// A screenshot bigger than this is not decoded for a thumbnail (memory); the pack still holds it.
const MAX_SOURCE_BYTES = 25 * 1024 * 1024;

/** Box-filter downscale of the image's top part; pure and deterministic so a pack rebuilds byte for byte. */
export function thumbnailPng(png: Buffer, width = WIDTH, maxHeight = MAX_HEIGHT): Buffer {
  const src = PNG.sync.read(png);
  const scale = Math.max(1, src.width / width);
  const w = Math.max(1, Math.round(src.width / scale));
  const h = Math.max(1, Math.min(maxHeight, Math.round(src.height / scale)));
  const out = new PNG({ width: w, height: h });
  for (let y = 0; y < h; y++) {
    const y0 = Math.floor(y * scale);
    const y1 = Math.min(src.height, Math.max(y0 + 1, Math.floor((y + 1) * scale)));
    for (let x = 0; x < w; x++) {
      const x0 = Math.floor(x * scale);
      const x1 = Math.min(src.width, Math.max(x0 + 1, Math.floor((x + 1) * scale)));
      let r = 0, g = 0, b = 0, a = 0, n = 0;
      for (let yy = y0; yy < y1; yy++) {
        for (let xx = x0; xx < x1; xx++) {
          const i = (yy * src.width + xx) * 4;
          r += src.data[i]!; g += src.data[i + 1]!; b += src.data[i + 2]!; a += src.data[i + 3]!; n++;
        }
      }
      const o = (y * w + x) * 4;
      out.data[o] = Math.round(r / n); out.data[o + 1] = Math.round(g / n); out.data[o + 2] = Math.round(b / n); out.data[o + 3] = Math.round(a / n);
    }
  }
  return PNG.sync.write(out);
}

/** The newest successful capture's screenshot per listing; a bad or missing image is left out, never fatal. */
export async function reportThumbnails(blobs: BlobStore, inputs: PackInputs): Promise<Map<number, ReportThumbnail>> {
  const latest = new Map<number, { captureId: number; sha: string; size: number }>();
  for (const c of inputs.captures) {
    if (c.error) continue;
    const shot = c.files.find((f) => f.role === 'screenshot');
    if (!shot) continue;
    const have = latest.get(c.listing_id);
    if (!have || c.id > have.captureId) latest.set(c.listing_id, { captureId: c.id, sha: shot.sha256, size: Number(shot.size) });
  }
  const out = new Map<number, ReportThumbnail>();
  for (const [listingId, s] of latest) {
    if (s.size > MAX_SOURCE_BYTES) continue;
    try {
      const thumb = thumbnailPng(await blobs.get(s.sha));
      out.set(listingId, { dataUri: `data:image/png;base64,${thumb.toString('base64')}`, path: evidencePath(listingId, s.captureId, 'screenshot') });
    } catch {
      // A screenshot that does not decode stays in the pack (hash-checked there); the report just lacks its thumbnail.
    }
  }
  return out;
}
