// The dashboard's own CSS and scripts plus ECharts, read once from disk and served
// from our origin (no CDN: the bureau network may be offline), with ETags.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

const PUBLIC_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'public');
const OWN_ASSETS = ['style.css', 'common.js', 'queue.js', 'seller.js', 'stats.js', 'triage.js'];

interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

function asset(body: Buffer, name: string): Asset {
  return {
    body,
    type: name.endsWith('.css') ? 'text/css; charset=utf-8' : 'text/javascript; charset=utf-8',
    etag: `"${createHash('sha256').update(body).digest('hex').slice(0, 20)}"`,
  };
}

export function loadAssets(): Map<string, Asset> {
  const assets = new Map<string, Asset>();
  for (const name of OWN_ASSETS) assets.set(name, asset(readFileSync(join(PUBLIC_DIR, name)), name));
  // The "common" build (line, bar, pie …) is all the statistics page draws, at 2/3 the size of the full one.
  const echartsDir = dirname(createRequire(import.meta.url).resolve('echarts'));
  assets.set('echarts.min.js', asset(readFileSync(join(echartsDir, 'echarts.common.min.js')), 'echarts.min.js'));
  return assets;
}

export function assetRoutes(app: FastifyInstance, assets: Map<string, Asset>): void {
  // Browsers ask for it on every page; answering here keeps it out of the login redirect.
  app.get('/favicon.ico', { config: { public: true } }, async (_req, reply) => reply.code(204).header('cache-control', 'public, max-age=86400').send());
  app.get<{ Params: { name: string } }>('/assets/:name', { config: { public: true } }, async (req, reply) => {
    const a = assets.get(req.params.name);
    if (!a) return reply.code(404).send({ error: 'not found' });
    reply.header('etag', a.etag).header('cache-control', 'public, max-age=3600');
    if (req.headers['if-none-match'] === a.etag) return reply.code(304).send();
    return reply.type(a.type).send(a.body);
  });
}
