// A real HTTP server for crawler tests: routes map paths to canned responses or
// handlers, and every request lands in an access log with its arrival time.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Canned {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export type Route = Canned | ((req: IncomingMessage, res: ServerResponse, hit: number) => void | Promise<void>);

export interface AccessEntry {
  time: number;
  method: string;
  path: string;
  ua: string;
  host: string;
}

export interface FixtureServer {
  origin: string;
  port: number;
  log: AccessEntry[];
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startFixtureServer(routes: Record<string, Route>, host = '127.0.0.1', port = 0): Promise<FixtureServer> {
  const log: AccessEntry[] = [];
  const counts = new Map<string, number>();
  const server: Server = createServer(async (req, res) => {
    const path = req.url ?? '/';
    log.push({ time: performance.now(), method: req.method ?? 'GET', path, ua: String(req.headers['user-agent'] ?? ''), host: String(req.headers.host ?? '') });
    const hit = (counts.get(path) ?? 0) + 1;
    counts.set(path, hit);
    const route = routes[path] ?? routes[path.split('?')[0]!] ?? routes['*'];
    try {
      if (!route) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end('<h1>not found</h1>');
      } else if (typeof route === 'function') {
        await route(req, res, hit);
      } else {
        res.writeHead(route.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...route.headers });
        res.end(route.body ?? '');
      }
    } catch (err) {
      if (!res.headersSent) res.writeHead(500).end(String(err));
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const actual = (server.address() as AddressInfo).port;
  return {
    origin: `http://${host}:${actual}`,
    port: actual,
    log,
    hits: (path) => counts.get(path) ?? 0,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function html(body: string, head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8">${head}<title>t</title></head><body>${body}</body></html>`;
}
