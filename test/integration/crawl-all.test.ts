// `certwatch crawl --all [--wait]` on the sandbox web: every enabled source is enqueued now (a
// disabled one is not); with --wait the command returns once those runs are crawled, analysed
// and linked, and prints one summary line per source. Its JSON log records carry each key once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { findFreePort, startSandbox, type Sandbox } from '../../sandbox/index.js';
import { tempDir, TEST_REDIS_URL, uniqueName } from '../support/services.js';
import { repeatedKeys } from '../support/json-keys.js';
import { sandboxRegistry } from './sandbox-sources.js';
import { writeSourcesFile } from './child-worker.js';

interface RunRow {
  sourceId: string;
  status: string;
  jobState: string;
  stats: { pages?: number };
  pagesNotAnalysed: number;
  postsNotLinked: number;
  posts: number;
  flagged: number;
}

describe('certwatch crawl --all', () => {
  const dir = tempDir();
  let sb: Sandbox;
  let sources: string;
  beforeAll(async () => {
    const port = await findFreePort();
    sb = await startSandbox({ port, quiet: true });
    const reg = sandboxRegistry(port, ['bbs', 'qa', 'news'], 20);
    // A disabled source stays out of "all".
    const list = reg.list.map((s) => (s.id === 'news' ? { ...s, enabled: false } : s));
    sources = writeSourcesFile(dir.path, list);
  });
  afterAll(async () => {
    await sb?.close();
    dir.remove();
  });

  // Asynchronous: the sandbox answers from this process, which a spawnSync would freeze.
  const certwatch = (args: string[], dataDir: string) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['bin/certwatch.mjs', 'crawl', ...args], {
        env: { ...process.env, CERTWATCH_DATA_DIR: join(dir.path, dataDir), CERTWATCH_SOURCES: sources, CERTWATCH_QUEUE_PREFIX: uniqueName('crawlall'), REDIS_URL: TEST_REDIS_URL, CERTWATCH_CAPTURE: 'false', CERTWATCH_LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.once('exit', (status) => resolve({ status, stdout, stderr }));
    });

  it('enqueues every enabled source and returns at once without --wait', { timeout: 120_000 }, async () => {
    const r = await certwatch(['--all'], 'nowait');
    expect(r.status, r.stderr).toBe(0);
    const line = /enqueued 2 crawls: (.*)/.exec(r.stderr);
    expect(line, r.stderr).not.toBeNull();
    expect(line![1]!.split(' ').map((id) => id.split(':')[1]).sort()).toEqual(['bbs', 'qa']);
  });

  it('with --wait, returns when those runs are analysed and prints a summary per source', { timeout: 450_000 }, async () => {
    const r = await certwatch(['--all', '--wait', '--json'], 'wait');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { sources: RunRow[]; owed: { pagesNotAnalysed: number; postsNotLinked: number } };
    expect(out.sources.map((s) => s.sourceId)).toEqual(['bbs', 'qa']);
    for (const s of out.sources) {
      expect(s.status).toBe('done');
      expect(s.jobState).toBe('completed');
      expect(s.stats.pages).toBeGreaterThan(0);
      expect(s.posts).toBeGreaterThan(0);
      expect(s.pagesNotAnalysed).toBe(0);
      expect(s.postsNotLinked).toBe(0);
    }
    // The sandbox's forum carries planted sellers within its first pages.
    expect(out.sources.find((s) => s.sourceId === 'bbs')!.flagged).toBeGreaterThan(0);
    expect(out.owed).toEqual({ pagesNotAnalysed: 0, picturesNotRead: 0, postsNotLinked: 0 });
    // Not on a terminal: JSON records, each key once (the crawl's child logger binds `source`).
    const records = r.stderr.split('\n').filter((l) => l.startsWith('{'));
    expect(records.some((l) => l.includes('"crawl finished"'))).toBe(true);
    for (const l of records) expect(repeatedKeys(l), l).toEqual([]);
  });

  it('refuses --all with --source', { timeout: 200_000 }, async () => {
    const both = await certwatch(['--all', '--source', 'bbs'], 'both');
    expect(both.status).toBe(2);
    expect(both.stderr).toContain('--source and --all');
  });
});
