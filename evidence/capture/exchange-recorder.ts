// Records every HTTP exchange a page makes (request, response, body as received) while
// it loads, with caps, so the WARC holds what the server actually sent.
import type { Page, Request, Response } from 'playwright';
import type { RawBodyTap } from './raw-body-tap.js';

export type HeaderList = [string, string][];

export interface HttpExchange {
  url: string;
  method: string;
  resourceType: string;
  requestHeaders: HeaderList;
  requestBody?: Buffer;
  status: number;
  statusText: string;
  responseHeaders: HeaderList;
  /** Body as the network delivered it (after transfer/content decoding); absent for redirects or when dropped. */
  body?: Buffer;
  /** True when the raw bytes were unavailable and the body is the browser's text re-encoded as UTF-8. */
  reencoded?: boolean;
  /** Why the body is missing (redirect, over the size cap, error reading it). */
  bodyNote?: string;
  /** The body was cut or dropped by a cap or a read error (not a redirect). */
  truncated?: boolean;
  serverIp?: string;
  serverPort?: number;
  at: Date;
}

export interface RecorderLimits {
  maxExchanges: number;
  maxBodyBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_RECORDER_LIMITS: RecorderLimits = {
  maxExchanges: 400,
  maxBodyBytes: 25 * 1024 * 1024,
  maxTotalBytes: 150 * 1024 * 1024,
};

export class ExchangeRecorder {
  readonly exchanges: HttpExchange[] = [];
  /** Exchanges not recorded because a cap was reached. */
  dropped = 0;
  private totalBytes = 0;
  private readonly pending = new Set<Promise<void>>();
  private readonly onResponse = (res: Response) => {
    if (this.exchanges.length + this.pending.size >= this.limits.maxExchanges) {
      this.dropped++;
      return;
    }
    const p = this.record(res).catch(() => {
      this.dropped++;
    });
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  };

  constructor(
    private readonly page: Page,
    private readonly limits: RecorderLimits = DEFAULT_RECORDER_LIMITS,
    private readonly tap?: RawBodyTap,
  ) {
    page.on('response', this.onResponse);
  }

  private async record(res: Response): Promise<void> {
    const at = new Date();
    const req: Request = res.request();
    const [requestHeaders, responseHeaders, addr] = await Promise.all([
      req.headersArray(),
      res.headersArray(),
      res.serverAddr().catch(() => null),
    ]);
    const ex: HttpExchange = {
      url: res.url(),
      method: req.method(),
      resourceType: req.resourceType(),
      requestHeaders: requestHeaders.map((h) => [h.name, h.value]),
      requestBody: req.postDataBuffer() ?? undefined,
      status: res.status(),
      statusText: res.statusText(),
      responseHeaders: responseHeaders.map((h) => [h.name, h.value]),
      serverIp: addr?.ipAddress,
      serverPort: addr?.port,
      at,
    };
    if (res.status() >= 300 && res.status() < 400 && res.headers()['location']) {
      ex.bodyNote = 'redirect (no body kept)';
    } else {
      const declared = Number(res.headers()['content-length'] ?? NaN);
      if (declared > this.limits.maxBodyBytes) {
        ex.bodyNote = `body over ${this.limits.maxBodyBytes} bytes (declared ${declared})`;
        ex.truncated = true;
      } else {
        try {
          // A response's 'response' event fires before its body has arrived; body() waits for it.
          const decoded = await res.body();
          const raw = this.tap?.take(req.method(), res.url());
          const body = raw ?? decoded;
          if (!raw) ex.reencoded = true;
          if (body.length > this.limits.maxBodyBytes) ex.bodyNote = `body over ${this.limits.maxBodyBytes} bytes (${body.length})`;
          else if (this.totalBytes + body.length > this.limits.maxTotalBytes) ex.bodyNote = 'capture total size cap reached';
          else {
            ex.body = body;
            this.totalBytes += body.length;
          }
        } catch (err) {
          ex.bodyNote = `body unavailable: ${(err as Error).message.split('\n')[0]!.slice(0, 200)}`;
        }
        ex.truncated = ex.body === undefined;
      }
    }
    this.exchanges.push(ex);
  }

  /** Waits for bodies still being read, then stops listening. */
  async stop(): Promise<void> {
    this.page.off('response', this.onResponse);
    while (this.pending.size) await Promise.allSettled([...this.pending]);
    this.exchanges.sort((a, b) => a.at.getTime() - b.at.getTime());
  }
}
