// One redaction for every URL certwatch prints: connection URLs keep their passwords out of
// log lines (fields and messages) and out of the errors the CLI prints.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { tempDir } from '../support/services.js';
import { redactFields, redactSecrets, redactUrl } from '../../core/redact-url.js';

const SECRET = 'hunter2-s3cret';

describe('redactUrl and redactSecrets', () => {
  it('mask the password of Redis, PostgreSQL and web URLs, and leave the rest alone', () => {
    expect(redactUrl(`redis://:${SECRET}@h:6380/2`)).toBe('redis://:***@h:6380/2');
    expect(redactUrl(`postgres://bob:${SECRET}@db.local:5432/certwatch`)).toBe('postgres://bob:***@db.local:5432/certwatch');
    expect(redactUrl('redis://h:6379')).toBe('redis://h:6379');
    expect(redactUrl(`not a url ${SECRET}`)).toBe('(unparsable URL)');
    const text = `no Redis answers at redis://:${SECRET}@10.0.0.5:6379 nor postgres://app:${SECRET}@db/x; see https://example.org/a@b`;
    const out = redactSecrets(text);
    expect(out).not.toContain(SECRET);
    expect(out).toContain('redis://:***@10.0.0.5:6379');
    expect(out).toContain('postgres://app:***@db/x');
    expect(out).toContain('https://example.org/a@b');
    expect(JSON.stringify(redactFields({ url: `redis://:${SECRET}@h`, nested: { list: [`postgres://u:${SECRET}@h/d`] }, n: 3 }))).not.toContain(SECRET);
  });
});

describe('when a URL with a password reaches a log line or a printed error', () => {
  it('the logger prints it masked, in fields and in messages', () => {
    const dir = tempDir();
    const file = join(dir.path, 'log-secret.mts');
    writeFileSync(file, `import { createLogger } from '${resolve('pipeline/app/logger.ts')}';
const log = createLogger('t');
log.warn({ url: 'redis://:${SECRET}@10.0.0.5:6379', err: new Error('at postgres://bob:${SECRET}@db/x') }, 'cannot reach redis://:${SECRET}@10.0.0.5:6379');`);
    const r = spawnSync(process.execPath, ['bin/run-ts.mjs', file], { encoding: 'utf8', timeout: 60_000 });
    dir.remove();
    const out = r.stdout + r.stderr;
    expect(out).toContain('redis://:***@10.0.0.5:6379');
    expect(out).not.toContain(SECRET);
  });

  it('the CLI prints the error of a failing command masked', () => {
    const r = spawnSync(process.execPath, ['bin/certwatch.mjs', 'verify', 'x.zip', '--key', `postgres://bob:${SECRET}@db/x`], { encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('postgres://bob:***@db/x');
    expect(r.stderr).not.toContain(SECRET);
  });
});
