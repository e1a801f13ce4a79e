// A single polite side request (reveal endpoints): robots and host lease first,
// no redirects followed blindly, size-capped body, charset-aware decoding.
import type { CrawlRun } from '../crawl-run.js';
import { CrawlFetchError } from '../crawl-stats.js';
import { awaitPoliteTurn } from '../politeness/polite-turn.js';
import { parseRetryAfter } from '../politeness/retry-after.js';
import { decodeBody } from './charset.js';

export interface SideResponse {
  status: number;
  contentType: string | null;
  body: Buffer;
  text: string;
}

const MAX_SIDE_BYTES = 1024 * 1024;

export async function politeFetch(run: CrawlRun, url: string, referer?: string): Promise<SideResponse> {
  await awaitPoliteTurn(run, url);
  const signal = AbortSignal.any([AbortSignal.timeout(run.source.timeoutSecs * 1000), ...(run.signal ? [run.signal] : [])]);
  run.stats.requests++;
  let res: Response;
  try {
    res = await fetch(url, {
      headers: {
        'user-agent': run.userAgent,
        accept: 'application/json,text/html;q=0.9,*/*;q=0.5',
        'x-requested-with': 'XMLHttpRequest',
        ...(referer ? { referer } : {}),
      },
      redirect: 'manual',
      signal,
    });
  } catch (err) {
    const msg = (err as Error).message;
    throw new CrawlFetchError(/abort|timeout/i.test(`${(err as Error).name} ${msg}`) ? 'timeout' : 'network', msg);
  }
  if (res.status === 429 || res.status === 503) {
    const delay = parseRetryAfter(res.headers.get('retry-after')) ?? 5000;
    await run.lease.defer(new URL(url).host, delay);
    run.stats.retryAfterDeferrals++;
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > MAX_SIDE_BYTES) {
        await reader.cancel().catch(() => {});
        throw new CrawlFetchError('too_large', `reveal body over ${MAX_SIDE_BYTES} bytes`);
      }
      chunks.push(value);
    }
  }
  const body = Buffer.concat(chunks);
  run.stats.bytes += body.length;
  const contentType = res.headers.get('content-type');
  return { status: res.status, contentType, body, text: decodeBody(body, contentType).text };
}
