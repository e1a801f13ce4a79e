// OCR of the sandbox's drawn pictures: exact-read rate of the planted image contacts, false
// contacts on contact-free pictures, time per image (median, p95) beside the classifier's time
// per post in the same run; with and without preprocessing. Prints figures JSON.
// Run: node bin/run-ts.mjs test/bench/ocr-bench.ts [--scale N] [--modes pre,raw] [--extra N]
// Also: the QR search's time per picture beside jsQR alone (qrSearch).
// --extra N adds N more pictures from the sandbox's generator (phones, WeChat and QQ ids in turn,
// each with its own font, colours, rotation and noise), since one world plants only a dozen.
import { loadavg } from 'node:os';
import { classifyPost, extractContacts, loadDefaultModel } from '../../classifiers/index.js';
import { TesseractOcr } from '../../pipeline/ocr/tesseract-ocr.js';
import { findFreePort, startSandbox } from '../../sandbox/index.js';
import { makePhone, makeQq, makeWechat, type Contact } from '../../sandbox/contacts.js';
import { contactDesign, photoDesign, type PictureDesign } from '../../sandbox/images/picture-designs.js';
import { qrPng } from '../../sandbox/images/qr-png.js';
import { decodeQrText } from '../../classifiers/index.js';
import { jsQR } from '../../classifiers/contacts/qr-contacts.js';
import { qrFinderPolarities } from '../../classifiers/contacts/qr-finder.js';
import { PNG } from 'pngjs';
import { renderPictures } from '../../sandbox/images/picture-render.js';
import { Rng } from '../../sandbox/random.js';

const args = process.argv.slice(2);
const arg = (name: string, dflt: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : dflt);
const scale = Number(arg('--scale', '2'));
const modes = arg('--modes', 'pre,raw').split(',');
const extra = Number(arg('--extra', '0'));

function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!) : 0;
}

async function fetchBytes(url: string): Promise<Buffer> {
  for (let attempt = 0; ; attempt++) {
    const r = await fetch(url);
    if ((r.status === 429 || r.status === 503) && attempt < 10) {
      await r.arrayBuffer();
      await new Promise((res) => setTimeout(res, 500));
      continue;
    }
    if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
    return Buffer.from(await r.arrayBuffer());
  }
}

/**
 * The QR search over pictures without a code (the planted contact pictures, the sellers' logos,
 * certificates and photos, 16 more photos) and 6 codes: time per picture and how many reach jsQR,
 * beside jsQR alone on the same decoded pictures (no prefilter) in the same run.
 */
async function qrSearchFigures(pictures: Buffer[]): Promise<Record<string, unknown>> {
  const photos = new Map<string, PictureDesign>();
  for (let i = 0; i < 16; i++) photos.set(`photo-${i}`, photoDesign(20261205 + i, `bench-photo:${i}`));
  const codes = await Promise.all(['微信:zhengshu8866', 'tel:13014012227', 'QQ:2307958555', 'http://www.dgz-cert.com/cx?id=1', '微信:dgz_8888', 'tel:15956442218'].map((t) => qrPng(t)));
  const all = [...pictures, ...(await renderPictures(photos)).values(), ...codes];
  const decoded = all.map((png) => PNG.sync.read(png));
  // Two rounds, the second timed: the first warms both paths up.
  let ours = { ms: 0, searched: 0, codes: 0 };
  let alone = { ms: 0, codes: 0 };
  for (let round = 0; round < 2; round++) {
    ours = { ms: 0, searched: 0, codes: 0 };
    alone = { ms: 0, codes: 0 };
    for (const [i, png] of all.entries()) {
      const img = decoded[i]!;
      const t0 = performance.now();
      const text = decodeQrText(png);
      ours.ms += performance.now() - t0;
      const f = qrFinderPolarities(new Uint8ClampedArray(img.data), img.width, img.height);
      if (f.dark || f.light) ours.searched++;
      if (text) ours.codes++;
      const t1 = performance.now();
      const again = PNG.sync.read(png);
      const code = jsQR(new Uint8ClampedArray(again.data), again.width, again.height);
      alone.ms += performance.now() - t1;
      if (code?.data) alone.codes++;
    }
  }
  return {
    pictures: all.length,
    withCode: codes.length,
    prefilter: { msPerPicture: Number((ours.ms / all.length).toFixed(2)), searchedByJsqr: ours.searched, codesRead: ours.codes },
    jsqrAlone: { msPerPicture: Number((alone.ms / all.length).toFixed(2)), codesRead: alone.codes },
    ratio: Number((ours.ms / alone.ms).toFixed(3)),
  };
}

