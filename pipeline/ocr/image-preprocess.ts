// Grayscale and upscaling of small pictures before OCR: the engine reads strokes of a few pixels
// badly, and light text on a dark ground better once inverted (test/bench/ocr-bench.ts measures it).
import { decodePicture, type RgbaPixels } from '../../classifiers/index.js';

export type { RgbaPixels };

/** Text lines lower than this (image height in pixels) are upscaled 2× before OCR. */
const SMALL_HEIGHT = 120;

/**
 * The picture (PNG, JPEG or GIF) as a dark-on-light grayscale PGM, doubled when small; undefined
 * when it cannot be decoded here (the engine then gets the original bytes).
 */
export function preprocessPicture(bytes: Buffer): Buffer | undefined {
  const img = decodePicture(bytes);
  return img && preprocessPixels(img);
}

/** preprocessPicture for pixels decoded already (left unchanged). */
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
