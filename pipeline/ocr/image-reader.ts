// Contacts in the images of a page's flagged, review-band and seller-site posts: fetched (or
// taken from the snapshot), QR-decoded, OCR'd once per content, read with the text's contact rules.
import { decodePicture, decodeQrText, decodeQrTextInPixels, extractContacts, qrTextContacts, type RgbaPixels } from '../../classifiers/index.js';
import { OutboundPolicy, RobotsCache } from '../../crawlers/index.js';
import { BlobStore } from '../storage/blob-store.js';
import type { Database } from '../storage/database.js';
import { imageReadsBySha, saveImageReads, type ImageContact, type ImageRead } from '../storage/image-reads.js';
import { fetchImage, type FetchBudget } from './image-fetch.js';
import { TesseractOcr, type OcrOptions } from './tesseract-ocr.js';

export interface ImageReaderOptions extends OcrOptions {
  /** Images read per post (the first ones). @default 6 */
  maxImagesPerPost: number;
  /** Images read per page, over all its posts. @default 24 */
  maxImagesPerPage: number;
  /** Time allowed to fetch one image. @default 10000 */
  fetchTimeoutMs: number;
  userAgent: string;
}

export interface ImageReadStats {
  /** Image contents read now (engine run). */
  read: number;
  /** Found in image_reads: not read again. */
  cached: number;
  /** Refused by the budget (size, pixels, format) or not fetched: counted, never read. */
  skipped: number;
  /** The engine failed or ran out of time. */
  failed: number;
}

export type PageImageReads = Map<string, ImageRead>;

/** One page's pictures: their URLs, the bytes the crawler kept, and the rule its source fetches under. */
export interface PagePictureUrls {
  urls: string[];
  stored: Map<string, Buffer>;
  /** The page's source's outbound policy; unset: public addresses only. */
  outbound?: OutboundPolicy;
}

/** Image fetches in flight at once: a page's pictures are a handful of requests, often to one host. */
const FETCHES_AT_ONCE = 4;

/** Decoded pixels held for the engine at once (4 bytes each: 64 MB); past it a picture is decoded again. */
const PIXELS_KEPT = 16_000_000;

export class ImageReader {
  readonly ocr: TesseractOcr;
  // Images are fetched as politely as pages: a robots-disallowed image is skipped and counted.
  private readonly robots: RobotsCache;
  // For pages whose source is not known: a post's image URL never reaches a private address unasked.
  private readonly publicOnly = new OutboundPolicy();
  constructor(
    private readonly db: Database,
    private readonly blobs: BlobStore,
    readonly options: ImageReaderOptions,
  ) {
    this.ocr = new TesseractOcr(options);
    this.robots = new RobotsCache({ userAgent: options.userAgent, timeoutMs: options.fetchTimeoutMs });
  }

  /**
   * What was read in each image URL (those that could be fetched): `stored` holds bytes the
   * crawler kept. Reads of new contents are stored before this returns.
   */
  async readImages(urls: string[], stored: Map<string, Buffer>, stats: ImageReadStats, outbound?: OutboundPolicy): Promise<PageImageReads> {
    return (await this.readPages([{ urls, stored, ...(outbound ? { outbound } : {}) }], stats))[0]!;
  }