const loadAtStart = loadavg()[0]!;
const sb = await startSandbox({ port: await findFreePort(), scale, quiet: true, rateLimit: 0 });
try {
  const truth = sb.truth();
  const planted = truth.pictures.contacts.filter((p) => p.reachable);
  const negatives = truth.pictures.negatives;
  const plantedBytes = await Promise.all(planted.map((p) => fetchBytes(p.url)));
  if (extra > 0) {
    const rng = new Rng(20261203, 'ocr-bench');
    const designs = new Map<string, PictureDesign>();
    const wanted = new Map<string, Contact>();
    for (let i = 0; i < extra; i++) {
      const c: Contact = i % 3 === 0 ? { kind: 'phone', value: makePhone(rng) } : i % 3 === 1 ? { kind: 'wechat', value: makeWechat(rng) } : { kind: 'qq', value: makeQq(rng) };
      designs.set(`extra-${i}`, contactDesign(c, 20261203, `bench:${i}`));
      wanted.set(`extra-${i}`, c);
    }
    for (const [key, png] of await renderPictures(designs)) {
      const c = wanted.get(key)!;
      planted.push({ url: key, kind: c.kind, value: c.value, sellerId: '-', post: '-', reachable: true });
      plantedBytes.push(png);
    }
  }
  const negativeBytes = await Promise.all(negatives.map((n) => fetchBytes(n.url)));
  const model = loadDefaultModel();
  // The classifier's time per post in the same run: the planted posts' pages are not needed, any
  // seller-like text of post length will do; the drawn lines with ad text around them are used.
  const postTexts = planted.map((p, i) => `专业代办特种作业操作证，全国联网官网可查，不用考试包过。${i} 联系方式见图片。电工证 焊工证 高处作业证，价格优惠，当天受理。`.repeat(3));
  const figures: Record<string, unknown> = { scale, images: { planted: planted.length, negatives: negatives.length, byKind: Object.fromEntries(['phone', 'wechat', 'qq'].map((k) => [k, planted.filter((p) => p.kind === k).length])) } };
  for (const mode of modes) {
    const ocr = new TesseractOcr({ preprocess: mode === 'pre' });
    const times: number[] = [];
    let exact = 0;
    const misses: Array<{ want: string; read: string }> = [];
    for (let i = 0; i < planted.length; i++) {
      const t0 = performance.now();
      const [r] = await ocr.readAll([plantedBytes[i]!]);
      times.push(performance.now() - t0);
      const text = r!.status === 'read' ? r!.text : '';
      const found = extractContacts(text);
      if (found.some((c) => c.kind === planted[i]!.kind && c.value === planted[i]!.value)) exact++;
      else misses.push({ want: `${planted[i]!.kind}:${planted[i]!.value}`, read: text.replace(/\s+/g, ' ').slice(0, 120) });
    }
    let falseContacts = 0;
    const falseExamples: string[] = [];
    for (let i = 0; i < negatives.length; i++) {
      const t0 = performance.now();
      const [r] = await ocr.readAll([negativeBytes[i]!]);
      times.push(performance.now() - t0);
      const found = r!.status === 'read' ? extractContacts(r!.text) : [];
      falseContacts += found.length;
      for (const c of found) falseExamples.push(`${negatives[i]!.kind}: ${c.kind}:${c.value}`);
    }
    // One engine run for a page's images (what the analyze stage does): time per image then.
    const batch = plantedBytes.slice(0, 8);
    const tb = performance.now();
    await ocr.readAll(batch);
    const batchPerImage = (performance.now() - tb) / batch.length;
    // Warmed up first (the classifier builds its tables on first use), then 20 rounds of the posts.
    classifyPost({ id: 'warm-up', text: postTexts[0] ?? '电工证' }, model);
    const tc = performance.now();
    for (let round = 0; round < 20; round++) for (const text of postTexts) classifyPost({ id: 'bench', text }, model);
    const classifyPerPost = (performance.now() - tc) / Math.max(1, 20 * postTexts.length);
    const median = pct(times, 50);
    figures[mode === 'pre' ? 'preprocessed' : 'raw'] = {
      exactReadRate: planted.length ? Number((exact / planted.length).toFixed(3)) : null,
      exact,
      misses,
      falseContactsOnContactFreeImages: falseContacts,
      falseExamples,
      msPerImage: { median, p95: pct(times, 95) },
      msPerImageInOneRunOf8: Math.round(batchPerImage),
      classifierMsPerPost: Number(classifyPerPost.toFixed(3)),
      ratioMedianImageToPost: Math.round(median / Math.max(classifyPerPost, 1e-6)),
    };
  }
  figures.qrSearch = await qrSearchFigures([...plantedBytes, ...negativeBytes]);
  figures.loadAverage = { start: loadAtStart, end: loadavg()[0] };
  console.log(JSON.stringify(figures, null, 2));
} finally {
  await sb.close();
}
