// Opens one URL in Chromium and keeps everything a court asks for: full-page screenshot
// (plain and with a banner), HTML as served, rendered DOM, MHTML, WARC and metadata.
import type { Browser, Request, Response } from 'playwright';
import { guardRedirects, OutboundPolicy } from '../../crawlers/index.js';
import { digestBytes } from '../digests.js';
import { toolVersions } from '../tool-versions.js';
import { ExchangeRecorder, DEFAULT_RECORDER_LIMITS, type HttpExchange } from './exchange-recorder.js';
import { RawBodyTap } from './raw-body-tap.js';
import { screenshotWithBanner } from './screenshot-banner.js';
import { buildWarc } from './warc-writer.js';
import { buildWacz } from './wacz-writer.js';

export type EvidenceRole = 'screenshot' | 'screenshot_banner' | 'html_served' | 'dom' | 'mhtml' | 'warc' | 'wacz' | 'metadata';

export interface CapturedFile {
  role: EvidenceRole;
  mediaType: string;
  bytes: Buffer;
  /** Role of the file this one was made from. */
  derivedFrom?: EvidenceRole;
}

export interface RedirectHop {
  url: string;
  status: number | null;
  location: string | null;
}

export interface PageCaptureResult {
  url: string;
  finalUrl: string;
  status: number;
  gone: boolean;
  servedSha256: string;
  startedAt: Date;
  finishedAt: Date;
  files: CapturedFile[];
  metadata: Record<string, unknown>;
}

export interface PageCaptureOptions {
  userAgent: string;
  viewport?: { width: number; height: number };
  navigationTimeoutMs?: number;
  /** How long to wait for the network to go quiet after load (JS-rendered posts). */
  settleMs?: number;
  /** Tallest screenshot kept; taller pages are cut there and the metadata says so. */
  maxScreenshotHeight?: number;
  /** Widest screenshot kept (default 2× the viewport). */
  maxScreenshotWidth?: number;
  /**
   * Which addresses the page and everything it loads may reach; refused requests are aborted
   * and counted in the metadata.
   * @default a policy refusing private, loopback and link-local addresses
   */
  outbound?: OutboundPolicy;
}

export class CaptureError extends Error {
  override name = 'CaptureError';
  constructor(
    message: string,
    /** False when retrying cannot help (bad URL). */
    readonly retryable = true,
  ) {
    super(message);
  }
}

const DEFAULT_VIEWPORT = { width: 1280, height: 900 };

async function redirectChain(res: Response): Promise<RedirectHop[]> {
  const hops: Request[] = [];
  for (let r = res.request().redirectedFrom(); r; r = r.redirectedFrom()) hops.unshift(r);
  const out: RedirectHop[] = [];
  for (const r of hops) {
    const rr = await r.response().catch(() => null);
    out.push({ url: r.url(), status: rr?.status() ?? null, location: rr ? ((await rr.headerValue('location').catch(() => null)) ?? null) : null });
  }
  return out;
}

function headerObject(list: [string, string][]): Record<string, string> {
  const o: Record<string, string> = {};
  for (const [k, v] of list) o[k.toLowerCase()] = k.toLowerCase() in o ? `${o[k.toLowerCase()]}, ${v}` : v;
  return o;
}

export function assertCapturableUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new CaptureError(`not a URL: ${raw.slice(0, 200)}`, false);
  }
  // A listing URL comes from scraped text: file:, chrome:, javascript: must never reach the browser.
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new CaptureError(`refusing to capture a ${u.protocol} URL`, false);
  return u;
}

