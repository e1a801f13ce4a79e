// Text in images with Debian's tesseract, driven as a child process under a budget per image
// (bytes, pixels, time). Loading the language model costs most of a run, so a page's images share one run.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { imageSize } from './image-size.js';
import { preprocessPixels, preprocessPicture, type RgbaPixels } from './image-preprocess.js';

export interface OcrOptions {
  /** The tesseract executable. @default 'tesseract' */
  command: string;
  /** Language models, tesseract's -l. @default 'chi_sim' (it reads Latin letters and digits too) */
  languages: string;
  /** Wall time allowed per image; a run of n images gets n times this. @default 20000 */
  timeoutMs: number;
  /** Engine processes one large read is split across (each loads the model once). @default 2 */
  processes: number;
  /** Larger files are skipped unread. @default 5 MB */
  maxBytes: number;
  /** Images claiming more pixels than this are skipped unread (decompression bombs). @default 12 M */
  maxPixels: number;
  /** Grayscale, invert light-on-dark and upscale small PNGs first. @default true */
  preprocess: boolean;
}

export const DEFAULT_OCR_OPTIONS: OcrOptions = { command: 'tesseract', languages: 'chi_sim', timeoutMs: 20_000, processes: 2, maxBytes: 5_000_000, maxPixels: 12_000_000, preprocess: true };

/** Images a process must have to be worth its model load (≈ 0.45 s of CPU, about five images' reading). */
const MIN_IMAGES_PER_PROCESS = 6;

export type OcrOutcome = { status: 'read'; text: string; ms: number; width: number; height: number } | { status: 'skipped' | 'failed'; reason: string; ms: number; width?: number; height?: number };

/** Past this much output per image the rest is noise (or an attack on our memory). */
const MAX_TEXT_PER_IMAGE = 20_000;
// Tesseract 5 separates the pages of a list run with a form feed.
const PAGE_BREAK = '\f';

/** Images of one engine run: their place in the caller's list, bytes, pixels if decoded, size. */
type Part = Array<{ i: number; bytes: Buffer; pixels: RgbaPixels | undefined; width: number; height: number }>;

export class TesseractOcr {
  readonly options: OcrOptions;
  constructor(options: Partial<OcrOptions> = {}) {
    this.options = { ...DEFAULT_OCR_OPTIONS, ...options };
  }

  /** Engine and settings as stored beside each read, so a changed engine can be told apart. */
  get engine(): string {
    return `tesseract ${this.options.languages}${this.options.preprocess ? ' +pre' : ''}`;
  }

  /** Why `bytes` is not given to the engine at all, or the size it claims. */
  screen(bytes: Buffer): { reason: string } | { width: number; height: number } {
    if (bytes.length > this.options.maxBytes) return { reason: `larger than ${this.options.maxBytes} bytes` };
    const size = imageSize(bytes);
    if (!size) return { reason: 'not a PNG, JPEG, GIF, WebP or BMP image' };
    if (size.width < 8 || size.height < 8) return { reason: `too small (${size.width}×${size.height})` };
    if (size.width * size.height > this.options.maxPixels) return { reason: `more than ${this.options.maxPixels} pixels (${size.width}×${size.height})` };
    return { width: size.width, height: size.height };
  }

  /**
   * Reads every image: engine runs for those that pass the screen (split when many), one each if a
   * run fails. `pixels[i]`, when given, is image i decoded already (its PNG is not decoded again).
   */
  async readAll(images: Buffer[], pixels: Array<RgbaPixels | undefined> = []): Promise<OcrOutcome[]> {
    const out: OcrOutcome[] = new Array(images.length);
    const pass: Part = [];
    images.forEach((bytes, i) => {
      const s = this.screen(bytes);
      if ('reason' in s) out[i] = { status: 'skipped', reason: s.reason, ms: 0 };
      else pass.push({ i, bytes, pixels: pixels[i], width: s.width, height: s.height });
    });
    if (pass.length === 0) return out;
    // A large read in parallel: the engine is single-threaded, and a picture job's big last round is
    // otherwise the run's tail, on one core while the others idle.
    const k = Math.max(1, Math.min(this.options.processes, Math.floor(pass.length / MIN_IMAGES_PER_PROCESS)));
    const size = Math.ceil(pass.length / k);
    const parts = Array.from({ length: k }, (_, i) => pass.slice(i * size, (i + 1) * size));
    await Promise.all(parts.map((part) => this.readPart(part, out)));
    return out;
  }

