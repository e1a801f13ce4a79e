// A picture's RGBA pixels from PNG, JPEG or GIF bytes (pure JavaScript decoders): sellers' WeChat
// cards are mostly JPEG screenshots, and a QR code in one must be read as in a PNG.
import jpeg from 'jpeg-js';
import { GifReader } from 'omggif';
import { PNG } from 'pngjs';

/** A decoded picture: RGBA, four bytes a pixel, rows top to bottom. */
export interface RgbaPixels {
  data: Uint8Array;
  width: number;
  height: number;
}

/** Pictures claiming more pixels than this are not decoded (a header can claim 60,000 × 60,000). */
export const MAX_PICTURE_PIXELS = 16_000_000;
/**
 * JPEG and GIF pictures larger than this are not decoded either (the OCR engine still reads them
 * itself): the JavaScript decoder takes ~0.25 s of a thread for a 1080 × 1920 phone screenshot, where
 * QR cards come from (1440 × 3200 is the largest common one), and seconds and ~20 bytes a pixel for a
 * camera photo. A few kilobytes of flat JPEG can claim millions of pixels.
 */
export const MAX_SCRIPT_DECODED_PIXELS = 4_700_000;

const isPng = (b: Buffer) => b.length >= 24 && b.readUInt32BE(0) === 0x89504e47;
const isJpeg = (b: Buffer) => b.length >= 4 && b[0] === 0xff && b[1] === 0xd8;
const isGif = (b: Buffer) => b.length >= 10 && b.toString('latin1', 0, 4) === 'GIF8';

/** The pixels of a PNG, JPEG or GIF (its first frame) under `maxPixels`; undefined for anything else or broken bytes. */
export function decodePicture(bytes: Buffer, maxPixels = MAX_PICTURE_PIXELS): RgbaPixels | undefined {
  try {
    if (!Buffer.isBuffer(bytes)) return undefined;
    if (isPng(bytes)) {
      if (bytes.readUInt32BE(16) * bytes.readUInt32BE(20) > maxPixels) return undefined;
      const img = PNG.sync.read(bytes);
      return { data: img.data, width: img.width, height: img.height };
    }
    if (isJpeg(bytes)) {
      // The decoder's own caps refuse a frame header that claims more than the budget before allocating.
      const cap = Math.min(maxPixels, MAX_SCRIPT_DECODED_PIXELS);
      const img = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: true, maxResolutionInMP: cap / 1_000_000, maxMemoryUsageInMB: Math.ceil((cap * 24) / 1_048_576) });
      return img.width > 0 && img.height > 0 ? { data: img.data, width: img.width, height: img.height } : undefined;
    }
    if (isGif(bytes)) {
      const gif = new GifReader(bytes);
      if (gif.width * gif.height > Math.min(maxPixels, MAX_SCRIPT_DECODED_PIXELS) || gif.numFrames() < 1) return undefined;
      const data = new Uint8Array(gif.width * gif.height * 4);
      gif.decodeAndBlitFrameRGBA(0, data);
      return { data, width: gif.width, height: gif.height };
    }
  } catch {
    // Broken or hostile bytes are just an unreadable picture.
  }
  return undefined;
}
