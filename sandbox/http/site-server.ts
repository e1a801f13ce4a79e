// One HTTP server per sandbox site, bound to the site's own loopback address: request
// hygiene (4xx for garbage), per-host rate limit, access log, and handler errors → 500.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AccessLog } from './access-log.js';
import type { RateLimiter } from './rate-limit.js';
import { encodeBody, type Reply, text } from './reply.js';
import { parseRequest, type SandboxRequest } from './request.js';
import { notModified, validatorHeaders, type ValidatorStyle } from './validators.js';

export interface SiteModule {
  robots(): string;
  handle(req: SandboxRequest): Reply | Promise<Reply>;
  /** Paths that accept POST (everything else is GET/HEAD only). */
  acceptsPost?(path: string): boolean;
}

export interface SiteServerOptions {
  host: string;
  port: number;
  module: SiteModule;
  limiter: RateLimiter;
  log?: AccessLog;
  /** Cache validators the site sends and honours (conditional GET → 304). @default 'none' */
  validators?: ValidatorStyle;
}

const MAX_BODY = 64 * 1024;

function readBody(msg: IncomingMessage): Promise<string | null> {
  return new Promise((resolve) => {
    const parts: Buffer[] = [];
    let size = 0;
    msg.on('data', (b: Buffer) => {
      size += b.length;
      if (size > MAX_BODY) {
        resolve(null);
        msg.destroy();
      } else parts.push(b);
    });
    msg.on('end', () => resolve(Buffer.concat(parts).toString('utf8')));
    msg.on('error', () => resolve(null));
  });
}

async function answer(opts: SiteServerOptions, msg: IncomingMessage): Promise<Reply> {
  const parsed = parseRequest(msg);
  if (!parsed.ok) return text(`${parsed.status} ${parsed.reason}\n`, parsed.status);
  const { req } = parsed;
  const post = req.method === 'POST' && (opts.module.acceptsPost?.(req.path) ?? false);
  if (req.method !== 'GET' && req.method !== 'HEAD' && !post) {
    return text('405 Method Not Allowed\n', 405, { allow: 'GET, HEAD' });
  }
  if (!req.path.startsWith('/__admin/') && !opts.limiter.take()) {
    return text('429 Too Many Requests\n', 429, { 'retry-after': '1' });
  }
  if (req.path === '/robots.txt') return text(opts.module.robots());
  let body = '';
  if (post) {
    const b = await readBody(msg);
    if (b === null) return text('413 Payload Too Large\n', 413);
    body = b;
  }
  return opts.module.handle({ ...req, body });
}

function send(res: ServerResponse, r: Reply, head: boolean, conditional?: Conditional): void {
  const headers: Record<string, string> = { server: 'sandbox', ...(r.headers ?? {}) };
  if (r.chunks) {
    res.writeHead(r.status, headers);
    if (head) return void res.end();
    const it = r.chunks()[Symbol.iterator]();
    const pump = () => {
      for (;;) {
        const n = it.next();
        if (n.done) return void res.end();
        if (!res.write(n.value)) return void res.once('drain', pump);
      }
    };
    res.on('error', () => undefined);
    pump();
    return;
  }
  const body = encodeBody(r);
  if (conditional && conditional.style !== 'none' && r.status === 200 && body) {
    const v = validatorHeaders(conditional.style, body);
    Object.assign(headers, v);
    if (notModified(v, conditional.ifNoneMatch, conditional.ifModifiedSince)) {
      // A 304 carries the validators and no body (RFC 9110 §15.4.5).
      delete headers['content-type'];
      res.writeHead(304, headers);
      return void res.end();
    }
  }
  headers['content-length'] = String(body?.length ?? 0);
  res.writeHead(r.status, headers);
  res.end(head ? undefined : body);
}

interface Conditional {
  style: ValidatorStyle;
  ifNoneMatch?: string;
  ifModifiedSince?: string;
}

function conditionalOf(opts: SiteServerOptions, msg: IncomingMessage): Conditional | undefined {
  if (!opts.validators || opts.validators === 'none' || (msg.method !== 'GET' && msg.method !== 'HEAD')) return undefined;
  const inm = msg.headers['if-none-match'];
  const ims = msg.headers['if-modified-since'];
  return { style: opts.validators, ifNoneMatch: typeof inm === 'string' ? inm : undefined, ifModifiedSince: typeof ims === 'string' ? ims : undefined };
}

export function startSiteServer(opts: SiteServerOptions): Promise<Server> {
  const server = createServer({ maxHeaderSize: 16 * 1024 }, (msg, res) => {
    const started = new Date().toISOString();
    const head = msg.method === 'HEAD';
    res.on('finish', () => {
      opts.log?.write({ time: started, host: `${opts.host}:${opts.port}`, method: String(msg.method), path: String(msg.url), status: res.statusCode, ua: String(msg.headers['user-agent'] ?? '') });
    });
    answer(opts, msg)
      .catch((err: unknown) => text(`500 Internal Server Error: ${err instanceof Error ? err.message : String(err)}\n`, 500))
      .then((r) => {
        const c = conditionalOf(opts, msg);
        if (r.delayMs) setTimeout(() => !res.destroyed && send(res, r, head, c), r.delayMs);
        else send(res, r, head, c);
      })
      .catch(() => res.destroy());
  });
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    if (socket.writable) socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    else socket.destroy();
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}
