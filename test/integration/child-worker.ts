// Spawns `certwatch worker` as a child process against a test's database, Redis prefix and
// data dir, so tests can SIGKILL or SIGTERM a real worker mid-job.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { SourceConfig } from '../../crawlers/sources/schema.js';

export interface ChildWorker {
  proc: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Writes the given sources as a YAML file the child loads (CERTWATCH_SOURCES). */
export function writeSourcesFile(dir: string, sources: SourceConfig[]): string {
  const file = join(dir, 'sources.yaml');
  writeFileSync(file, stringify({ sources }));
  return file;
}

export function spawnWorker(env: Record<string, string>, queues = 'crawl,analyze,picture,link'): ChildWorker {
  const proc = spawn(process.execPath, ['bin/certwatch.mjs', 'worker', '--queues', queues], {
    env: { ...process.env, CERTWATCH_LOG_LEVEL: 'warn', CERTWATCH_CAPTURE: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
  return { proc, output: () => out, exited };
}

export async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}`);
}
