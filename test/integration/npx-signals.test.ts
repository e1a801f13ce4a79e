// `npx certwatch worker` is how the README starts a worker: a signal to the npx process must
// drain the node worker and leave no process of that tree behind (npx signals only its shell).
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { tempDir, TEST_REDIS_URL, uniqueName } from '../support/services.js';
import { until } from './child-worker.js';

/** Every live process in a process group (the npx, its shell and node share the one we make). */
function groupMembers(pgid: number): string[] {
  const out = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => Number(f[1]) === pgid && !f[2]!.startsWith('Z'))
    .map((f) => `${f[0]} ${f.slice(3).join(' ')}`);
}

describe('a worker started through npx', () => {
  const dir = tempDir();
  const leftovers: number[] = [];
  afterAll(() => {
    for (const g of leftovers) {
      try {
        process.kill(-g, 'SIGKILL');
      } catch {
        // Already gone: what the test wants.
      }
    }
    dir.remove();
  });

  // SIGTERM goes to the npx process alone (a supervisor, `kill PID`), which hands it only to its
  // shell; SIGINT goes to the whole group, as Ctrl-C on a terminal does (a SIGINT to npx alone is
  // held by dash until its child exits, so no process below it can ever see that one).
  it.each([
    ['SIGTERM', 'the npx process'],
    ['SIGINT', 'the terminal\'s process group'],
  ] as const)('drains and exits on %s to %s, leaving no process behind', { timeout: 240_000 }, async (signal, target) => {
    // Its own process group, so "the tree" can be found even after node is re-parented.
    const npx = spawn('npx', ['certwatch', 'worker', '--queues', 'link'], {
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        CERTWATCH_DATA_DIR: `${dir.path}/${signal}`,
        CERTWATCH_QUEUE_PREFIX: uniqueName('npxsig'),
        CERTWATCH_SOURCES: 'sandbox/sources.yaml',
        CERTWATCH_SANDBOX_PORT: '8999',
        REDIS_URL: TEST_REDIS_URL,
        CERTWATCH_LOG_LEVEL: 'info',
        CERTWATCH_HEARTBEAT_FILE: `${dir.path}/${signal}.alive`,
      },
    });
    const pgid = npx.pid!;
    leftovers.push(pgid);
    let out = '';
    npx.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    npx.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    await until(async () => out.includes('worker ready'), 180_000, `the worker to be ready:\n${out}`);
    expect(groupMembers(pgid).some((p) => p.includes('certwatch worker'))).toBe(true);
    // The container healthcheck's file: written while the worker lives, removed when it drains.
    await until(async () => existsSync(`${dir.path}/${signal}.alive`), 30_000, 'the heartbeat file');

    if (target === 'the npx process') npx.kill(signal);
    else process.kill(-pgid, signal);
    await until(async () => groupMembers(pgid).length === 0, 60_000, `no process left in the tree, have:\n${groupMembers(pgid).join('\n')}\n${out}`);
    expect(out).toContain('worker drained');
    expect(existsSync(`${dir.path}/${signal}.alive`)).toBe(false);
  });
});
