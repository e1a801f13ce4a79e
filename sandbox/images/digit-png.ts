// Draws a phone or QQ number as a PNG in a 5×7 bitmap font with light noise, the way
// classifieds hide numbers from text scrapers; an OCR step can read it, a regex cannot.
import { PNG } from 'pngjs';
import { Rng } from '../random.js';

export const FONT: Record<string, readonly string[]> = {
  '0': ['01110', '10001', '10011', '10101', '11001', '10001', '01110'],
  '1': ['00100', '01100', '00100', '00100', '00100', '00100', '01110'],
  '2': ['01110', '10001', '00001', '00010', '00100', '01000', '11111'],
  '3': ['11110', '00001', '00001', '01110', '00001', '00001', '11110'],
  '4': ['00010', '00110', '01010', '10010', '11111', '00010', '00010'],
  '5': ['11111', '10000', '11110', '00001', '00001', '10001', '01110'],
  '6': ['00110', '01000', '10000', '11110', '10001', '10001', '01110'],
  '7': ['11111', '00001', '00010', '00100', '01000', '01000', '01000'],
  '8': ['01110', '10001', '10001', '01110', '10001', '10001', '01110'],
  '9': ['01110', '10001', '10001', '01111', '00001', '00010', '01100'],
  '-': ['00000', '00000', '00000', '11111', '00000', '00000', '00000'],
};

export const DIGIT_SCALE = 4;

/** PNG of `digits` (0-9 and '-'), dark on light, deterministic for (digits, seed). */
export function digitsPng(digits: string, seed: number): Buffer {
  const glyphW = 5;
  const glyphH = 7;
  const gap = 1;
  const pad = 2;
  const cols = pad * 2 + digits.length * (glyphW + gap) - gap;
  const rows = pad * 2 + glyphH;
  const png = new PNG({ width: cols * DIGIT_SCALE, height: rows * DIGIT_SCALE });
  const rng = new Rng(seed, `png:${digits}`);
  for (let i = 0; i < png.data.length; i += 4) {
    const v = 235 + rng.int(0, 20);
    png.data[i] = v;
    png.data[i + 1] = v;
    png.data[i + 2] = v - 10;
    png.data[i + 3] = 255;
  }
  const ink = (x: number, y: number) => {
    for (let dy = 0; dy < DIGIT_SCALE; dy++) {
      for (let dx = 0; dx < DIGIT_SCALE; dx++) {
        const o = ((y * DIGIT_SCALE + dy) * png.width + x * DIGIT_SCALE + dx) * 4;
        png.data[o] = 20;
        png.data[o + 1] = 30;
        png.data[o + 2] = 120;
      }
    }
  };
  [...digits].forEach((ch, k) => {
    const glyph = FONT[ch];
    if (!glyph) return;
    const x0 = pad + k * (glyphW + gap);
    glyph.forEach((row, y) => [...row].forEach((bit, x) => bit === '1' && ink(x0 + x, pad + y)));
  });
  return PNG.sync.write(png);
}
