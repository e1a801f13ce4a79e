// The pack-signing key: made once with a private file only its owner can read, reused
// afterwards, refused when exposed; and the `certwatch keys` command around it.
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ensureKeys, loadKeys, KeyError } from '../../evidence/index.js';
import { signDetached, verifyDetached } from '../../evidence/signing-keys.js';
import { tempDir } from '../support/services.js';

const dirs: ReturnType<typeof tempDir>[] = [];
afterAll(() => dirs.forEach((d) => d.remove()));

function dataDir(): string {
  const d = tempDir('certwatch-keys-');
  dirs.push(d);
  return d.path;
}

describe('signing keys', () => {
  it('makes an Ed25519 pair once (private key 0600, dir 0700) and reuses it', () => {
    const dir = dataDir();
    const a = ensureKeys(dir);
    expect(a.created).toBe(true);
    expect(statSync(join(dir, 'keys', 'signing-key.pem')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'keys')).mode & 0o777).toBe(0o700);
    const b = ensureKeys(dir);
    expect(b.created).toBe(false);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(a.fingerprint).toMatch(/^([0-9a-f]{2}:){31}[0-9a-f]{2}$/);
    const data = Buffer.from('manifest');
    const sig = signDetached(a, data);
    expect(verifyDetached(a.publicKeyPem, data, sig)).toBe(true);
    expect(verifyDetached(a.publicKeyPem, Buffer.from('manifesT'), sig)).toBe(false);
  });

  it('refuses a private key others can read, and a missing one, saying what to do', () => {
    const dir = dataDir();
    expect(() => loadKeys(dir)).toThrow(/certwatch keys init/);
    ensureKeys(dir);
    chmodSync(join(dir, 'keys', 'signing-key.pem'), 0o644);
    expect(() => loadKeys(dir)).toThrow(KeyError);
    expect(() => loadKeys(dir)).toThrow(/chmod 600/);
  });

  it('certwatch keys init / show / path', () => {
    const dir = dataDir();
    const run = (...args: string[]) =>
      spawnSync(process.execPath, ['bin/certwatch.mjs', 'keys', ...args], { encoding: 'utf8', env: { ...process.env, CERTWATCH_DATA_DIR: dir }, timeout: 60_000 });
    const missing = run('show');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('certwatch keys init');
    const init = run('init');
    expect(init.status).toBe(0);
    expect(init.stdout).toContain('made a new signing key');
    const fp = /fingerprint \(SHA-256\): (\S+)/.exec(init.stdout)![1];
    expect(fp).toBe(loadKeys(dir).fingerprint);
    const show = run();
    expect(show.stdout).toContain('-----BEGIN PUBLIC KEY-----');
    expect(show.stdout).toContain(fp);
    expect(run('path').stdout.trim()).toBe(join(dir, 'keys'));
    expect(run('rotate').status).toBe(2);
  });
});