  /** One engine run over `pass`, written into `out`; one run each if the shared run fails. */
  private async readPart(pass: Part, out: OcrOutcome[]): Promise<void> {
    const t0 = performance.now();
    const batch = await this.run(pass);
    if (batch.ok && batch.pages.length >= pass.length) {
      const ms = Math.round((performance.now() - t0) / pass.length);
      pass.forEach((p, k) => (out[p.i] = { status: 'read', text: batch.pages[k]!.slice(0, MAX_TEXT_PER_IMAGE), ms, width: p.width, height: p.height }));
      return;
    }
    if (pass.length === 1) {
      const p = pass[0]!;
      out[p.i] = { status: 'failed', reason: batch.ok ? 'no output' : batch.reason, ms: Math.round(performance.now() - t0), width: p.width, height: p.height };
      return;
    }
    // One bad image spoils a shared run: read them one by one to find it.
    for (const p of pass) out[p.i] = (await this.readAll([p.bytes], [p.pixels]))[0]!;
  }

  private async run(images: Part): Promise<{ ok: true; pages: string[] } | { ok: false; reason: string }> {
    const dir = await mkdtemp(join(tmpdir(), 'certwatch-ocr-'));
    try {
      const files: string[] = [];
      let allDarkOnLight = true;
      for (let k = 0; k < images.length; k++) {
        const { bytes, pixels } = images[k]!;
        const pre = !this.options.preprocess ? undefined : pixels ? preprocessPixels(pixels) : preprocessPicture(bytes);
        if (!pre) allDarkOnLight = false;
        const file = join(dir, `${k}.img`);
        await writeFile(file, pre ?? bytes);
        files.push(file);
      }
      const list = join(dir, 'list.txt');
      await writeFile(list, `${files.join('\n')}\n`);
      // Preprocessed images are dark on light already: the engine's second, inverted look at every
      // doubtful line (a fifth of its time) only reads noise differently there. Others keep it.
      const invert = allDarkOnLight ? ['-c', 'tessedit_do_invert=0'] : [];
      const r = await this.spawn([list, 'stdout', '-l', this.options.languages, '--psm', '6', ...invert], this.options.timeoutMs * images.length, MAX_TEXT_PER_IMAGE * images.length * 2);
      if (!r.ok) return r;
      const pages = r.stdout.split(PAGE_BREAK);
      // The text after the last page break is the run's end, not a page.
      if (pages.length > images.length) pages.length = images.length;
      return { ok: true, pages };
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  private spawn(args: string[], timeoutMs: number, maxOut: number): Promise<{ ok: true; stdout: string } | { ok: false; reason: string }> {
    return new Promise((resolve) => {
      // One thread: the machine's cores belong to the other workers; tesseract's OpenMP would take them all.
      const child = spawn(this.options.command, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, OMP_THREAD_LIMIT: '1' } });
      const chunks: Buffer[] = [];
      let size = 0;
      let err = '';
      let settled = false;
      const finish = (v: { ok: true; stdout: string } | { ok: false; reason: string }) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(v);
      };
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        finish({ ok: false, reason: `timed out after ${timeoutMs} ms` });
      }, timeoutMs);
      child.stdout.on('data', (c: Buffer) => {
        size += c.length;
        if (size <= maxOut) chunks.push(c);
      });
      child.stderr.on('data', (c: Buffer) => {
        if (err.length < 2000) err += c.toString('utf8');
      });
      child.on('error', (e) => finish({ ok: false, reason: `${this.options.command}: ${e.message}` }));
      child.on('close', (code) => {
        if (code === 0) finish({ ok: true, stdout: Buffer.concat(chunks).toString('utf8') });
        else finish({ ok: false, reason: `exit ${code}: ${err.trim().split('\n').slice(-1)[0] ?? ''}`.slice(0, 300) });
      });
    });
  }
}