export async function capturePage(browser: Browser, url: string, opts: PageCaptureOptions): Promise<PageCaptureResult> {
  assertCapturableUrl(url);
  const outbound = opts.outbound ?? new OutboundPolicy();
  const first = await outbound.checkAddress(url);
  if (!first.ok) throw new CaptureError(first.message, false);
  const viewport = opts.viewport ?? DEFAULT_VIEWPORT;
  const maxHeight = opts.maxScreenshotHeight ?? 16_000;
  const startedAt = new Date();
  const context = await browser.newContext({
    userAgent: opts.userAgent,
    viewport,
    deviceScaleFactor: 1,
    locale: 'zh-CN',
    timezoneId: 'UTC',
    serviceWorkers: 'block',
    acceptDownloads: false,
    ignoreHTTPSErrors: true,
  });
  let exchanges: HttpExchange[] = [];
  let dropped = 0;
  const refused: string[] = [];
  // Every request of the context (redirect targets, frames, scripts, images, XHR) passes the policy.
  await context.route('**/*', async (route) => {
    const target = route.request().url();
    if (!/^https?:/i.test(target)) return route.continue().catch(() => undefined);
    const verdict = await outbound.checkAddress(target).catch(() => ({ ok: false }) as const);
    if (verdict.ok) return route.continue().catch(() => undefined);
    refused.push(target.slice(0, 300));
    return route.abort('blockedbyclient').catch(() => undefined);
  });
  try {
    const page = await context.newPage();
    const unguard = await guardRedirects(context, page, outbound, (target) => refused.push(target.slice(0, 300)));
    const tap = new RawBodyTap(DEFAULT_RECORDER_LIMITS.maxBodyBytes, DEFAULT_RECORDER_LIMITS.maxTotalBytes);
    await tap.attach(context, page);
    const recorder = new ExchangeRecorder(page, DEFAULT_RECORDER_LIMITS, tap);
    let res: Response | null;
    try {
      res = await page.goto(url, { waitUntil: 'load', timeout: opts.navigationTimeoutMs ?? 30_000 });
    } catch (err) {
      await recorder.stop();
      throw new CaptureError(`could not load ${url}: ${(err as Error).message.split('\n')[0]}`);
    }
    if (!res) throw new CaptureError(`no response for ${url}`);
    await page.waitForLoadState('networkidle', { timeout: opts.settleMs ?? 5_000 }).catch(() => undefined);
    const responseHeaders = (await res.headersArray()).map((h) => [h.name, h.value] as [string, string]);
    const requestHeaders = (await res.request().headersArray()).map((h) => [h.name, h.value] as [string, string]);
    const serverAddr = await res.serverAddr().catch(() => null);
    const security = await res.securityDetails().catch(() => null);
    const chain = await redirectChain(res);
    const [pageWidth, pageHeight] = await page
      .evaluate(() => [
        Math.max(document.documentElement?.scrollWidth ?? 0, document.body?.scrollWidth ?? 0),
        Math.max(document.documentElement?.scrollHeight ?? 0, document.body?.scrollHeight ?? 0),
      ])
      .catch(() => [viewport.width, viewport.height]);
    // A hostile page can be endlessly tall or wide; the cut is recorded in the metadata.
    const maxWidth = opts.maxScreenshotWidth ?? viewport.width * 2;
    const cut = pageHeight! > maxHeight || pageWidth! > maxWidth;
    const screenshot = await page.screenshot({
      type: 'png',
      fullPage: true,
      ...(cut ? { clip: { x: 0, y: 0, width: Math.min(pageWidth!, maxWidth), height: Math.min(pageHeight!, maxHeight) } } : {}),
      timeout: 60_000,
    });
    const screenshotAt = new Date();
    const dom = Buffer.from(await page.content(), 'utf8');
    const cdp = await context.newCDPSession(page);
    const snapshot = (await cdp.send('Page.captureSnapshot', { format: 'mhtml' })) as { data: string };
    await cdp.detach().catch(() => undefined);
    const userAgent = await page.evaluate(() => navigator.userAgent).catch(() => opts.userAgent);
    const title = await page.title().catch(() => '');
    await recorder.stop();
    await tap.detach();
    await unguard();
    exchanges = recorder.exchanges;
    dropped = recorder.dropped;
    // The main document's bytes as served: the recorder's copy of the final response.
    const mainExchange = exchanges.find((e) => e.url === res!.url() && e.method === res!.request().method() && e.status === res!.status());
    const served = mainExchange?.body ?? (await res.body().catch(() => Buffer.alloc(0)));
    const servedExact = !!mainExchange?.body && !mainExchange.reencoded;

    // The page's own scripts must not draw on the banner copy.
    await page.goto('about:blank').catch(() => undefined);
    const banner = await screenshotWithBanner(page, screenshot, {
      url: res.url(),
      capturedAt: screenshotAt,
      screenshotSha256: digestBytes(screenshot).sha256,
    });
    await page.close();
    const versions: Record<string, string> = { ...toolVersions(), chromium: browser.version() };
    const warc = await buildWarc(exchanges, {
      software: `certwatch/${versions.certwatch} warcio.js/${versions.warcio} Chromium/${versions.chromium}`,
      description: `Capture of ${url}`,
      fields: { 'http-header-user-agent': userAgent },
    });
    const software = `certwatch/${versions.certwatch} warcio.js/${versions.warcio} Chromium/${versions.chromium}`;
    let wacz: Buffer | undefined;
    let waczError: string | undefined;
    try {
      wacz = await buildWacz(warc, { url: res.url(), title, capturedAt: screenshotAt }, software);
    } catch (err) {
      // The WARC is the evidence; its replay package is a convenience.
      waczError = (err as Error).message.slice(0, 300);
    }
    const finishedAt = new Date();
    const status = res.status();
    const metadata = {
      url,
      finalUrl: res.url(),
      redirectChain: chain,
      status,
      statusText: res.statusText(),
      gone: status === 404 || status === 410,
      title,
      serverIp: serverAddr?.ipAddress ?? null,
      serverPort: serverAddr?.port ?? null,
      tls: security ?? null,
      requestHeaders: headerObject(requestHeaders),
      responseHeaders: headerObject(responseHeaders),
      userAgent,
      viewport,
      deviceScaleFactor: 1,
      timezone: 'UTC',
      locale: 'zh-CN',
      screenshot: {
        pageWidth,
        pageHeight,
        cutTo: cut ? { width: Math.min(pageWidth!, maxWidth), height: Math.min(pageHeight!, maxHeight) } : null,
        takenAt: screenshotAt.toISOString(),
      },
      servedBody: { size: served.length, sha256: digestBytes(served).sha256, exactBytes: servedExact },
      exchanges: {
        recorded: exchanges.length,
        droppedOverCap: dropped,
        bodiesMissing: exchanges.filter((e) => e.truncated).length,
        bodiesReencodedByBrowser: exchanges.filter((e) => e.reencoded).length,
        rawBodiesSkipped: tap.skipped,
        limits: DEFAULT_RECORDER_LIMITS,
      },
      wacz: wacz ? { built: true } : { built: false, error: waczError },
      refusedRequests: { count: refused.length, urls: refused.slice(0, 50), privateAddressesAllowed: outbound.allowPrivateAddresses },
      browser: { name: 'chromium', version: browser.version(), executable: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium' },
      toolVersions: versions,
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
    };
    const contentType = responseHeaders.find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? 'application/octet-stream';
    const files: CapturedFile[] = [
      { role: 'screenshot', mediaType: 'image/png', bytes: screenshot },
      { role: 'screenshot_banner', mediaType: 'image/png', bytes: banner, derivedFrom: 'screenshot' },
      { role: 'html_served', mediaType: contentType.slice(0, 200), bytes: served },
      { role: 'dom', mediaType: 'text/html; charset=utf-8', bytes: dom },
      { role: 'mhtml', mediaType: 'multipart/related', bytes: Buffer.from(snapshot.data, 'utf8') },
      { role: 'warc', mediaType: 'application/warc', bytes: warc },
      ...(wacz ? [{ role: 'wacz' as const, mediaType: 'application/wacz', bytes: wacz, derivedFrom: 'warc' as const }] : []),
      { role: 'metadata', mediaType: 'application/json', bytes: Buffer.from(`${JSON.stringify(metadata, null, 2)}\n`, 'utf8') },
    ];
    return {
      url,
      finalUrl: res.url(),
      status,
      gone: metadata.gone,
      servedSha256: metadata.servedBody.sha256,
      startedAt,
      finishedAt,
      files,
      metadata,
    };
  } finally {
    await context.close().catch(() => undefined);
  }
}
