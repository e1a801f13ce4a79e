// Bad configuration stops the pipeline commands before any work with exit code 2 and a
// message that names the key: env values, the sources file, and command options.
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../support/services.js';

function certwatch(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, ['bin/certwatch.mjs', ...args], {
    env: { ...process.env, CERTWATCH_LOG_LEVEL: 'warn', ...env },
    encoding: 'utf8',
    // At a load average of 25 one start took 99 s: spawnSync's timeout killed it and the test read exit 1.
    timeout: 240_000,
  });
  return { code: r.status, err: r.stderr };
}

describe('bad config exits 2 naming the key', () => {
  const dir = tempDir();

  it('rejects a bad env override', () => {
    const r = certwatch(['worker', '--queues', 'link'], { CERTWATCH_LOCK_MS: 'soon', CERTWATCH_DATA_DIR: dir.path });
    expect(r.code).toBe(2);
    expect(r.err).toContain('workers.lockDurationMs');
    expect(r.err).toContain('CERTWATCH_LOCK_MS');
  });

  it('rejects a sources file with a bad key, naming the source and the key', () => {
    const file = join(dir.path, 'sources.yaml');
    writeFileSync(file, 'sources:\n  - id: forum\n    name: F\n    seeds: ["http://127.0.0.2/"]\n    schedule: "every day"\n');
    const r = certwatch(['scheduler', '--once'], { CERTWATCH_SOURCES: file, CERTWATCH_DATA_DIR: dir.path, CERTWATCH_QUEUE_PREFIX: `badcfg${process.pid}` });
    expect(r.code, r.err).toBe(2);
    expect(r.err).toContain('sources[0].schedule');
    expect(r.err).toContain('forum');
  });

  it.each([
    ['an out-of-range cron', 'schedule: "99 99 99 99 99"', 'sources[0].schedule', /0-59/],
    ['minute 61', 'schedule: "61 */4 * * *"', 'sources[0].schedule', /61/],
    ['a broken selector', 'selectors: { post: "div[" }', 'sources[0].selectors.post', /CSS selector/],
    ['a non-web reveal URL', 'reveal: [{ name: phone, match: "*", url: "file:///etc/passwd" }]', 'sources[0].reveal[0].url', /http\(s\)/],
  ])('refuses %s at load, before BullMQ sees it, naming the source and the key', (_label, line, key, reason) => {
    const file = join(dir.path, `sources-${key.replace(/\W/g, '')}.yaml`);
    writeFileSync(file, `sources:\n  - id: forum-cn\n    name: F\n    seeds: ["http://127.0.0.2/"]\n    ${line}\n`);
    // No Redis answers at this URL: the sources file is judged before anything is connected.
    const r = certwatch(['scheduler', '--once'], { CERTWATCH_SOURCES: file, CERTWATCH_DATA_DIR: dir.path, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(r.code, r.err).toBe(2);
    expect(r.err).not.toContain('REDIS_URL');
    expect(r.err).toContain(key);
    expect(r.err).toContain('"forum-cn"');
    expect(r.err).toMatch(reason);
  });

  it('rejects an unreachable Redis URL and unknown queue or format names', { timeout: 300_000 }, () => {
    // A valid sources file: it is judged before Redis is tried.
    const redis = certwatch(['worker'], { REDIS_URL: 'redis://127.0.0.1:1', CERTWATCH_DATA_DIR: dir.path, CERTWATCH_SOURCES: 'sandbox/sources.yaml' });
    expect(redis.code).toBe(2);
    expect(redis.err).toContain('REDIS_URL');
    const queue = certwatch(['worker', '--queues', 'crawl,nonsense']);
    expect(queue.code).toBe(2);
    expect(queue.err).toContain("unknown queue 'nonsense'");
    const format = certwatch(['leads', '--format', 'pdf']);
    expect(format.code).toBe(2);
    expect(format.err).toContain('--format');
    const crawl = certwatch(['crawl']);
    expect(crawl.code).toBe(2);
    expect(crawl.err).toContain('--source');
    dir.remove();
  });
});
