// Cache validators as real servers send them (ETag, Last-Modified) and the 304 they answer to a
// conditional GET, so incremental crawling is exercised; some sites send none, as much of the web does.
import { createHash } from 'node:crypto';
import type { SiteId } from '../sites.js';

/** What one site sends: a strong or weak ETag, a Last-Modified, both, or nothing. */
export type ValidatorStyle = 'etag' | 'weak-etag' | 'last-modified' | 'both' | 'none';

/**
 * The job board sends no validator at all (every page is fetched in full and compared by hash);
 * the Q&A site only Last-Modified, the classifieds a weak ETag (nginx after gzip), the rest both.
 */
export function validatorStyleOf(site: SiteId): ValidatorStyle {
  if (site === 'jobs') return 'none';
  if (site === 'qa') return 'last-modified';
  if (site === 'classifieds') return 'weak-etag';
  if (site === 'news' || site === 'school') return 'etag';
  return 'both';
}

// The epoch the sandbox's Last-Modified dates are drawn from (it keeps no modification times).
const EPOCH_MS = Date.UTC(2026, 0, 1);

/**
 * Headers for a body: the ETag is the body's hash; Last-Modified is a date drawn from the same hash
 * (the sandbox rebuilds pages on demand and keeps no mtime), answered 304 only on an exact match,
 * like nginx's default `if_modified_since exact`.
 */
export function validatorHeaders(style: ValidatorStyle, body: Buffer): Record<string, string> {
  if (style === 'none') return {};
  const digest = createHash('sha1').update(body).digest('hex');
  const out: Record<string, string> = {};
  if (style !== 'last-modified') out.etag = style === 'weak-etag' ? `W/"${digest.slice(0, 20)}"` : `"${digest.slice(0, 20)}"`;
  if (style === 'last-modified' || style === 'both') {
    const seconds = parseInt(digest.slice(0, 8), 16) % (365 * 86400);
    out['last-modified'] = new Date(EPOCH_MS + seconds * 1000).toUTCString();
  }
  return out;
}

const opaque = (tag: string) => tag.trim().replace(/^W\//, '');

/** RFC 9110 §13.1.2: If-None-Match uses the weak comparison, and when it is present If-Modified-Since is ignored. */
export function notModified(headers: Record<string, string>, ifNoneMatch: string | undefined, ifModifiedSince: string | undefined): boolean {
  if (ifNoneMatch !== undefined) {
    if (!headers.etag) return false;
    if (ifNoneMatch.trim() === '*') return true;
    const mine = opaque(headers.etag);
    return ifNoneMatch.split(',').some((t) => opaque(t) === mine);
  }
  if (ifModifiedSince !== undefined && headers['last-modified']) return ifModifiedSince.trim() === headers['last-modified'];
  return false;
}
