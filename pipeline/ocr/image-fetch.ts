// Fetches one image of a post under a budget (time, bytes): images of flagged posts are read
// where the crawler did not keep their bytes. A refused or broken image is a reason, never a throw.

export interface FetchBudget {
  timeoutMs: number;
  maxBytes: number;
  userAgent: string;
  /**
   * Why `url` may not be fetched, or undefined: asked before the first request and before every
   * redirect hop, because an image URL comes from a hostile page and a public address may answer
   * with a redirect to a private one. Unset: every hop is allowed.
   */
  refusal?: (url: string) => Promise<string | undefined>;
}

/** Redirect hops followed for one image (each one checked by `refusal`). */
const MAX_REDIRECTS = 5;

export type FetchedImage = { ok: true; bytes: Buffer } | { ok: false; reason: string };

const DATA_URL = /^data:image\/[a-z0-9.+-]+;base64,([a-z0-9+/=\s]+)$/i;

/** The bytes of `url` (http, https or a base64 data: image), or why not. */
export async function fetchImage(url: string, budget: FetchBudget): Promise<FetchedImage> {
  const data = DATA_URL.exec(url);
  if (data) {
    const bytes = Buffer.from(data[1]!, 'base64');
    return bytes.length > budget.maxBytes ? { ok: false, reason: `larger than ${budget.maxBytes} bytes` } : { ok: true, bytes };
  }
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return { ok: false, reason: 'not a URL' };
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: `scheme ${u.protocol} not fetched` };
  try {
    let res: Response | undefined;
    const signal = AbortSignal.timeout(budget.timeoutMs);
    for (let hop = 0; ; hop++) {
      const refused = await budget.refusal?.(u.href);
      if (refused) return { ok: false, reason: refused };
      res = await fetch(u, { headers: { 'user-agent': budget.userAgent, accept: 'image/*' }, signal, redirect: 'manual' });
      const location = res.status >= 300 && res.status < 400 ? res.headers.get('location') : null;
      if (!location) break;
      await res.body?.cancel();
      if (hop >= MAX_REDIRECTS) return { ok: false, reason: `more than ${MAX_REDIRECTS} redirects` };
      try {
        u = new URL(location, u);
      } catch {
        return { ok: false, reason: 'redirect to something that is not a URL' };
      }
      if (u.protocol !== 'http:' && u.protocol !== 'https:') return { ok: false, reason: `redirect to scheme ${u.protocol} not followed` };
    }
    if (!res.ok || !res.body) {
      await res.body?.cancel();
      return { ok: false, reason: `HTTP ${res.status}` };
    }
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > budget.maxBytes) {
      await res.body.cancel();
      return { ok: false, reason: `larger than ${budget.maxBytes} bytes` };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      size += chunk.length;
      if (size > budget.maxBytes) return { ok: false, reason: `larger than ${budget.maxBytes} bytes` };
      chunks.push(Buffer.from(chunk));
    }
    return { ok: true, bytes: Buffer.concat(chunks) };
  } catch (err) {
    return { ok: false, reason: (err as Error).name === 'TimeoutError' ? `no answer in ${budget.timeoutMs} ms` : `fetch failed: ${(err as Error).message}`.slice(0, 200) };
  }
}
