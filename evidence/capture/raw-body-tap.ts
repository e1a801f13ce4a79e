// Takes each response body as the network delivered it, via CDP Fetch interception at
// the response stage: Playwright's response.body() hands back text re-encoded as UTF-8
// (a GBK forum page comes out different), which is not "exactly as served".
import type { BrowserContext, CDPSession, Page } from 'playwright';

interface PausedEvent {
  requestId: string;
  request: { url: string; method: string };
  responseStatusCode?: number;
  responseHeaders?: { name: string; value: string }[];
}

export class RawBodyTap {
  private readonly bodies = new Map<string, Buffer[]>();
  private cdp?: CDPSession;
  /** Bodies not taken because of a size cap or an error. */
  skipped = 0;
  private totalBytes = 0;

  constructor(
    private readonly maxBodyBytes: number,
    private readonly maxTotalBytes: number,
  ) {}

  private static key(method: string, url: string): string {
    return `${method} ${url}`;
  }

  async attach(context: BrowserContext, page: Page): Promise<void> {
    const cdp = await context.newCDPSession(page);
    this.cdp = cdp;
    cdp.on('Fetch.requestPaused', (ev: PausedEvent) => void this.onPaused(cdp, ev));
    await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Response' }] });
  }

  private async onPaused(cdp: CDPSession, ev: PausedEvent): Promise<void> {
    try {
      const status = ev.responseStatusCode ?? 0;
      const length = Number(ev.responseHeaders?.find((h) => h.name.toLowerCase() === 'content-length')?.value ?? NaN);
      if (status >= 300 && status < 400) return;
      if (length > this.maxBodyBytes) {
        this.skipped++;
        return;
      }
      const r = (await cdp.send('Fetch.getResponseBody', { requestId: ev.requestId })) as { body: string; base64Encoded: boolean };
      const body = Buffer.from(r.body, r.base64Encoded ? 'base64' : 'utf8');
      if (body.length > this.maxBodyBytes || this.totalBytes + body.length > this.maxTotalBytes) {
        this.skipped++;
        return;
      }
      this.totalBytes += body.length;
      const k = RawBodyTap.key(ev.request.method, ev.request.url);
      this.bodies.set(k, [...(this.bodies.get(k) ?? []), body]);
    } catch {
      this.skipped++;
    } finally {
      // Whatever happened above, the page must get its response or it hangs.
      await cdp.send('Fetch.continueResponse', { requestId: ev.requestId }).catch(() =>
        cdp.send('Fetch.continueRequest', { requestId: ev.requestId }).catch(() => undefined),
      );
    }
  }

  /** The next unclaimed raw body for this request, in arrival order. */
  take(method: string, url: string): Buffer | undefined {
    const k = RawBodyTap.key(method, url);
    const list = this.bodies.get(k);
    const body = list?.shift();
    if (list && !list.length) this.bodies.delete(k);
    return body;
  }

  async detach(): Promise<void> {
    await this.cdp?.send('Fetch.disable').catch(() => undefined);
    await this.cdp?.detach().catch(() => undefined);
  }
}
