// What a site handler returns: status, headers and body, plus helpers for the common
// shapes (HTML in UTF-8 or GBK, JSON, redirects, binaries, error pages).
import iconv from 'iconv-lite';

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Body encoding for string bodies; GBK turns characters outside GBK into &#N; references. */
  charset?: 'utf-8' | 'gbk';
  /** Wait this long before answering (slow pages). */
  delayMs?: number;
  /** Generate a large body in pieces instead of holding it in memory. */
  chunks?: () => Iterable<string>;
}

export function html(body: string, status = 200, charset: 'utf-8' | 'gbk' = 'utf-8', headers: Record<string, string> = {}): Reply {
  return { status, body, charset, headers: { 'content-type': `text/html; charset=${charset}`, ...headers } };
}

export function json(value: unknown, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, body: JSON.stringify(value), headers: { 'content-type': 'application/json; charset=utf-8', ...headers } };
}

export function text(body: string, status = 200, headers: Record<string, string> = {}): Reply {
  return { status, body, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } };
}

export function redirect(location: string, status: 301 | 302 = 302): Reply {
  return { status, headers: { location, 'content-type': 'text/html; charset=utf-8' }, body: `<a href="${escapeHtml(location)}">moved</a>` };
}

export function binary(body: Buffer, contentType: string): Reply {
  return { status: 200, body, headers: { 'content-type': contentType } };
}

export function notFound(message = '404 Not Found'): Reply {
  return html(`<!DOCTYPE html><html><head><title>404</title></head><body><h1>${escapeHtml(message)}</h1></body></html>`, 404);
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const gbkable = new Map<number, boolean>();
function inGbk(cp: number): boolean {
  let ok = gbkable.get(cp);
  if (ok === undefined) {
    const ch = String.fromCodePoint(cp);
    ok = iconv.decode(iconv.encode(ch, 'gbk'), 'gbk') === ch;
    gbkable.set(cp, ok);
  }
  return ok;
}

function countQuestionMarks(b: Buffer | string): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) if ((typeof b === 'string' ? b.charCodeAt(i) : b[i]) === 0x3f) n++;
  return n;
}

/** Encodes HTML as GBK the way a GBK forum stores text: what GBK lacks becomes &#N;. */
export function encodeGbk(s: string): Buffer {
  // Fast path: iconv writes '?' for what GBK lacks, so equal counts mean nothing was lost.
  const direct = iconv.encode(s, 'gbk');
  if (countQuestionMarks(direct) === countQuestionMarks(s)) return direct;
  let out = '';
  let plain = 0;
  let i = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 && !inGbk(cp)) {
      out += s.slice(plain, i) + `&#${cp};`;
      plain = i + ch.length;
    }
    i += ch.length;
  }
  out += s.slice(plain);
  return iconv.encode(out, 'gbk');
}

export function encodeBody(r: Reply): Buffer | undefined {
  if (r.body === undefined) return undefined;
  if (Buffer.isBuffer(r.body)) return r.body;
  return r.charset === 'gbk' ? encodeGbk(r.body) : Buffer.from(r.body, 'utf8');
}
