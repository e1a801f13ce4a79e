// Turning a raw request line into something handlers can trust: decoded path, query,
// and a clear 4xx for everything malformed, so garbage never reaches a handler.
import type { IncomingMessage } from 'node:http';

export interface SandboxRequest {
  method: string;
  /** Percent-decoded path without the query. */
  path: string;
  /** Raw path as sent (still encoded), for canonical comparisons. */
  rawPath: string;
  query: URLSearchParams;
  rawUrl: string;
  userAgent: string;
  body: string;
}

export const MAX_URL_BYTES = 4096;

export type ParseResult = { ok: true; req: Omit<SandboxRequest, 'body'> } | { ok: false; status: number; reason: string };

export function parseRequest(msg: IncomingMessage): ParseResult {
  const rawUrl = msg.url ?? '';
  if (Buffer.byteLength(rawUrl) > MAX_URL_BYTES) return { ok: false, status: 414, reason: 'URI too long' };
  if (!rawUrl.startsWith('/')) return { ok: false, status: 400, reason: 'request target must be an absolute path' };
  const q = rawUrl.indexOf('?');
  const rawPath = q < 0 ? rawUrl : rawUrl.slice(0, q);
  const rawQuery = q < 0 ? '' : rawUrl.slice(q + 1);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return { ok: false, status: 400, reason: 'invalid percent-encoding in path' };
  }
  if (path.includes('\0') || path.split('/').some((seg) => seg === '..' || seg === '.') || path.includes('\\')) {
    return { ok: false, status: 400, reason: 'bad path' };
  }
  if (/%(?![0-9a-fA-F]{2})/.test(rawQuery)) return { ok: false, status: 400, reason: 'invalid percent-encoding in query' };
  let query: URLSearchParams;
  try {
    query = new URLSearchParams(rawQuery);
  } catch {
    return { ok: false, status: 400, reason: 'bad query' };
  }
  return {
    ok: true,
    req: { method: msg.method ?? 'GET', path, rawPath, query, rawUrl, userAgent: String(msg.headers['user-agent'] ?? '') },
  };
}
