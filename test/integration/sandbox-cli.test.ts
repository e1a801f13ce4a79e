// `certwatch sandbox` as an operator runs it: prints the portal URL, writes the truth file,
// serves until SIGTERM and exits 0; bad options exit 2 with a message.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findFreePort } from '../../sandbox/index.js';

const bin = resolve(import.meta.dirname, '../../bin/certwatch.mjs');

function run(args: string[]): { out: () => string; err: () => string; exit: Promise<number | null>; kill: () => void } {
  const child = spawn(process.execPath, [bin, 'sandbox', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  return { out: () => out, err: () => err, exit: new Promise((r) => child.on('exit', (code) => r(code))), kill: () => child.kill('SIGTERM') };
}

describe('certwatch sandbox', () => {
  it('serves until SIGTERM, prints the portal URL and writes the truth', async () => {
    const port = await findFreePort();
    const dir = mkdtempSync(`${tmpdir()}/sbcli-`);
    const p = run(['--port', String(port), '--seed', '5', '--day', '2', '--truth', `${dir}/truth.json`, '--access-log', `${dir}/access.jsonl`]);
    const portal = `http://127.0.0.1:${port}/`;
    for (let i = 0; i < 100 && !p.out().includes(portal); i++) await new Promise((r) => setTimeout(r, 100));
    expect(p.out()).toContain(portal);
    const page = await fetch(portal);
    expect(await page.text()).toContain('127.0.0.2');
    const truth = JSON.parse(readFileSync(`${dir}/truth.json`, 'utf8')) as { seed: number; day: number; sellers: unknown[] };
    expect([truth.seed, truth.day]).toEqual([5, 2]);
    expect(truth.sellers.length).toBeGreaterThanOrEqual(30);
    p.kill();
    expect(await p.exit).toBe(0);
    expect(readFileSync(`${dir}/access.jsonl`, 'utf8')).toContain('"path":"/"');
  });

  it('rejects bad options with exit code 2', async () => {
    const missing = run([]);
    const bad = run(['--port', '80000']);
    const scale = run(['--port', '9999', '--scale', 'x']);
    expect(await Promise.all([missing.exit, bad.exit, scale.exit])).toEqual([2, 2, 2]);
    expect(missing.err()).toContain('--port');
    expect(scale.err()).toContain('--scale');
  });
});
