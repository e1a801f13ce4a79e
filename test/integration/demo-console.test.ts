// The demo's console is for people: progress lines and the summary, no JSON log records, which
// go to demo.log in its data dir (each key once per record) unless --print-logs asks for them.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findFreePort } from '../../sandbox/index.js';
import { tempDir, TEST_REDIS_URL, uniqueName } from '../support/services.js';
import { repeatedKeys } from '../support/json-keys.js';
import { sandboxRegistry } from './sandbox-sources.js';
import { writeSourcesFile } from './child-worker.js';

describe('certwatch demo --once on the console', () => {
  const dir = tempDir();
  afterAll(() => dir.remove());

  it('shows progress and the summary, and writes its log records to a file', { timeout: 400_000 }, async () => {
    const port = await findFreePort();
    const sources = writeSourcesFile(dir.path, sandboxRegistry(port, ['bbs'], 25).list);
    const r = spawnSync(process.execPath, ['bin/certwatch.mjs', 'demo', '--once', '--port', String(port), '--sources', sources, '--capture-wait', '0'], {
      env: { ...process.env, CERTWATCH_DATA_DIR: join(dir.path, 'data'), CERTWATCH_QUEUE_PREFIX: uniqueName('democon'), REDIS_URL: TEST_REDIS_URL, CERTWATCH_CAPTURE: 'false', CERTWATCH_LOG_LEVEL: 'info' },
      encoding: 'utf8',
      timeout: 380_000,
    });
    expect(r.status, r.stderr).toBe(0);
    const console_ = r.stderr;
    expect(console_).toContain('certwatch demo: one full cycle');
    expect(console_).toMatch(/pages\s+\d+/);
    expect(console_).not.toMatch(/^\{"level"/m);
    const logFile = join(dir.path, 'data', 'demo.log');
    expect(console_).toContain(`log records: ${logFile}`);
    expect(existsSync(logFile)).toBe(true);
    const records = readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    expect(records.length).toBeGreaterThan(0);
    for (const line of records) expect(repeatedKeys(line), line).toEqual([]);
    expect(records.some((l) => (JSON.parse(l) as { msg?: string }).msg === 'crawl finished')).toBe(true);
  });
});
