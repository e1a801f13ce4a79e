// Writes a page's HTTP exchanges as a WARC/1.1 file (warcinfo, then a response and a
// request record per exchange), the archival format courts and ReplayWeb.page read.
import { WARCRecord, WARCSerializer } from 'warcio';
import type { HeaderList, HttpExchange } from './exchange-recorder.js';

// The browser hands us decoded bodies, so these headers no longer describe the bytes;
// they are kept under the pywb/Browsertrix X-Archive-Orig- prefix.
const REWRITTEN = new Set(['content-encoding', 'transfer-encoding', 'content-length']);

function responseHeaders(ex: HttpExchange, bodyLength: number): [string, string][] {
  const out: [string, string][] = [];
  for (const [name, value] of ex.responseHeaders) {
    if (REWRITTEN.has(name.toLowerCase())) out.push([`X-Archive-Orig-${name}`, value]);
    else out.push([name, value]);
  }
  out.push(['Content-Length', String(bodyLength)]);
  return out;
}

function requestLine(ex: HttpExchange): string {
  let target = '/';
  try {
    const u = new URL(ex.url);
    target = `${u.pathname}${u.search}` || '/';
  } catch {
    target = ex.url;
  }
  return `${ex.method} ${target} HTTP/1.1`;
}

function headersInit(list: HeaderList): [string, string][] {
  // Header values with CR/LF would forge extra WARC header lines.
  return list.map(([n, v]) => [n.replace(/[\r\n:]/g, ''), v.replace(/[\r\n]+/g, ' ')]);
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  if (bytes.length) yield bytes;
}

export interface WarcInfo {
  software: string;
  operator?: string;
  description?: string;
  /** Extra warcinfo fields (browser, user agent …). */
  fields?: Record<string, string>;
}

export async function buildWarc(exchanges: HttpExchange[], info: WarcInfo, filename = 'capture.warc'): Promise<Buffer> {
  const warcVersion = 'WARC/1.1' as const;
  const parts: Uint8Array[] = [];
  const warcinfo = WARCRecord.createWARCInfo(
    { filename, warcVersion },
    { software: info.software, format: 'WARC File Format 1.1', ...(info.operator ? { operator: info.operator } : {}), ...(info.description ? { description: info.description } : {}), ...info.fields },
  );
  parts.push(await WARCSerializer.serialize(warcinfo));
  for (const ex of exchanges) {
    const date = ex.at.toISOString();
    const body = ex.body ?? Buffer.alloc(0);
    const warcHeaders: Record<string, string> = {};
    if (ex.serverIp) warcHeaders['WARC-IP-Address'] = ex.serverIp;
    if (ex.truncated) warcHeaders['WARC-Truncated'] = 'length';
    const response = WARCRecord.create(
      {
        url: ex.url,
        date,
        type: 'response',
        warcVersion,
        warcHeaders,
        statusline: `HTTP/1.1 ${ex.status} ${ex.statusText.replace(/[\r\n]/g, ' ')}`.trimEnd(),
        httpHeaders: headersInit(responseHeaders(ex, body.length)),
        keepHeadersCase: true,
      },
      once(body),
    );
    const responseId = response.warcHeaders.headers.get('WARC-Record-ID') ?? '';
    parts.push(await WARCSerializer.serialize(response));
    const request = WARCRecord.create(
      {
        url: ex.url,
        date,
        type: 'request',
        warcVersion,
        warcHeaders: responseId ? { 'WARC-Concurrent-To': responseId } : {},
        statusline: requestLine(ex),
        httpHeaders: headersInit(ex.requestHeaders),
        keepHeadersCase: true,
      },
      once(ex.requestBody ?? Buffer.alloc(0)),
    );
    parts.push(await WARCSerializer.serialize(request));
  }
  return Buffer.concat(parts);
}
