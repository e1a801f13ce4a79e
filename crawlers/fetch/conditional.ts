// Conditional GET for incremental crawling: the validators a server sent last time go back as
// If-None-Match / If-Modified-Since, and what it answers now is read without trusting it blindly.
import { createHash } from 'node:crypto';
import type { KnownPage, Validators } from '../types.js';

/** Longer validators are not kept: a hostile server could otherwise fill rows and request headers. */
const MAX_VALIDATOR = 256;
// Visible ASCII only: a validator goes back into a request header.
const HEADER_SAFE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

function clean(value: string | string[] | undefined): string | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t.length > 0 && t.length <= MAX_VALIDATOR && HEADER_SAFE.test(t) ? t : undefined;
}

/** The validators of a response, each dropped when missing, too long or not header-safe. */
export function readValidators(headers: Record<string, string | string[] | undefined>): Validators {
  const etag = clean(headers.etag);
  const lastModified = clean(headers['last-modified']);
  // A Last-Modified that is no date would be sent back as one; RFC 9110 says to ignore it.
  const date = lastModified && Number.isFinite(Date.parse(lastModified)) ? lastModified : undefined;
  return { ...(etag ? { etag } : {}), ...(date ? { lastModified: date } : {}) };
}

/** Request headers for a known page; none when it has no validator (then only its body hash can tell). */
export function conditionalHeaders(known: KnownPage | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (known?.validators.etag) out['if-none-match'] = known.validators.etag;
  if (known?.validators.lastModified) out['if-modified-since'] = known.validators.lastModified;
  return out;
}

export function bodySha256(body: Buffer): string {
  return createHash('sha256').update(body).digest('hex');
}
