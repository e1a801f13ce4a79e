// Measures how fast the sandbox serves pages at scale 100 (it must never be the bottleneck
// of a crawl benchmark): a bounded concurrent client loop on loopback, against a trivial
// static server in the same run as the baseline. Prints JSON.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { findFreePort } from '../../sandbox/find-free-port.js';
import type { Truth } from '../../sandbox/truth.js';

const SCALE = Number(process.env.SANDBOX_BENCH_SCALE ?? 100);
const CONCURRENCY = Number(process.env.SANDBOX_BENCH_CONCURRENCY ?? 16);
const MAX_REQUESTS = Number(process.env.SANDBOX_BENCH_REQUESTS ?? 6000);
const MAX_SECONDS = Number(process.env.SANDBOX_BENCH_SECONDS ?? 20);
const root = resolve(import.meta.dirname, '../..');

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : -1;
}

/** CPU seconds (user + system) a process has used, from /proc (clock ticks of 10 ms). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(url);
      await r.arrayBuffer();
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server at ${url} did not start`);
}

interface LoopResult {
  requests: number;
  /** Server CPU per page: the figure that survives a loaded machine (wall-clock rates do not). */
  serverCpuMsPerPage?: number;
  pagesPerServerCpuSecond?: number;
  seconds: number;
  pagesPerSecond: number;
  mbPerSecond: number;
  p50ms: number;
  p95ms: number;
  statuses: Record<string, number>;
}

async function measured(pid: number, urls: string[]): Promise<LoopResult> {
  const before = cpuSeconds(pid);
  const r = await loop(urls);
  const cpu = cpuSeconds(pid) - before;
  return { ...r, serverCpuMsPerPage: Math.round((cpu * 1000 / r.requests) * 100) / 100, pagesPerServerCpuSecond: Math.round(r.requests / Math.max(cpu, 0.01)) };
}

async function loop(urls: string[]): Promise<LoopResult> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let next = 0;
  let bytes = 0;
  const started = performance.now();
  const deadline = started + MAX_SECONDS * 1000;
  const worker = async () => {
    while (next < MAX_REQUESTS && performance.now() < deadline) {
      const url = urls[next++ % urls.length]!;
      const t0 = performance.now();
      try {
        const res = await fetch(url, { redirect: 'manual' });
        bytes += (await res.arrayBuffer()).byteLength;
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
      } catch {
        statuses['error'] = (statuses['error'] ?? 0) + 1;
      }
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))]! * 10) / 10;
  return {
    requests: latencies.length,
    seconds: Math.round(seconds * 100) / 100,
    pagesPerSecond: Math.round(latencies.length / seconds),
    mbPerSecond: Math.round((bytes / seconds / 1e6) * 10) / 10,
    p50ms: pct(0.5),
    p95ms: pct(0.95),
    statuses,
  };
}

/** Deterministic shuffle so the request mix does not walk one site at a time. */
function mix<T>(items: T[]): T[] {
  const out = items.slice();
  let s = 12345;
  for (let i = out.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

const BASELINE_SERVER = `
const body = Buffer.alloc(12000, 'a');
require('node:http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'text/html', 'content-length': body.length }); res.end(body); }).listen(Number(process.argv[1]), '127.0.0.1');
`;

async function main(): Promise<void> {
  const port = await findFreePort();
  const child = spawn(process.execPath, [resolve(root, 'bin/certwatch.mjs'), 'sandbox', '--port', String(port), '--scale', String(SCALE), '--rate-limit', '0', '--quiet'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  const baselinePort = await findFreePort(1);
  const baseline = spawn(process.execPath, ['-e', BASELINE_SERVER, String(baselinePort)], { stdio: 'ignore' });
  try {
    const portal = `http://127.0.0.1:${port}`;
    const startedAt = performance.now();
    await waitFor(`${portal}/`, child);
    const startupMs = Math.round(performance.now() - startedAt);
    const rssIdle = rssMb(child.pid!);
    const truth = (await (await fetch(`${portal}/__admin/truth`)).json()) as Truth;
    const origin = (id: string) => truth.sites.find((s) => s.id === id)!.origin;
    // Slow news articles (deliberate 1–2.5 s delays) and the 5 MB page are left out: they
    // measure the sandbox's hazards, not its generation speed.
    const urls = mix([
      ...truth.sellers.flatMap((s) => s.posts),
      ...truth.negatives.map((n) => n.url).filter((u) => !u.includes('/article/')),
      ...Array.from({ length: 40 }, (_, i) => `${origin('bbs')}/forum.php?mod=forumdisplay&fid=2&page=${i + 1}`),
      ...Array.from({ length: 40 }, (_, i) => `${origin('classifieds')}/zhengshu/pn${i + 1}/`),
      ...Array.from({ length: 10 }, (_, i) => `${origin('search')}/s?q=${encodeURIComponent('电工证')}&page=${i + 1}`),
    ]);
    await waitFor(`http://127.0.0.1:${baselinePort}/`, baseline);
    const base = await measured(baseline.pid!, Array.from({ length: 1000 }, (_, i) => `http://127.0.0.1:${baselinePort}/p${i}`));
    const sandbox = await measured(child.pid!, urls);
    const rssAfter = rssMb(child.pid!);
    console.log(JSON.stringify({
      scale: SCALE, concurrency: CONCURRENCY, sites: truth.sites.length, sellers: truth.sellers.length,
      plantedPosts: truth.sellers.reduce((n, s) => n + s.posts.length, 0), negatives: truth.negatives.length, urlMix: urls.length,
      startupMs, rssIdleMb: rssIdle, rssAfterMb: rssAfter,
      sandbox, baselineStatic12kB: base, ratioToBaseline: Math.round((sandbox.pagesPerSecond / base.pagesPerSecond) * 100) / 100,
      cpuRatioToBaseline: Math.round((sandbox.pagesPerServerCpuSecond! / base.pagesPerServerCpuSecond!) * 100) / 100,
      loadAverage: (await import('node:os')).loadavg().map((x) => Math.round(x * 10) / 10),
    }, null, 2));
  } finally {
    child.kill('SIGTERM');
    baseline.kill('SIGTERM');
  }
}

await main();
