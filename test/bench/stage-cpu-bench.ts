// Node CPU per page of the crawl stage and of the analyze stage (and the main thread's share), each measured alone: crawl workers
// fill the analyze queue, then analyze workers drain it. `compare` runs this code and a baseline checkout
// in alternating rounds against a fresh sandbox process each, and prints each figure with its baseline and ratio.
//
//   node bin/run-ts.mjs test/bench/stage-cpu-bench.ts compare --base DIR [--rounds 2] [--scale 20] [--pages 300]
//   node bin/run-ts.mjs test/bench/stage-cpu-bench.ts run --port P [--root DIR] [--pages 300]   (one side, one round)
//
// --root: the checkout whose pipeline is measured (its modules are loaded, its sandbox/sources.yaml read).
// Postgres and Redis CPU are left out: on a shared machine their processes serve other work too.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('../..', import.meta.url));
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? args[args.indexOf(name) + 1]! : fallback);
/** The HTTP sources without jobs, whose 503 bursts only add waiting. */
const SOURCES = ['bbs', 'classifieds', 'qa', 'news', 'school', 'sellers', 'search'];

interface StageFigure {
  pages: number;
  cpuMs: number;
  msPerPage: number;
  /** The main thread's share: the event loop is the bound, the thread pool's file writes run beside it. */
  mainMsPerPage?: number;
  /** Wall seconds: file writes awaited off the event loop can hold a page's crawl slot longer. */
  seconds?: number;
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const cpuMs = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;

/** CPU ms so far of this process's main thread (Linux; 10 ms ticks), or NaN where /proc is not there. */
function mainThreadCpuMs(): number {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch {
    return NaN;
  }
}

/** One side, one round, in this process: crawl alone, then analyze alone, against the sandbox at `port`. */
async function runSide(root: string, port: number, pages: number): Promise<{ crawl: StageFigure; analyze: StageFigure }> {
  const load = async <T>(path: string) => (await import(pathToFileURL(resolve(root, path)).href)) as T;
  const { openHarness } = await load<typeof import('../integration/harness.js')>('test/integration/harness.ts');
  const { sandboxRegistry } = await load<typeof import('../integration/sandbox-sources.js')>('test/integration/sandbox-sources.ts');
  const { startWorkers } = await load<typeof import('../../cli/worker-pool.js')>('cli/worker-pool.ts');
  const { runCycle } = await load<typeof import('../../pipeline/workers/run-cycle.js')>('pipeline/workers/run-cycle.ts');
  // Older checkouts (the usual baseline) keep the totals beside the workers.
  const totalsPath = existsSync(resolve(root, 'pipeline/storage/pipeline-totals.ts')) ? 'pipeline/storage/pipeline-totals.ts' : 'pipeline/workers/pipeline-totals.ts';
  const { pipelineTotals } = await load<typeof import('../../pipeline/storage/pipeline-totals.js')>(totalsPath);
  const { loadAnalyzeTools } = await load<typeof import('../../pipeline/ingest/analyze-tools.js')>('pipeline/ingest/analyze-tools.ts');
  const h = await openHarness('postgres', { capture: { enabled: false } });
  try {
    const reg = sandboxRegistry(port, SOURCES, pages, 1000);
    h.ctx.config.workers.crawlConcurrency = SOURCES.length;
    const cycle = { reason: 'manual' as const, pollMs: 100, settleMs: 500 };

    const crawlers = await startWorkers(h.ctx, ['crawl'], { registry: () => reg });
    const c0 = process.cpuUsage();
    const m0 = mainThreadCpuMs();
    const w0 = performance.now();
    await runCycle(h.ctx, { ...cycle, sources: reg.list, queues: ['crawl'] });
    const crawlSeconds = (performance.now() - w0) / 1000;
    const crawlCpu = cpuMs(process.cpuUsage(c0));
    const crawlMain = mainThreadCpuMs() - m0;
    await crawlers.close();
    const fetched = (await pipelineTotals(h.ctx.db)).pages;

    // The model is loaded before the clock starts: a worker pays it once, not per page.
    const tools = await loadAnalyzeTools(h.ctx.config.classifier.model);
    const a0 = process.cpuUsage();
    const am0 = mainThreadCpuMs();
    const analyzers = await startWorkers(h.ctx, ['analyze'], { registry: () => reg, tools });
    await runCycle(h.ctx, { ...cycle, sources: [], queues: ['analyze'] });
    const analyzeCpu = cpuMs(process.cpuUsage(a0));
    const analyzeMain = mainThreadCpuMs() - am0;
    await analyzers.close();
    const analyzed = (await pipelineTotals(h.ctx.db)).pagesAnalyzed;
    return {
      crawl: { pages: fetched, cpuMs: round(crawlCpu), msPerPage: round(crawlCpu / fetched), mainMsPerPage: round(crawlMain / fetched), seconds: round(crawlSeconds, 1) },
      analyze: { pages: analyzed, cpuMs: round(analyzeCpu), msPerPage: round(analyzeCpu / analyzed), mainMsPerPage: round(analyzeMain / analyzed) },
    };
  } finally {
    await h.close();
  }
}

function child(cwd: string, argv: string[], onLine?: (line: string) => void): Promise<{ code: number | null; stdout: string }> {
  return new Promise((done) => {
    const p = spawn(process.execPath, argv, { cwd, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (onLine) for (const l of d.toString().split('\n')) if (l) onLine(l);
    });
    p.once('exit', (code) => done({ code, stdout: out }));
  });
}

/** The sandbox in its own process, so neither side's CPU includes serving the pages. */
async function sandboxProcess(port: number, scale: number): Promise<() => void> {
  const p = spawn(process.execPath, ['bin/certwatch.mjs', 'sandbox', '--port', String(port), '--scale', String(scale), '--rate-limit', '0', '--quiet'], { cwd: here, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((ready, fail) => {
    p.once('exit', (code) => fail(new Error(`sandbox exited ${code}`)));
    p.stdout.on('data', function up(d: Buffer) {
      if (!d.toString().includes('http://')) return;
      p.stdout.off('data', up);
      ready();
    });
  });
  p.stdout.resume();
  p.removeAllListeners('exit');
  return () => p.kill('SIGTERM');
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function compare(): Promise<Record<string, unknown>> {
  const baseDir = option('--base', '');
  // The baseline is another checkout (say, a `git worktree` of the commit to compare with).
  if (!baseDir) throw new Error('compare needs --base DIR: a checkout of the code to measure against');
  const base = resolve(baseDir);
  const rounds = Number(option('--rounds', '2'));
  const scale = Number(option('--scale', '20'));
  const pages = option('--pages', '300');
  const { findFreePort } = await import('../../sandbox/index.js');
  const runs: { side: 'this' | 'baseline'; crawl: StageFigure; analyze: StageFigure }[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternating order, so neither side always runs on the warmer (or busier) machine.
    const order: ('this' | 'baseline')[] = r % 2 ? ['baseline', 'this'] : ['this', 'baseline'];
    for (const side of order) {
      const port = await findFreePort();
      const stop = await sandboxProcess(port, scale);
      try {
        const root = side === 'this' ? here : base;
        const { code, stdout } = await child(root, [resolve(here, 'bin/run-ts.mjs'), resolve(here, 'test/bench/stage-cpu-bench.ts'), 'run', '--port', String(port), '--root', root, '--pages', pages]);
        if (code !== 0) throw new Error(`${side} round ${r} exited ${code}`);
        const figures = JSON.parse(stdout.trim().split('\n').at(-1)!) as { crawl: StageFigure; analyze: StageFigure };
        runs.push({ side, ...figures });
        console.error(
          `round ${r + 1} ${side}: crawl ${figures.crawl.msPerPage} ms/page (main thread ${figures.crawl.mainMsPerPage}; ${figures.crawl.pages} in ${figures.crawl.seconds} s), analyze ${figures.analyze.msPerPage} ms/page (main thread ${figures.analyze.mainMsPerPage}; ${figures.analyze.pages}), load ${loadavg()[0]!.toFixed(2)}`,
        );
      } finally {
        stop();
      }
    }
  }
  const perPage = (side: 'this' | 'baseline', stages: ('crawl' | 'analyze')[]) =>
    median(runs.filter((x) => x.side === side).map((x) => stages.reduce((ms, stage) => ms + x[stage].msPerPage, 0)));
  const mainPerPage = (side: 'this' | 'baseline', stages: ('crawl' | 'analyze')[]) =>
    median(runs.filter((x) => x.side === side).map((x) => stages.reduce((ms, stage) => ms + (x[stage].mainMsPerPage ?? NaN), 0)));
  const figure = (...stages: ('crawl' | 'analyze')[]) => {
    const mine = perPage('this', stages);
    const theirs = perPage('baseline', stages);
    const mainMine = mainPerPage('this', stages);
    const mainTheirs = mainPerPage('baseline', stages);
    return {
      nodeCpuMsPerPage: round(mine),
      baselineNodeCpuMsPerPage: round(theirs),
      ratio: round(mine / theirs, 3),
      mainThreadMsPerPage: round(mainMine),
      baselineMainThreadMsPerPage: round(mainTheirs),
      mainThreadRatio: round(mainMine / mainTheirs, 3),
    };
  };
  return { baseline: base, scale, pagesPerSource: Number(pages), sources: SOURCES, rounds: runs, crawl: figure('crawl'), analyze: figure('analyze'), both: figure('crawl', 'analyze') };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const mode = args[0];
  const work =
    mode === 'run'
      ? runSide(resolve(option('--root', here)), Number(option('--port', '0')), Number(option('--pages', '300')))
      : mode === 'compare'
        ? compare()
        : Promise.reject(new Error('usage: stage-cpu-bench.ts compare --base DIR [--rounds N] [--scale N] [--pages N] | run --port P [--root DIR] [--pages N]'));
  work
    .then((r) => {
      console.log(JSON.stringify(r, null, mode === 'run' ? 0 : 2));
      process.exit(0);
    })
    .catch((err) => {
      console.error(err);
      process.exit(1);
    });
}
