// The README's Quick start is two commands, and they are the scripts CI runs: this test reads the
// README and the scripts so that a new user's first run and CI's can never drift apart.
import { execFileSync } from 'node:child_process';
import { accessSync, constants, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const read = (p: string) => readFileSync(`${ROOT}/${p}`, 'utf8');

function quickStartCommands(): string[] {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## Quick start'), readme.indexOf('\n## ', readme.indexOf('## Quick start') + 3));
  const blocks = [...section.matchAll(/```sh\n([\s\S]*?)```/g)].map((m) => m[1]!);
  expect(blocks).toHaveLength(1);
  return blocks[0]!
    .split('\n')
    .map((l) => l.replace(/#.*/, '').trim())
    .filter(Boolean);
}

describe('the Quick start', () => {
  it('is exactly two commands: bin/demo and bin/test', () => {
    expect(quickStartCommands()).toEqual(['bin/demo', 'bin/test']);
  });

  it('names scripts that exist, are executable and parse', () => {
    for (const script of ['bin/demo', 'bin/test', '.ci/run']) {
      accessSync(`${ROOT}/${script}`, constants.X_OK);
      expect(read(script).startsWith('#!/usr/bin/env bash\n')).toBe(true);
      execFileSync('bash', ['-n', `${ROOT}/${script}`]);
    }
  });

  it('is what CI runs: .ci/run hands over to bin/test', () => {
    const lines = read('.ci/run').split('\n').filter((l) => l.trim() && !l.startsWith('#'));
    expect(lines.at(-1)).toBe('exec bin/test');
  });

  it('installs for the tests everything bin/demo installs for the demo', () => {
    const packages = (script: string) => [...read(script).matchAll(/\S+=([a-z0-9-]+)/g)].map((m) => m[1]!);
    const demo = packages('bin/demo');
    expect(demo).toContain('chromium');
    expect(packages('bin/test')).toEqual(expect.arrayContaining([...demo, 'poppler-utils', 'postgresql']));
  });

  it('runs bin/demo through its checks to the demo command itself', () => {
    // Check-only: a test never installs (npm ci here would rewrite the node_modules it runs from).
    const env = { ...process.env, CERTWATCH_CHECK_ONLY: '1' };
    const out = execFileSync(`${ROOT}/bin/demo`, ['--help'], { cwd: ROOT, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(out).toMatch(/usage: certwatch demo/);
  });
});