  /**
   * readImages for several pages at once (a picture job's): each page's images under its own cap,
   * and every content no one has read yet in one engine run, whose model load is most of its cost.
   */
  async readPages(pages: PagePictureUrls[], stats: ImageReadStats): Promise<PageImageReads[]> {
    const budget: FetchBudget = { timeoutMs: this.options.fetchTimeoutMs, maxBytes: this.options.maxBytes, userAgent: this.options.userAgent };
    const shaOf = pages.map(() => new Map<string, string>());
    const bytesOf = new Map<string, Buffer>();
    const wanted = pages.flatMap((page, k) => [...new Set(page.urls)].slice(0, this.options.maxImagesPerPage).map((url) => ({ k, url })));
    // Fetched a few at a time (the engine waits for all of them), each URL once per policy (a thread
    // and its list page show the same picture); kept in page and URL order.
    const got = new Array<Buffer | undefined>(wanted.length);
    const once = new Map<OutboundPolicy, Map<string, Promise<Buffer | undefined>>>();
    let next = 0;
    const fetcher = async () => {
      while (next < wanted.length) {
        const n = next++;
        const { k, url } = wanted[n]!;
        const page = pages[k]!;
        const policy = page.outbound ?? this.publicOnly;
        const seen = once.get(policy) ?? once.set(policy, new Map()).get(policy)!;
        let bytes = page.stored.get(url);
        if (!bytes) {
          let pending = seen.get(url);
          if (!pending) seen.set(url, (pending = this.fetchAllowed(url, budget, policy)));
          bytes = await pending;
        }
        got[n] = bytes;
        if (!bytes) stats.skipped++;
      }
    };
    await Promise.all(Array.from({ length: Math.min(FETCHES_AT_ONCE, wanted.length) }, fetcher));
    wanted.forEach(({ k, url }, n) => {
      const bytes = got[n];
      if (!bytes) return;
      const sha = BlobStore.sha256(bytes);
      shaOf[k]!.set(url, sha);
      if (!bytesOf.has(sha)) bytesOf.set(sha, bytes);
    });
    const known = await imageReadsBySha(this.db, [...bytesOf.keys()], this.ocr.engine);
    // A failed read (engine missing, timed out under load) is tried again on the next analysis.
    const todo = [...bytesOf.keys()].filter((sha) => known.get(sha)?.status === undefined || known.get(sha)!.status === 'failed');
    stats.cached += bytesOf.size - todo.length;
    if (todo.length > 0) {
      const fresh = await this.readContents(todo.map((sha) => bytesOf.get(sha)!), todo);
      for (const r of fresh) {
        known.set(r.sha256, r);
        if (r.status === 'read') stats.read++;
        else if (r.status === 'skipped') stats.skipped++;
        else stats.failed++;
      }
      await saveImageReads(this.db, fresh);
    }
    return shaOf.map((m) => {
      const out: PageImageReads = new Map();
      for (const [url, sha] of m) {
        const r = known.get(sha);
        if (r) out.set(url, r);
      }
      return out;
    });
  }

  /** The image's bytes when its source's policy and the host's robots.txt allow it and it arrives within budget. */
  private async fetchAllowed(url: string, budget: FetchBudget, outbound: OutboundPolicy): Promise<Buffer | undefined> {
    if (/^https?:/i.test(url)) {
      // The address first: a refused host is not even asked for its robots.txt.
      if (!(await outbound.checkAddress(url)).ok) return undefined;
      if (!(await this.robots.isAllowed(url).catch(() => false))) return undefined;
    }
    const got = await fetchImage(url, { ...budget, refusal: async (hop) => {
      const v = await outbound.checkAddress(hop);
      return v.ok ? undefined : v.message;
    } });
    return got.ok ? got.bytes : undefined;
  }

  private async readContents(images: Buffer[], shas: string[]): Promise<ImageRead[]> {
    const out: ImageRead[] = [];
    const toOcr: number[] = [];
    const pixels: Array<RgbaPixels | undefined> = [];
    let kept = 0;
    images.forEach((bytes, i) => {
      this.blobs.put(bytes);
      let qr: ImageContact[] = [];
      let qrText: string | null = null;
      try {
        // Decoded once for the code and the engine's preprocessing alike (the decode is most of
        // either), kept for the engine within a budget; a picture the engine refuses is searched alone.
        const img = 'width' in this.ocr.screen(bytes) ? decodePicture(bytes, this.ocr.options.maxPixels) : undefined;
        const decoded = img ? decodeQrTextInPixels(new Uint8ClampedArray(img.data), img.width, img.height) : decodeQrText(bytes);
        if (img && !decoded && kept + img.width * img.height <= PIXELS_KEPT) {
          pixels[i] = img;
          kept += img.width * img.height;
        }
        qrText = decoded?.slice(0, 2000) ?? null;
        if (decoded) qr = qrTextContacts(decoded).map((c) => ({ ...c, origin: 'qr' as const }));
      } catch {
        // An undecodable image is just an image.
      }
      out.push({ sha256: shas[i]!, status: 'read', reason: null, ocrText: '', qrText, contacts: qr, bytes: bytes.length, width: null, height: null, ms: 0, engine: this.ocr.engine });
      // A QR sticker is a code, not text: the engine would only read noise in it.
      if (qrText === null) toOcr.push(i);
    });
    const results = await this.ocr.readAll(
      toOcr.map((i) => images[i]!),
      toOcr.map((i) => pixels[i]),
    );
    toOcr.forEach((i, k) => {
      const r = results[k]!;
      const row = out[i]!;
      row.ms = r.ms;
      row.width = r.width ?? null;
      row.height = r.height ?? null;
      if (r.status === 'read') {
        row.ocrText = r.text.trim();
        row.contacts = extractContacts(row.ocrText).map((c) => ({ kind: c.kind, value: c.value, origin: 'image' as const }));
      } else {
        row.status = r.status;
        row.reason = r.reason;
      }
    });
    return out;
  }
}
