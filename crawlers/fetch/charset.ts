// Decodes raw page bytes to text whatever the charset: header, <meta> and BOM
// are only hints; when they disagree (or lie) the decoding that reads validly wins.
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** The charset actually used (normalised name, e.g. "utf-8", "gb18030", "big5"). */
  charset: string;
  /** Where the charset came from: bom, header, meta, or sniffed. */
  via: 'bom' | 'header' | 'meta' | 'sniffed';
}

const ALIASES: Record<string, string> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  'x-gbk': 'gb18030',
  gbk: 'gb18030',
  gb2312: 'gb18030',
  'gb_2312-80': 'gb18030',
  'x-gb2312': 'gb18030',
  cp936: 'gb18030',
  'windows-936': 'gb18030',
  gb18030: 'gb18030',
  euccn: 'gb18030',
  'euc-cn': 'gb18030',
  big5: 'big5',
  'big5-hkscs': 'big5',
  'x-big5': 'big5',
  cp950: 'big5',
};

/** GBK/GB2312 are read as GB18030 (a strict superset), Big5 as Big5-HKSCS. */
export function normaliseCharset(name: string | null | undefined): string | null {
  if (!name) return null;
  const key = name.trim().toLowerCase().replace(/^["']|["']$/g, '');
  if (!key) return null;
  if (ALIASES[key]) return ALIASES[key]!;
  return iconv.encodingExists(key) ? key : null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  const m = /charset\s*=\s*["']?([^;"'\s]+)/i.exec(contentType ?? '');
  return m ? m[1]! : null;
}

/** Finds <meta charset> or <meta http-equiv content="…charset=…"> in the first 4 KB. */
export function charsetFromMeta(bytes: Buffer): string | null {
  const head = bytes.subarray(0, 4096).toString('latin1');
  const direct = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_:.-]+)/i.exec(head);
  return direct ? direct[1]! : null;
}

function bomCharset(bytes: Buffer): string | null {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

/** Frequent characters of written Chinese, simplified and traditional: a decoding that produces many is right. */
const COMMON =
  '的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广证考试办电工焊作业操特种资格培训报名价格联系微信电话这們來個說為時會對後麼經過還發從動兩長現樣氣問機給幾間點條學實體東國當與爭業專証書資訓報價聯繫電話號碼微師';
const COMMON_SET = new Set(COMMON);

interface Score {
  replacement: number;
  common: number;
  han: number;
}

function score(text: string): Score {
  let replacement = 0;
  let common = 0;
  let han = 0;
  const limit = Math.min(text.length, 200_000);
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 0xfffd) replacement++;
    else if (c >= 0x4e00 && c <= 0x9fff) {
      han++;
      if (COMMON_SET.has(text[i]!)) common++;
    } else if ((c >= 0xe000 && c <= 0xf8ff) || (c < 0x20 && c !== 9 && c !== 10 && c !== 13)) replacement++;
  }
  return { replacement, common, han };
}

function decodeWith(bytes: Buffer, charset: string): string {
  if (charset === 'utf-8') return bytes.toString('utf8');
  return iconv.decode(bytes, charset);
}

/** Strict UTF-8 validity: GBK and Big5 bytes almost never form valid UTF-8. */
function isValidUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Picks the charset that decodes `bytes` validly. A declared charset that decodes
 * cleanly is trusted; otherwise UTF-8 (if valid), GB18030 and Big5 compete on
 * replacement characters and frequent-character share.
 */
export function decodeBody(bytes: Buffer, contentType: string | null | undefined): DecodedText {
  const bom = bomCharset(bytes);
  if (bom) return { text: decodeWith(bytes.subarray(bom === 'utf-8' ? 3 : 2), bom), charset: bom, via: 'bom' };
  const header = normaliseCharset(charsetFromContentType(contentType));
  const meta = normaliseCharset(charsetFromMeta(bytes));
  // Valid UTF-8 with any non-ASCII content is almost never legacy CJK text by chance,
  // so validity beats a declaration (sites that say gb2312 but serve UTF-8 exist).
  if (isValidUtf8(bytes)) {
    const via = header === 'utf-8' ? 'header' : meta === 'utf-8' ? 'meta' : 'sniffed';
    return { text: bytes.toString('utf8'), charset: 'utf-8', via };
  }
  for (const [charset, via] of [
    [header, 'header'],
    [meta, 'meta'],
  ] as const) {
    if (!charset || charset === 'utf-8') continue;
    const text = decodeWith(bytes, charset);
    const s = score(text);
    const clean = s.replacement <= Math.max(1, text.length * 0.0005);
    // Another CJK charset could also decode cleanly; only trust it if its text reads like Chinese.
    const plausible = s.han < 20 || s.common / s.han >= 0.3;
    if (clean && plausible) return { text, charset, via };
  }

  let best: { text: string; charset: string; rank: number } | null = null;
  const candidates = [...new Set([header, meta, 'gb18030', 'big5'].filter((c): c is string => !!c && c !== 'utf-8'))];
  for (const charset of candidates) {
    const text = decodeWith(bytes, charset);
    const s = score(text);
    const rank = s.common * 4 + s.han * 0.1 - s.replacement * 10;
    if (!best || rank > best.rank) best = { text, charset, rank };
  }
  if (best) {
    const via = best.charset === header ? 'header' : best.charset === meta ? 'meta' : 'sniffed';
    return { text: best.text, charset: best.charset, via };
  }
  return { text: bytes.toString('utf8'), charset: 'utf-8', via: 'sniffed' };
}
