// Test-side reader of what a sandbox post shows: page text, its XHR payloads and its
// pictures (QR decoded with jsQR, digit images read back with the bitmap font), reduced to
// forms in which a planted contact can be looked up. Used by the sandbox tests only.
import * as cheerio from 'cheerio';
import iconv from 'iconv-lite';
import jpeg from 'jpeg-js';
import jsQRModule from 'jsqr';
import { PNG } from 'pngjs';
import type { Contact } from './contacts.js';
import { DIGIT_SCALE, FONT } from './images/digit-png.js';
import { drawnTextOf } from './images/picture-render.js';

// jsqr is CommonJS whose types declare a default export; at runtime the module is the function.
const jsQR = ((jsQRModule as unknown as { default?: typeof jsQRModule }).default ?? jsQRModule) as unknown as (d: Uint8ClampedArray, w: number, h: number) => { data: string } | null;

const CN = '〇一二三四五六七八九';
const CAP = '零壹贰叁肆伍陆柒捌玖';
/** Traditional forms of the capital numerals (traditional-script posts use them). */
const TRAD: Record<string, string> = { 貳: '2', 叄: '3', 參: '3', 陸: '6' };

export interface Evidence {
  /** Visible text of the page and of every JSON payload the page loads. */
  text: string;
  /** Texts recovered from pictures. */
  pictures: string[];
}

/** Lower-cased NFKC text with Chinese numerals as digits and emoji keycap marks removed. */
export function flatten(s: string): string {
  return [...s.normalize('NFKC').toLowerCase().replace(/[\uFE0F\u20E3]/g, '')]
    .map((ch) => {
      const a = CN.indexOf(ch);
      if (a >= 0) return String(a);
      const b = CAP.indexOf(ch);
      if (b >= 0) return String(b);
      return TRAD[ch] ?? (ch === '幺' ? '1' : ch);
    })
    .join('');
}

export function showsContact(ev: Evidence, c: Contact): boolean {
  const all = flatten([ev.text, ...ev.pictures].join('\n'));
  const digits = all.replace(/[^0-9]/g, '');
  switch (c.kind) {
    case 'phone':
    case 'qq':
      return digits.includes(c.value);
    case 'wechat':
      return all.includes(c.value) || (/^\d+$/.test(c.value) && digits.includes(c.value));
    case 'email':
      return all.includes(c.value) || all.includes(c.value.replace('@', '#'));
    case 'url':
      return all.includes(c.value);
  }
}

function readDigits(png: { width: number; data: ArrayLike<number> }): string {
  // Glyph cells are 6 units wide (5 + gap) after a 2-unit pad, 7 units tall.
  const unit = DIGIT_SCALE;
  const cols = png.width / unit;
  const count = Math.round((cols - 4 + 1) / 6);
  let out = '';
  for (let k = 0; k < count; k++) {
    const rows: string[] = [];
    for (let y = 0; y < 7; y++) {
      let row = '';
      for (let x = 0; x < 5; x++) {
        const px = ((2 + y) * unit + 1) * png.width + (2 + k * 6 + x) * unit + 1;
        row += png.data[px * 4]! < 100 ? '1' : '0';
      }
      rows.push(row);
    }
    const hit = Object.entries(FONT).find(([, g]) => g.every((r, i) => r === rows[i]));
    out += hit ? hit[0] : '?';
  }
  return out;
}

export function readPicture(buf: Buffer): string {
  // Half the QR cards are served as JPEG (picture-route.ts).
  const png = buf[0] === 0xff && buf[1] === 0xd8 ? jpeg.decode(buf, { useTArray: true, formatAsRGBA: true }) : PNG.sync.read(buf);
  const qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
  // A rendered picture is read back from what the sandbox drew in it (OCR is what is under test).
  return qr ? qr.data : (drawnTextOf(buf) ?? readDigits(png));
}

async function get(url: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(url, { redirect: 'manual' });
    if ((res.status === 503 || res.status === 429) && attempt < 5) {
      await res.arrayBuffer();
      await new Promise((r) => setTimeout(r, 1100));
      continue;
    }
    return res;
  }
}

/** Fetches a post page and everything it pulls in (tieba JSON, classifieds phone XHR, pictures). */
export async function probePost(url: string): Promise<Evidence & { status: number }> {
  const res = await get(url);
  const bytes = Buffer.from(await res.arrayBuffer());
  const gbk = /charset=gbk/i.test(res.headers.get('content-type') ?? '');
  const html = gbk ? iconv.decode(bytes, 'gbk') : bytes.toString('utf8');
  const $ = cheerio.load(html);
  // Seller sites' buttons hold a QQ number or a phone only in their link (wpa.qq.com …uin=, tel:).
  const texts = [$('body').text(), ...$('a[href^="tel:"], a[href*="uin="]').map((_, el) => $(el).attr('href')!).get()];
  const origin = new URL(url).origin;
  const images = new Set<string>();
  $('img').each((_, el) => {
    const src = $(el).attr('src');
    if (src && /\.(png|jpg)$/.test(src)) images.add(new URL(src, url).href);
  });
  const tieba = /^\/p\/(\d+)$/.exec(new URL(url).pathname);
  if (tieba) {
    const api = await get(`${origin}/api/thread?tid=${tieba[1]}&pn=1`);
    const data = (await api.json()) as { posts?: { content: string }[] };
    for (const p of data.posts ?? []) {
      const c = cheerio.load(p.content);
      texts.push(c.root().text());
      c('img').each((_, el) => void images.add(new URL(c(el).attr('src')!, url).href));
    }
  }
  const phoneButton = $('.show-phone').attr('data-id');
  if (phoneButton) {
    const api = await get(`${origin}/api/phone?id=${phoneButton}`);
    texts.push(await api.text());
  }
  const pictures: string[] = [];
  for (const src of images) {
    const r = await get(src);
    if (r.status === 200) pictures.push(readPicture(Buffer.from(await r.arrayBuffer())));
  }
  return { status: res.status, text: texts.join('\n'), pictures };
}
