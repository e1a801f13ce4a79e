// Grayscale and upscaling of small PNGs before OCR: the engine reads strokes of a few pixels
// badly, and light text on a dark ground better once inverted (test/bench/ocr-bench.ts measures it).
import { PNG } from 'pngjs';

/** Text lines lower than this (image height in pixels) are upscaled 2× before OCR. */
const SMALL_HEIGHT = 120;

/**
 * The PNG as a dark-on-light grayscale PGM, doubled when small; undefined when it is no PNG pngjs
 * reads (the engine then gets the original bytes).
 */
export function preprocessPng(bytes: Buffer): Buffer | undefined {
  const img = decodePng(bytes);
  return img && preprocessPixels(img);
}

/** A decoded picture: RGBA, four bytes a pixel, rows top to bottom. */
export interface RgbaPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/** The PNG's pixels, or undefined when it is no PNG pngjs reads. */
export function decodePng(bytes: Buffer): RgbaPixels | undefined {
  try {
    const img = PNG.sync.read(bytes);
    return { data: img.data, width: img.width, height: img.height };
  } catch {
    return undefined;
  }
}

/** preprocessPng for pixels decoded already (left unchanged). */
export function preprocessPixels(img: RgbaPixels): Buffer {
  const { width, height, data } = img;
  const gray = new Uint8Array(width * height);
  let sum = 0;
  for (let i = 0, p = 0; p < gray.length; i += 4, p++) {
    // Transparent pixels read as white: text drawn on a transparent ground is dark ink.
    const a = data[i + 3]! / 255;
    const v = Math.round((0.299 * data[i]! + 0.587 * data[i + 1]! + 0.114 * data[i + 2]!) * a + 255 * (1 - a));
    gray[p] = v;
    sum += v;
  }
  const invert = sum / gray.length < 110;
  const scale = height < SMALL_HEIGHT ? 2 : 1;
  // A PGM (netpbm): tesseract reads it as it reads a PNG, and it costs no deflate to write.
  const header = Buffer.from(`P5\n${width * scale} ${height * scale}\n255\n`, 'latin1');
  const out = Buffer.allocUnsafe(header.length + width * scale * height * scale);
  header.copy(out);
  let o = header.length;
  for (let y = 0; y < height * scale; y++) {
    const row = Math.floor(y / scale) * width;
    for (let x = 0; x < width * scale; x++) {
      const v = gray[row + Math.floor(x / scale)]!;
      out[o++] = invert ? 255 - v : v;
    }
  }
  return out;
}
