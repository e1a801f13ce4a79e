// Contacts in images with the real tesseract: a phone and a WeChat id drawn among Chinese ad
// text are read with the text's rules; hostile images are skipped and counted, a hung engine is cut off.
import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { extractContacts } from '../../classifiers/index.js';
import { imageSize } from '../../pipeline/ocr/image-size.js';
import { decodePicture } from '../../classifiers/index.js';
import { preprocessPixels, preprocessPicture } from '../../pipeline/ocr/image-preprocess.js';
import { TesseractOcr } from '../../pipeline/ocr/tesseract-ocr.js';
import { contactDesign, negativeDesign } from '../../sandbox/images/picture-designs.js';
import { renderPictures } from '../../sandbox/images/picture-render.js';
import { tempDir } from '../support/services.js';

describe('tesseract OCR of contacts in images', () => {
  it('reads a phone, a WeChat id and a QQ number drawn in ad pictures, and nothing from a certificate sample', async () => {
    const drawn = new Map([
      ['phone', contactDesign({ kind: 'phone', value: '15956442218' }, 7, 'ocr-test-phone')],
      ['wechat', contactDesign({ kind: 'wechat', value: 'dgz_8888' }, 7, 'ocr-test-wechat')],
      ['qq', contactDesign({ kind: 'qq', value: '2307958555' }, 7, 'ocr-test-qq')],
      ['certificate', negativeDesign('certificate', 7, 'ocr-test-cert', '安证培训')],
    ]);
    const pngs = await renderPictures(drawn);
    expect(pngs.size).toBe(4);
    const ocr = new TesseractOcr();
    const reads = await ocr.readAll([...pngs.values()]);
    const contacts = reads.map((r) => (r.status === 'read' ? extractContacts(r.text) : []));
    expect(reads.map((r) => r.status)).toEqual(['read', 'read', 'read', 'read']);
    expect(contacts[0]).toContainEqual({ kind: 'phone', value: '15956442218' });
    expect(contacts[1]).toContainEqual({ kind: 'wechat', value: 'dgz_8888' });
    expect(contacts[2]).toContainEqual({ kind: 'qq', value: '2307958555' });
    expect(contacts[3]).toEqual([]);
    // Pixels decoded once by the caller (for the QR search) give the engine the same input.
    const pictures = [...pngs.values()];
    const again = await ocr.readAll(pictures, pictures.map((png) => decodePicture(png)));
    expect(again.map((r) => (r.status === 'read' ? r.text : r.status))).toEqual(reads.map((r) => (r.status === 'read' ? r.text : r.status)));
    for (const png of pictures) expect(preprocessPixels(decodePicture(png)!)).toEqual(preprocessPicture(png));
  }, 120_000);

  it('splits a large read across engine processes and gives every image its own text back', async () => {
    const phones = Array.from({ length: 13 }, (_, i) => `1595644${String(2200 + i * 7).padStart(4, '0')}`);
    const pngs = await renderPictures(new Map(phones.map((p, i) => [p, contactDesign({ kind: 'phone', value: p }, 7, `ocr-split-${i}`)])));
    // A command that logs its runs before handing over to tesseract: two runs, 7 and 6 images.
    const dir = tempDir();
    try {
      const log = join(dir.path, 'runs.log');
      const script = join(dir.path, 'logged-engine.sh');
      writeFileSync(script, `#!/bin/sh\nwc -l < "$1" >> ${log}\nexec tesseract "$@"\n`);
      chmodSync(script, 0o755);
      const reads = await new TesseractOcr({ command: script, processes: 2 }).readAll([...pngs.values()]);
      expect(reads.map((r) => (r.status === 'read' ? extractContacts(r.text).find((c) => c.kind === 'phone')?.value : r.status))).toEqual(phones);
      expect(readFileSync(log, 'utf8').trim().split(/\s+/).map(Number).sort()).toEqual([6, 7]);
    } finally {
      dir.remove();
    }
  }, 120_000);

  it('skips and explains images over budget or not images at all, without running the engine', async () => {
    const ocr = new TesseractOcr({ maxBytes: 100_000, maxPixels: 1_000_000 });
    // A PNG header that claims 50,000 × 50,000 pixels: a decompression bomb is never opened.
    const bomb = Buffer.alloc(64);
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(bomb);
    bomb.write('IHDR', 12, 'latin1');
    bomb.writeUInt32BE(50_000, 16);
    bomb.writeUInt32BE(50_000, 20);
    const html = Buffer.from('<html><script>alert(1)</script></html>');
    const huge = Buffer.alloc(200_000, 0xff);
    const reads = await ocr.readAll([bomb, html, huge, Buffer.alloc(0)]);
    expect(reads.map((r) => r.status)).toEqual(['skipped', 'skipped', 'skipped', 'skipped']);
    expect(reads.map((r) => (r.status === 'read' ? '' : r.reason))).toEqual([
      expect.stringContaining('more than 1000000 pixels'),
      expect.stringContaining('not a PNG'),
      expect.stringContaining('larger than 100000 bytes'),
      expect.stringContaining('not a PNG'),
    ]);
  });

  it('cuts off an engine that hangs past the time budget, and says so', async () => {
    const dir = tempDir();
    try {
      const script = join(dir.path, 'hung-engine.sh');
      writeFileSync(script, '#!/bin/sh\nsleep 30\n');
      chmodSync(script, 0o755);
      const png = new PNG({ width: 40, height: 20 });
      png.data.fill(255);
      const ocr = new TesseractOcr({ command: script, timeoutMs: 700 });
      const t0 = Date.now();
      const [r] = await ocr.readAll([PNG.sync.write(png)]);
      expect(Date.now() - t0).toBeLessThan(10_000);
      expect(r!.status).toBe('failed');
      expect(r!.status !== 'read' && r!.reason).toMatch(/timed out after 700 ms/);
    } finally {
      dir.remove();
    }
  });

  it('reads the pixel size from PNG, GIF, JPEG and BMP headers', () => {
    const png = new PNG({ width: 33, height: 21 });
    expect(imageSize(PNG.sync.write(png))).toEqual({ format: 'png', width: 33, height: 21 });
    const gif = Buffer.alloc(32);
    gif.write('GIF89a', 0, 'latin1');
    gif.writeUInt16LE(640, 6);
    gif.writeUInt16LE(480, 8);
    expect(imageSize(gif)).toEqual({ format: 'gif', width: 640, height: 480 });
    // SOI, an APP0 segment of 16 bytes, then SOF0 with height 300 and width 400.
    const jpeg = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, ...Array(14).fill(0), 0xff, 0xc0, 0x00, 0x11, 0x08, 0x01, 0x2c, 0x01, 0x90, 0x03, 0, 0, 0, 0, 0, 0]);
    expect(imageSize(jpeg)).toEqual({ format: 'jpeg', width: 400, height: 300 });
    const bmp = Buffer.alloc(32);
    bmp.write('BM', 0, 'latin1');
    bmp.writeInt32LE(100, 18);
    bmp.writeInt32LE(-50, 22);
    expect(imageSize(bmp)).toEqual({ format: 'bmp', width: 100, height: 50 });
    expect(imageSize(Buffer.from('not an image at all, just text'))).toBeUndefined();
  });
});
