// One spelling per page: canonicalising URLs (tracking parameters dropped, query
// sorted and deduplicated, fragment removed) keeps session/tracking variants from multiplying the frontier.
const TRACKING_PARAMS = new Set([
  'spm',
  'from',
  'fbclid',
  'gclid',
  'msclkid',
  'yclid',
  'ref',
  'ref_src',
  'share_token',
  'scm',
  'sessionid',
  'phpsessid',
  'jsessionid',
  'sdkver',
]);

export interface CanonicalOptions {
  /** Extra parameter names to drop (per source). */
  stripParams?: readonly string[];
  /** Beyond this many parameters a URL is treated as a trap and rejected. */
  maxParams?: number;
}

export function isTrackingParam(name: string, extra?: ReadonlySet<string>): boolean {
  const n = name.toLowerCase();
  return n.startsWith('utm_') || TRACKING_PARAMS.has(n) || (extra?.has(n) ?? false);
}

/** Returns the canonical form, or null when the URL is unusable (not http(s), malformed, too many params). */
export function canonicalUrl(input: string, base?: string, opts: CanonicalOptions = {}): string | null {
  let u: URL;
  try {
    u = base ? new URL(input, base) : new URL(input);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  const extra = opts.stripParams?.length ? new Set(opts.stripParams.map((p) => p.toLowerCase())) : undefined;
  // Work on the raw pairs: values may be GBK percent-encodings that a UTF-8 round trip would corrupt.
  const seen = new Set<string>();
  const kept: [string, string][] = [];
  for (const pair of u.search.slice(1).split('&')) {
    if (!pair) continue;
    const rawName = pair.split('=', 1)[0]!;
    let name = rawName;
    try {
      name = decodeURIComponent(rawName.replace(/\+/g, ' '));
    } catch {
      // Undecodable names are kept as written.
    }
    if (isTrackingParam(name, extra)) continue;
    if (seen.has(pair)) continue;
    seen.add(pair);
    kept.push([rawName, pair]);
  }
  if (kept.length > (opts.maxParams ?? 20)) return null;
  kept.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  u.search = kept.length ? `?${kept.map(([, pair]) => pair).join('&')}` : '';
  return u.href;
}
