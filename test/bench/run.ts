// `npm run bench`: runs every benchmark script in this folder — in-process when it exports
// bench(), else as a child process whose last JSON value on stdout is taken — and prints one JSON summary.
// `npm run bench -- --month [--month-scale N] [--month-days D]` adds the month on the sandbox (~half an hour).
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// This runner, the classifier benches' shared posts, and tools that live beside the benchmarks but need
// arguments (the classifier equivalence dump/compare and A/B take files or checkouts; demo-lead-counts
// reads a finished demo's data dir; the review-band study reads an eval's scores).
const NOT_BENCHES = new Set(['run.ts', 'classifier-posts.ts', 'classifier-equivalence.ts', 'classifier-ab.ts', 'demo-lead-counts.ts', 'review-band-second-stage.ts']);
/** Benchmarks too long for every run: each runs only when its flag is given. */
const OPT_IN: Record<string, string> = { 'month-bench.ts': '--month' };

function lastJson(text: string): unknown {
  for (let i = text.lastIndexOf('{'); i >= 0; i = text.lastIndexOf('{', i - 1)) {
    try {
      return JSON.parse(text.slice(i));
    } catch {
      // keep looking further back for the start of the final JSON value
    }
  }
  return undefined;
}

function runChild(file: string, args: string[] = []): Promise<unknown> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(here, '../../bin/run-ts.mjs'), file, ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d: Buffer) => (out += d.toString()));
    p.once('exit', (code) => resolve(code === 0 ? (lastJson(out) ?? { output: out.slice(-2000) }) : { error: `exited ${code}`, output: out.slice(-2000) }));
  });
}

/** `--month-scale 20` → the month bench's `--scale 20`. */
function childArgs(argv: string[], flag: string): string[] {
  const out: string[] = [];
  argv.forEach((a, i) => {
    if (a.startsWith(`${flag}-`) && argv[i + 1] !== undefined) out.push(`--${a.slice(flag.length + 1)}`, argv[i + 1]!);
  });
  return out;
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const flags = new Set(argv.filter((a) => a.startsWith('--')));
  // Names select benchmarks; a value after an opt-in's option (`--month-days 30`) is not a name.
  const only = argv.filter((a, i) => !a.startsWith('--') && !/^--\w+-\w+/.test(argv[i - 1] ?? ''));
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !NOT_BENCHES.has(f))
    .filter((f) => !OPT_IN[f] || flags.has(OPT_IN[f]!))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)) || (OPT_IN[f] !== undefined && flags.has(OPT_IN[f]!)))
    .sort();
  const summary: Record<string, unknown> = {};
  for (const f of files) {
    const path = join(here, f);
    const started = performance.now();
    process.stderr.write(`bench: ${f} …\n`);
    let result: unknown;
    // Only a script that exports bench() is imported: others run their work at import time.
    if (/export\s+(?:async\s+)?function\s+bench\s*\(/.test(readFileSync(path, 'utf8'))) {
      const mod = (await import(pathToFileURL(path).href)) as { bench: () => Promise<unknown> };
      result = await mod.bench().catch((e: Error) => ({ error: e.message }));
    } else {
      result = await runChild(path, OPT_IN[f] ? childArgs(argv, OPT_IN[f]!) : []);
    }
    summary[f.replace(/\.ts$/, '')] = { seconds: Math.round((performance.now() - started) / 100) / 10, result };
  }
  console.log(JSON.stringify(summary, null, 2));
}

main().then(
  () => process.exit(0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
