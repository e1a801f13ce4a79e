// QR codes arrive as JPEG screenshots and GIF stickers as often as PNG: each is decoded to the same
// contact, and broken or bomb-sized JPEG and GIF bytes give nothing, quickly, without a throw.
import jpeg from 'jpeg-js';
import { GifWriter } from 'omggif';
import { PNG } from 'pngjs';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { decodePicture, decodeQrContacts } from '../../classifiers/index.js';

async function qrPng(text: string, scale = 4): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: 'png', errorCorrectionLevel: 'M', margin: 2, scale });
}

/** The PNG re-encoded as a JPEG at `quality` (a phone screenshot saved by a forum). */
function asJpeg(png: Buffer, quality: number): Buffer {
  const img = PNG.sync.read(png);
  return jpeg.encode({ data: img.data, width: img.width, height: img.height }, quality).data;
}

/** The PNG as a two-colour GIF (black and white palette, as QR stickers are). */
function asGif(png: Buffer): Buffer {
  const img = PNG.sync.read(png);
  const indexed = new Uint8Array(img.width * img.height);
  for (let p = 0; p < indexed.length; p++) indexed[p] = img.data[p * 4]! < 128 ? 0 : 1;
  const out = Buffer.alloc(img.width * img.height + 1024);
  const gif = new GifWriter(out, img.width, img.height, { palette: [0x000000, 0xffffff] });
  gif.addFrame(0, 0, img.width, img.height, [...indexed]);
  return out.subarray(0, gif.end());
}

describe('pictures in the formats sellers post', () => {
  it('reads the WeChat id in a QR code saved as PNG, JPEG (down to quality 40) and GIF alike', async () => {
    const png = await qrPng('微信:zhengshu_8899');
    const want = [{ kind: 'wechat', value: 'zhengshu_8899' }];
    expect(decodeQrContacts(png)).toEqual(want);
    for (const quality of [90, 60, 40]) expect(decodeQrContacts(asJpeg(png, quality))).toEqual(want);
    expect(decodeQrContacts(asGif(png))).toEqual(want);
    const phone = await qrPng('tel:15956442218', 3);
    expect(decodeQrContacts(asJpeg(phone, 75))).toEqual([{ kind: 'phone', value: '15956442218' }]);
  });

  it('gives the same pixels as the PNG it was saved from, within JPEG loss', async () => {
    const png = await qrPng('http://zs-cx.example/q?id=1');
    const a = decodePicture(png)!;
    const b = decodePicture(asJpeg(png, 95))!;
    expect([b.width, b.height]).toEqual([a.width, a.height]);
    let worst = 0;
    for (let i = 0; i < a.data.length; i += 4) worst = Math.max(worst, Math.abs(a.data[i]! - b.data[i]!));
    // Black and white survive as near-black and near-white.
    expect(worst).toBeLessThan(96);
    expect(decodePicture(asGif(png))).toMatchObject({ width: a.width, height: a.height });
  });

  it('gives nothing for truncated, garbage or bomb-sized JPEG and GIF bytes, without decoding the bomb', async () => {
    const jpg = asJpeg(await qrPng('微信:abc_12345'), 80);
    expect(decodePicture(jpg.subarray(0, jpg.length >> 1))).toSatisfy((p: unknown) => p === undefined || typeof p === 'object');
    expect(decodeQrContacts(jpg.subarray(0, 64))).toEqual([]);
    expect(decodePicture(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]))).toBeUndefined();
    expect(decodePicture(Buffer.from('GIF89a garbage'))).toBeUndefined();
    // A JPEG frame header claiming 60,000 × 60,000 pixels: refused before the pixels are allocated.
    const bomb = Buffer.from(jpg);
    const sof = bomb.indexOf(Buffer.from([0xff, 0xc0]));
    expect(sof).toBeGreaterThan(0);
    bomb.writeUInt16BE(60_000, sof + 5);
    bomb.writeUInt16BE(60_000, sof + 7);
    const t0 = performance.now();
    expect(decodePicture(bomb)).toBeUndefined();
    // A GIF whose screen claims 65,535 × 65,535.
    const gif = asGif(await qrPng('微信:abc_12345'));
    gif.writeUInt16LE(65_535, 6);
    gif.writeUInt16LE(65_535, 8);
    expect(decodePicture(gif)).toBeUndefined();
    // A camera photo's size (4,000 × 3,000) is left to the OCR engine: decoding it here would hold the thread for seconds.
    bomb.writeUInt16BE(3_000, sof + 5);
    bomb.writeUInt16BE(4_000, sof + 7);
    expect(decodePicture(bomb)).toBeUndefined();
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});
