// A small real HTTP server for capture tests: a post whose body is filled in by script
// from a JSON endpoint (like Tieba), a redirect to it, and a switch that deletes it.
import { createServer, type Server } from 'node:http';

export interface PageServer {
  origin: string;
  /** Makes /post/N answer 404 like a removed post. */
  remove(id: number): void;
  requests: string[];
  close(): Promise<void>;
}

export const POST_TEXT = (id: number) => `出售电工证焊工证 包过 不用考试 微信 dgz${id}888`;

export async function startPageServer(): Promise<PageServer> {
  const removed = new Set<number>();
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    const url = new URL(req.url ?? '/', 'http://x');
    const post = /^\/post\/(\d+)$/.exec(url.pathname);
    const api = /^\/api\/post\/(\d+)$/.exec(url.pathname);
    if (url.pathname.startsWith('/old/')) {
      res.writeHead(301, { location: `/post/${url.pathname.slice(5)}` });
      return res.end();
    }
    if (post) {
      const id = Number(post[1]);
      if (removed.has(id)) {
        res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
        return res.end('<html><body><h1>该贴已被删除</h1></body></html>');
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-test-server': 'certwatch' });
      return res.end(`<!doctype html><html><head><meta charset="utf-8"><title>帖子 ${id}</title></head>
<body><h1>帖子 ${id}</h1><div id="postlist">loading</div>
<script>fetch('/api/post/${id}').then(r => r.json()).then(d => {
  const p = document.createElement('div'); p.className = 'l_post'; p.textContent = d.content;
  document.getElementById('postlist').replaceChildren(p);
});</script></body></html>`);
    }
    if (url.pathname === '/tall') {
      // Hostile: endlessly tall and wide.
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<html><body style="margin:0"><div style="width:9000px;height:60000px;background:linear-gradient(#fee,#eef)">高</div></body></html>');
    }
    if (api) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      return res.end(JSON.stringify({ content: POST_TEXT(Number(api[1])) }));
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as { port: number }).port;
  return {
    origin: `http://127.0.0.1:${port}`,
    remove: (id) => removed.add(id),
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
