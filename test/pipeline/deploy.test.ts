// docker-compose.yml, the Dockerfile and .dockerignore, linted: every certwatch service runs a
// real subcommand with real queues and files, secrets come from the environment, the image
// keeps keys and data out and fails on a failed install. Brought up only where Docker runs.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { matchesGlob } from 'node:path';
import { parse } from 'yaml';
import { QUEUE_NAMES } from '../../pipeline/queues/names.js';
import { ENV_OVERRIDES } from '../../pipeline/config/schema.js';

interface Service {
  command?: string[];
  healthcheck?: { test: string[] };
  shm_size?: string;
  init?: boolean;
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  volumes?: string[];
  image?: string;
}

const composeText = readFileSync('docker-compose.yml', 'utf8');
const compose = parse(composeText, { merge: true }) as { services: Record<string, Service> };
const appServices = Object.entries(compose.services).filter(([, s]) => s.image === 'certwatch:latest');

describe('docker-compose.yml', () => {
  it('has Redis with AOF, PostgreSQL, scheduler, workers and dashboard', () => {
    expect(compose.services.redis?.command).toContain('--appendonly');
    expect(compose.services.postgres).toBeDefined();
    const commands = appServices.map(([, s]) => s.command?.[0]);
    expect(commands).toEqual(expect.arrayContaining(['scheduler', 'worker', 'dashboard']));
  });

  it('builds from a Dockerfile that exists and mounts files that exist', () => {
    for (const [, s] of appServices) {
      expect(existsSync(s.build!.dockerfile)).toBe(true);
      for (const v of s.volumes ?? []) {
        const host = v.split(':')[0]!;
        if (host.startsWith('./')) expect(existsSync(host), host).toBe(true);
      }
    }
  });

  it('sets only environment variables certwatch reads', () => {
    const known = new Set([...Object.keys(ENV_OVERRIDES), 'CERTWATCH_ADMIN_USER', 'CERTWATCH_ADMIN_PASSWORD']);
    expect(known.has('CERTWATCH_HEARTBEAT_FILE')).toBe(true);
    for (const [name, s] of appServices) {
      for (const key of Object.keys(s.environment ?? {})) expect(known.has(key), `${name}: ${key}`).toBe(true);
    }
  });

  it.each(appServices.map(([name, s]) => [name, s.command!] as const))('%s runs a real subcommand with valid options', (_name, command) => {
    const help = execFileSync('node', ['bin/certwatch.mjs', command[0]!, '--help'], { encoding: 'utf8' });
    expect(help.length).toBeGreaterThan(20);
    const qi = command.indexOf('--queues');
    if (qi >= 0) {
      for (const q of command[qi + 1]!.split(',')) expect(QUEUE_NAMES as readonly string[]).toContain(q);
    }
  });
});

