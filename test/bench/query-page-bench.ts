// What reading query-page signals adds to the crawler's one parse: per page of the sandbox (forum
// threads, ads, answers, news, seller sites, the query sites), readQueryPage's time against the parse.
import { performance } from 'node:perf_hooks';
import { parseHtml } from '../../crawlers/extract/index.js';
import { readQueryPage } from '../../crawlers/extract/query-page.js';
import { findFreePort, startSandbox } from '../../sandbox/index.js';

const port = await findFreePort();
const sb = await startSandbox({ port, quiet: true, rateLimit: 0 });
try {
  const truth = sb.truth();
  const urls = [
    ...truth.sellers.flatMap((s) => s.posts).filter((u) => !u.includes('/vip/') && !u.startsWith(sb.origins['tieba']!)),
    ...truth.negatives.map((n) => n.url).slice(0, 300),
    ...[...truth.fakeVerificationSites, ...truth.verificationNegatives].map((v) => `${v.origin}/`),
  ];
  const pages: { url: string; html: string }[] = [];
  for (const url of urls) {
    const res = await fetch(url);
    if (res.ok) pages.push({ url, html: new TextDecoder(/gbk/i.test(res.headers.get('content-type') ?? '') ? 'gbk' : 'utf-8').decode(await res.arrayBuffer()) });
  }
  const parse: number[] = [];
  const read: number[] = [];
  let withSignals = 0;
  for (let round = 0; round < 3; round++) {
    for (const p of pages) {
      let t = performance.now();
      const $ = parseHtml(p.html);
      parse.push(performance.now() - t);
      t = performance.now();
      const s = readQueryPage($, p.url);
      read.push(performance.now() - t);
      if (round === 0 && s) withSignals++;
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.95)]!;
  console.log(JSON.stringify({
    pages: pages.length,
    pagesWithSignals: withSignals,
    readQueryPageMs: { median: +median(read).toFixed(4), p95: +p95(read).toFixed(4) },
    parseMs: { median: +median(parse).toFixed(4), p95: +p95(parse).toFixed(4) },
    ratioOfMedians: +(median(read) / median(parse)).toFixed(3),
  }));
} finally {
  await sb.close();
}
