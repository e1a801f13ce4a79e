// Measures crawler RSS over a long crawl (default 20,000 pages) against a small
// page server in a child process, so only the crawler's memory is measured. Prints JSON lines.
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { runCrawl } from '../../crawlers/run-crawl.js';
import { sourceSchema } from '../../crawlers/sources/schema.js';

const PAGES = Number(process.env.MEMORY_PAGES ?? 20_000);

if (process.argv[2] === 'serve') {
  // Child: a tree of pages, each ~3 KB of Chinese text with five links further down.
  const { createServer } = await import('node:http');
  const filler = '出售电工证焊工证，不用考试，联系微信。这是一个用来测内存的帖子正文。'.repeat(20);
  const server = createServer((req, res) => {
    if (req.url === '/robots.txt') return void res.writeHead(404).end();
    const n = Number(/^\/p\/(\d+)$/.exec(req.url ?? '')?.[1] ?? -1);
    if (n < 0) return void res.writeHead(404).end();
    const links = [1, 2, 3, 4, 5].map((k) => `<a href="/p/${n * 5 + k}?utm_source=x">next ${k}</a>`).join(' ');
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><head><title>帖子 ${n}</title></head><body><div id="post_${n}" class="post"><a class="author" href="/u/${n}">user${n}</a><span class="time">2026-11-0${(n % 9) + 1} 10:00</span><div class="content">${filler}${n}</div></div><div id="post_${n}b" class="post"><a class="author" href="/u/${n + 1}">user${n + 1}</a><div class="content">回复 ${n}</div></div>${links}</body></html>`);
  });
  server.listen(0, '127.0.0.1', () => process.send?.((server.address() as { port: number }).port));
} else {
  // The child needs the TypeScript loader too, so it starts through the same runner.
  const runner = fileURLToPath(new URL('../../bin/run-ts.mjs', import.meta.url));
  const child = fork(runner, [fileURLToPath(import.meta.url), 'serve']);
  const port = await new Promise<number>((resolve) => child.once('message', (m) => resolve(Number(m))));
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keyPrefix = `measure:crawl-memory:${process.pid}`;
  const source = sourceSchema.parse({ id: 'memory', name: 'memory', seeds: [`http://127.0.0.1:${port}/p/0`], maxDepth: 20, maxPages: PAGES, rate: 1000, concurrency: 16 });
  const samples: { pages: number; rssMb: number; heapMb: number; seconds: number }[] = [];
  let pages = 0;
  const started = performance.now();
  const stats = await runCrawl({
    source,
    redis,
    keyPrefix,
    userAgent: 'certwatch-memory/1.0',
    onPage: async () => {
      if (++pages % 1000 === 0) {
        const m = process.memoryUsage();
        const sample = { pages, rssMb: Math.round(m.rss / 1048576), heapMb: Math.round(m.heapUsed / 1048576), seconds: Math.round((performance.now() - started) / 1000) };
        samples.push(sample);
        console.log(JSON.stringify(sample));
      }
    },
  });
  const warm = samples.find((s) => s.pages === 2000) ?? samples[0];
  const peak = Math.max(...samples.map((s) => s.rssMb));
  console.log(
    JSON.stringify({ pagesFetched: stats.pagesFetched, pagesPerSecond: stats.pagesPerSecond, rssAfterWarmupMb: warm?.rssMb, rssEndMb: samples.at(-1)?.rssMb, peakRssMb: peak, growthAfterWarmupMb: peak - (warm?.rssMb ?? 0), errors: stats.errors }),
  );
  const keys = await redis.keys(`${keyPrefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
  child.kill();
}
