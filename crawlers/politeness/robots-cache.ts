// Fetches robots.txt once per origin and keeps the parsed policy, mapping HTTP
// outcomes to RFC 9309 semantics (4xx → allow all, 5xx/unreachable → disallow all).
import { crawlDelaySecs, isAllowed, parseRobots, type RobotsPolicy } from './robots.js';

export interface RobotsCacheOptions {
  userAgent: string;
  timeoutMs?: number;
  /** How long a fetched policy stays valid (RFC 9309 suggests at most 24 h). */
  ttlMs?: number;
  /** Called before each robots.txt request (e.g. to take the host's rate lease). */
  beforeFetch?: (origin: string) => Promise<void>;
  /** Whether a redirect target may be fetched (the outbound policy); every target is fetched when absent. */
  mayFetch?: (url: string) => Promise<boolean>;
  signal?: AbortSignal;
}

interface Entry {
  policy: Promise<RobotsPolicy>;
  expires: number;
}

const MAX_BYTES = 500 * 1024;
/** RFC 9309: follow at least five consecutive redirects. */
const MAX_REDIRECTS = 5;

async function readCapped(res: Response, cap: number): Promise<string> {
  if (!res.body) return '';
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    chunks.push(value);
    if (size >= cap) {
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return Buffer.concat(chunks).subarray(0, cap).toString('utf8');
}

export async function fetchRobots(origin: string, opts: RobotsCacheOptions): Promise<RobotsPolicy> {
  const signal = AbortSignal.any([AbortSignal.timeout(opts.timeoutMs ?? 10_000), ...(opts.signal ? [opts.signal] : [])]);
  try {
    await opts.beforeFetch?.(origin);
    // Redirects are followed here, not by fetch, so each target passes the outbound policy.
    let url = new URL('/robots.txt', origin);
    let res: Response;
    for (let hop = 0; ; hop++) {
      res = await fetch(url, { headers: { 'user-agent': opts.userAgent, accept: 'text/plain,*/*;q=0.5' }, redirect: 'manual', signal });
      const location = res.headers.get('location');
      if (res.status < 300 || res.status >= 400 || !location) break;
      await res.body?.cancel().catch(() => {});
      if (hop >= MAX_REDIRECTS) return { kind: 'disallow-all', reason: 'robots.txt redirects too often' };
      url = new URL(location, url);
      if (opts.mayFetch && !(await opts.mayFetch(url.href))) return { kind: 'disallow-all', reason: `robots.txt redirects to a refused address (${url.host})` };
    }
    if (res.status >= 200 && res.status < 300) return parseRobots(await readCapped(res, MAX_BYTES));
    await res.body?.cancel().catch(() => {});
    if (res.status >= 400 && res.status < 500) return { kind: 'allow-all', reason: `robots.txt status ${res.status}` };
    return { kind: 'disallow-all', reason: `robots.txt status ${res.status}` };
  } catch (err) {
    return { kind: 'disallow-all', reason: `robots.txt unreachable: ${(err as Error).message}` };
  }
}

export class RobotsCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly opts: RobotsCacheOptions) {}

  policyFor(url: string | URL): Promise<RobotsPolicy> {
    const origin = (typeof url === 'string' ? new URL(url) : url).origin;
    const now = Date.now();
    const cached = this.entries.get(origin);
    if (cached && cached.expires > now) return cached.policy;
    const policy = fetchRobots(origin, this.opts);
    this.entries.set(origin, { policy, expires: now + (this.opts.ttlMs ?? 24 * 3600_000) });
    return policy;
  }

  async isAllowed(url: string | URL): Promise<boolean> {
    return isAllowed(await this.policyFor(url), this.opts.userAgent, url);
  }

  async crawlDelayMs(url: string | URL): Promise<number> {
    return crawlDelaySecs(await this.policyFor(url), this.opts.userAgent) * 1000;
  }

}
