// Response headers that make the browser enforce our rules: a strict CSP (no inline
// script, no foreign origin), no framing, no sniffing, no caching of lead data.
import type { FastifyInstance } from 'fastify';

export const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "frame-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Stored pages and evidence blobs: an opaque-origin sandbox that may load nothing. */
export const INERT_CSP = "sandbox; default-src 'none'; img-src data:";

/** One year, subdomains included: set only when the dashboard is served over TLS (secure cookies on). */
export const HSTS = 'max-age=31536000; includeSubDomains';

export function registerSecurityHeaders(app: FastifyInstance, opts: { hsts?: boolean } = {}): void {
  app.addHook('onSend', async (req, reply, payload) => {
    if (opts.hsts) reply.header('strict-transport-security', HSTS);
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', APP_CSP);
    if (!reply.hasHeader('x-frame-options')) reply.header('x-frame-options', 'DENY');
    reply.header('x-content-type-options', 'nosniff');
    // same-origin, not no-referrer: with no-referrer Chromium sends "Origin: null" on form posts, which the CSRF origin check must refuse.
    reply.header('referrer-policy', 'same-origin');
    reply.header('cross-origin-opener-policy', 'same-origin');
    reply.header('cross-origin-resource-policy', 'same-origin');
    if (!req.url.startsWith('/assets/')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
