// docker-compose.yml cannot run here (no Docker engine), so this checks what it can:
// every certwatch service runs a real subcommand, names real queues and real files.
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { parse } from 'yaml';
import { QUEUE_NAMES } from '../../pipeline/queues/names.js';
import { ENV_OVERRIDES } from '../../pipeline/config/schema.js';

interface Service {
  command?: string[];
  build?: { context: string; dockerfile: string };
  environment?: Record<string, string>;
  volumes?: string[];
  image?: string;
}

const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service> };
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
