// The QR prefilter before jsQR: every code jsQR reads is still read (scales, quiet zones, inverted,
// turned, pasted into a drawn ad picture), and drawn pictures without a code mostly skip the search.
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodeQrText } from '../../classifiers/index.js';
import { qrFinderPolarities } from '../../classifiers/contacts/qr-finder.js';
import { contactDesign, negativeDesign, photoDesign } from '../../sandbox/images/picture-designs.js';
import { renderPictures } from '../../sandbox/images/picture-render.js';

interface Img {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

const read = (png: Buffer): Img => {
  const p = PNG.sync.read(png);
  return { data: new Uint8ClampedArray(p.data), width: p.width, height: p.height };
};
const write = (img: Img): Buffer => {
  const p = new PNG({ width: img.width, height: img.height });
  p.data = Buffer.from(img.data);
  return PNG.sync.write(p);
};

/** Turned by `deg` about the centre (nearest pixel), the corners filled with `ground`. */
function turn(src: Img, deg: number, ground: number): Img {
  const a = (deg * Math.PI) / 180;
  const c = Math.cos(a);
  const s = Math.sin(a);
  const w = Math.ceil(Math.abs(src.width * c) + Math.abs(src.height * s));
  const h = Math.ceil(Math.abs(src.width * s) + Math.abs(src.height * c));
  const out = new Uint8ClampedArray(w * h * 4).fill(ground);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const sx = Math.round(c * (x - w / 2) + s * (y - h / 2) + src.width / 2);
      const sy = Math.round(-s * (x - w / 2) + c * (y - h / 2) + src.height / 2);
      const o = (y * w + x) * 4;
      out[o + 3] = 255;
      if (sx < 0 || sy < 0 || sx >= src.width || sy >= src.height) continue;
      const i = (sy * src.width + sx) * 4;
      out.set(src.data.subarray(i, i + 3), o);
    }
  }
  return { data: out, width: w, height: h };
}

/** `code` laid into `picture` at (x, y). */
function paste(picture: Img, code: Img, x: number, y: number): Img {
  const out = new Uint8ClampedArray(picture.data);
  for (let row = 0; row < code.height && y + row < picture.height; row++) {
    const n = Math.min(code.width, picture.width - x) * 4;
    out.set(code.data.subarray(row * code.width * 4, row * code.width * 4 + n), ((y + row) * picture.width + x) * 4);
  }
  return { ...picture, data: out };
}

describe('the QR prefilter', () => {
  it('lets every code through that jsQR reads: scales 2–6, quiet zones 1–4, inverted, turned 10–90°, pasted into an ad picture', async () => {
    const pictures = await renderPictures(new Map([['ad', contactDesign({ kind: 'phone', value: '15956442218' }, 3, 'qr-prefilter-ad')]]));
    const ad = read(pictures.get('ad')!);
    const texts = ['微信:zhengshu8866', 'tel:13014012227', 'http://www.dgz-cert.com/cx?id=1&no=T110101199001011234'];
    let variants = 0;
    for (const text of texts) {
      for (const scale of [2, 3, 6]) {
        for (const margin of [1, 4]) {
          for (const inverted of [false, true]) {
            const colors = inverted ? { dark: '#ffffffff', light: '#000000ff' } : { dark: '#000000ff', light: '#ffffffff' };
            const code = read(await QRCode.toBuffer(text, { type: 'png', scale, margin, color: colors }));
            const ground = inverted ? 0 : 255;
            const forms = [code, turn(code, 90, ground), turn(code, 10, ground), turn(code, 23, ground), turn(code, 45, ground)];
            if (code.width + 8 < ad.width && code.height + 8 < ad.height) forms.push(paste(ad, code, 4, 4));
            for (const form of forms) {
              variants++;
              expect(decodeQrText(write(form)), `${text} ×${scale} margin ${margin}${inverted ? ' inverted' : ''} ${form.width}×${form.height}`).toBe(text);
            }
          }
        }
      }
    }
    expect(variants).toBeGreaterThan(150);
  }, 120_000);

  it('gives up on a picture tiled with finder look-alikes after 2,000 of them and leaves it to jsQR (noting them all is quadratic)', () => {
    // 7 × 7-module finder squares of 2-pixel modules, one light module around each, tiled over
    // 3,000 × 3,000 pixels: every tile crosses 1:1:3:1:1 in all three directions (27,000 of them).
    const side = 3000;
    const m = 2;
    const tile = 9 * m;
    const data = new Uint8ClampedArray(side * side * 4).fill(255);
    for (let y = 0; y < side; y++) {
      const ty = Math.floor((y % tile) / m) - 1;
      for (let x = 0; x < side; x++) {
        const tx = Math.floor((x % tile) / m) - 1;
        const ring = Math.max(Math.abs(tx - 3), Math.abs(ty - 3));
        if (tx >= 0 && ty >= 0 && tx < 7 && ty < 7 && ring !== 2) data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
    // Past the cap the answer is "maybe": without it, the search notes all 27,000 (seconds, growing
    // with the square) and then tries three by three only the first forty, all in one row: "no".
    expect(qrFinderPolarities(data, side, side).dark).toBe(true);
  }, 60_000);

  it('says "maybe" after 200 threes placed as corners without timing lines (a grid of look-alikes), leaving it to jsQR', () => {
    // 8 × 8 finder squares of 3-pixel modules, 14 modules apart: thousands of right-angled threes.
    const m = 3;
    const pitch = 14 * m;
    const side = 8 * pitch + 8 * m;
    const data = new Uint8ClampedArray(side * side * 4).fill(255);
    for (let y = 0; y < side; y++) {
      const ty = Math.floor(((y - 4 * m) % pitch) / m);
      for (let x = 0; x < side; x++) {
        const tx = Math.floor(((x - 4 * m) % pitch) / m);
        const ring = Math.max(Math.abs(tx - 3), Math.abs(ty - 3));
        if (x >= 4 * m && y >= 4 * m && tx < 7 && ty < 7 && ring !== 2) data.fill(0, (y * side + x) * 4, (y * side + x) * 4 + 3);
      }
    }
    expect(qrFinderPolarities(data, side, side).dark).toBe(true);
  });

  it('finds no code in most drawn ad pictures and photos without one, so jsQR does not search them', async () => {
    const designs = new Map<string, ReturnType<typeof contactDesign>>();
    for (let i = 0; i < 8; i++) designs.set(`c${i}`, contactDesign({ kind: 'wechat', value: `zs_${1000 + i}` }, i, `qr-prefilter-neg-${i}`));
    for (const [i, kind] of (['certificate', 'logo', 'certificate', 'logo'] as const).entries()) designs.set(`n${i}`, negativeDesign(kind, i, `qr-prefilter-n-${i}`, '安证培训'));
    // Noisy photos cross 1:1:3:1:1 by chance, three of them often enough placed as corners:
    // the timing lines between them are what tells them from a code.
    for (let i = 0; i < 16; i++) designs.set(`p${i}`, photoDesign(i, `office:${i}`));
    const pictures = await renderPictures(designs);
    let searched = 0;
    for (const png of pictures.values()) {
      const img = read(png);
      const f = qrFinderPolarities(img.data, img.width, img.height);
      if (f.dark || f.light) searched++;
      expect(decodeQrText(png)).toBeUndefined();
    }
    expect(pictures.size).toBe(28);
    expect(searched).toBeLessThanOrEqual(1);
  }, 60_000);
});