/** .dockerignore's rule: a path is left out when a pattern matches it or one of its folders. */
function dockerIgnored(patterns: string[], path: string): boolean {
  const parts = path.split('/');
  const prefixes = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  return patterns.some((p) => prefixes.some((q) => matchesGlob(q, p.replace(/^\//, ''))));
}

describe('the image', () => {
  const ignore = readFileSync('.dockerignore', 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const dockerfile = readFileSync('pipeline/deploy/Dockerfile', 'utf8');
  const runLines = dockerfile.replace(/\\\n/g, ' ').split('\n').filter((l) => /^RUN\s/.test(l));

  it('keeps the data dir, keys, secrets, node_modules, git and test output out of `COPY . .`', () => {
    expect(ignore.some((p) => p.startsWith('!')), 'no re-includes').toBe(false);
    for (const path of [
      'data/keys/signing-key.pem',
      'data/pglite/base/1',
      'data/blobs/ab/cdef',
      'data/demo.log',
      'node_modules/pino/package.json',
      'sandbox/node_modules/x/index.js',
      '.git/HEAD',
      '.env',
      '.env.production',
      'server.pem',
      'deploy/tls/site.key',
      'keys/signing-key.pem',
      'certwatch.yaml',
      'test/.tmp/run1/out.zip',
      'coverage/index.html',
      'worker.log',
    ]) {
      expect(dockerIgnored(ignore, path), path).toBe(true);
    }
  });

  it('still copies every tracked file the app runs from', () => {
    const tracked = execFileSync('git', ['ls-files'], { encoding: 'utf8' }).split('\n').filter(Boolean);
    const left = tracked.filter((f) => dockerIgnored(ignore, f));
    // Only the repository's own plumbing stays out.
    expect(left.filter((f) => !/^(\.ci\/|\.gitignore$|docker-compose\.yml$)/.test(f))).toEqual([]);
    for (const needed of ['bin/certwatch.mjs', 'cli/main.ts', 'classifiers/model/default-model.json', 'pipeline/storage/migrations/001_init.sql', 'sandbox/sources.yaml']) {
      expect(tracked).toContain(needed);
      expect(dockerIgnored(ignore, needed), needed).toBe(false);
    }
  });

  it('fails the build when the install fails, and runs as a user without secrets baked in', () => {
    const installs = runLines.filter((l) => /\bnpm (ci|install)\b/.test(l));
    expect(installs).toHaveLength(1);
    expect(installs[0]).toMatch(/npm ci --omit=dev/);
    for (const l of runLines) expect(l, 'a fallback hides a failed step').not.toMatch(/\|\||;\s*true\b|\|\s*true\b/);
    expect(dockerfile).toMatch(/^USER\s+(?!root)\S+/m);
    expect(dockerfile).not.toMatch(/^(ENV|ARG)\s.*(PASSWORD|SECRET|TOKEN|DATABASE_URL)/im);
  });
});

describe('docker-compose.yml for unattended running', () => {
  it('checks the dashboard on /healthz without a session and the other services by their heartbeat', () => {
    const dashboard = compose.services.dashboard!;
    const test = dashboard.healthcheck?.test.join(' ') ?? '';
    expect(test).toContain('/healthz');
    expect(test).toContain(':8080/');
    // Services without a port prove they live by a heartbeat file their environment names.
    for (const [name, s] of appServices.filter(([n]) => n !== 'dashboard')) {
      const file = s.environment?.CERTWATCH_HEARTBEAT_FILE;
      expect(file, `${name} heartbeat file`).toMatch(/^\//);
      expect(s.healthcheck?.test.join(' '), `${name} healthcheck`).toContain(file!);
    }
    // What the other services wait on before starting.
    for (const name of ['redis', 'postgres']) expect(compose.services[name]!.healthcheck, name).toBeDefined();
  });

  it('gives Chromium room in /dev/shm and an init that reaps it wherever a browser runs', () => {
    const browserQueues = ['crawl', 'capture', 'export'];
    for (const [name, s] of appServices) {
      const qi = s.command!.indexOf('--queues');
      const queues = s.command![0] === 'worker' ? (qi >= 0 ? s.command![qi + 1]!.split(',') : ['crawl']) : [];
      if (queues.some((q) => browserQueues.includes(q))) {
        expect(s.shm_size, `${name} shm_size`).toBeDefined();
        expect(parseInt(s.shm_size!, 10) * (/gb?$/i.test(s.shm_size!) ? 1024 : 1)).toBeGreaterThanOrEqual(512);
      }
      expect(s.init, `${name} init`).toBe(true);
    }
  });

  it('takes every secret from the environment, none written in the file', () => {
    for (const [name, s] of Object.entries(compose.services)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (/PASSWORD|SECRET|TOKEN/.test(key)) expect(value, `${name}.${key}`).toMatch(/^\$\{[A-Z_]+:\?[^}]*\}$/);
        const creds = /:\/\/[^/@\s]*:([^@\s]*)@/.exec(value);
        if (creds) expect(creds[1], `${name}.${key} password`).toMatch(/^\$\{[A-Z_]+:\?[^}]*\}$/);
      }
    }
    expect(composeText).not.toMatch(/^\s*POSTGRES_PASSWORD:\s*[^$\s]/m);
  });

  // No Docker engine runs on the development machine; where one does, the stack must come up.
  const engine = spawnSync('docker', ['info'], { encoding: 'utf8', timeout: 20_000 });
  const noEngine = engine.status === 0 ? undefined : `no Docker engine (\`docker info\` ${engine.error ? `could not run: ${engine.error.message}` : `exited ${engine.status}`})`;
  it('comes up healthy where a Docker engine runs', { timeout: 1_800_000 }, (ctx) => {
    if (noEngine) ctx.skip(noEngine);
    const env = { ...process.env, POSTGRES_PASSWORD: `pw${process.pid}`, CERTWATCH_ADMIN_USER: 'admin', CERTWATCH_ADMIN_PASSWORD: `admin-${process.pid}-pw`, COMPOSE_PROJECT_NAME: `certwatch-test-${process.pid}` };
    try {
      const up = spawnSync('docker', ['compose', 'up', '--build', '--detach', '--wait', '--wait-timeout', '600'], { env, encoding: 'utf8', timeout: 1_500_000 });
      expect(up.status, up.stderr).toBe(0);
      const ps = spawnSync('docker', ['compose', 'ps', '--format', 'json'], { env, encoding: 'utf8' });
      expect(ps.stdout).toContain('dashboard');
      expect(ps.stdout).not.toMatch(/unhealthy/);
    } finally {
      spawnSync('docker', ['compose', 'down', '--volumes'], { env, encoding: 'utf8', timeout: 300_000 });
    }
  });
});
