// The installation identity: made once per database, kept across migrations, different for a
// fresh database — and the queue namespace openApp derives from it on the same Redis prefix.
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../pipeline/storage/migrate.js';
import { readInstallationId } from '../../pipeline/storage/installation.js';
import { installationQueuePrefix } from '../../pipeline/queues/namespace.js';
import { openApp } from '../../pipeline/app/context.js';
import { configSchema } from '../../pipeline/config/schema.js';
import { createLogger } from '../../pipeline/app/logger.js';
import { tempDir, testDatabase, TEST_REDIS_URL, uniqueName, type TestDatabase } from '../support/services.js';

describe.each(['postgres', 'pglite'] as const)('installation id on %s', (kind) => {
  const dbs: TestDatabase[] = [];
  afterAll(async () => {
    for (const t of dbs) await t.drop();
  });

  it('is made once, survives another migrate, and differs between two fresh databases', async () => {
    const a = await testDatabase(kind);
    dbs.push(a);
    const id = await readInstallationId(a.db);
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect(await migrate(a.db)).toEqual([]);
    expect(await readInstallationId(a.db)).toBe(id);
    const b = await testDatabase(kind);
    dbs.push(b);
    expect(await readInstallationId(b.db)).not.toBe(id);
    expect((await installationQueuePrefix(a.db, 'cw')).queuePrefix).toBe(`cw:${id}`);
  });
});

describe('openApp', () => {
  it('puts the queues under the configured prefix plus the installation id', async () => {
    const dir = tempDir('certwatch-app-');
    const prefix = uniqueName('cwapp');
    const ctx = await openApp({
      config: configSchema.parse({ dataDir: dir.path, queuePrefix: prefix, redisUrl: TEST_REDIS_URL }),
      log: createLogger('test', 'silent'),
    });
    try {
      expect(ctx.installationId).toMatch(/^[0-9a-f]{16}$/);
      expect(ctx.config.queuePrefix).toBe(`${prefix}:${ctx.installationId}`);
      expect(ctx.queue('analyze').opts.prefix).toBe(ctx.config.queuePrefix);
    } finally {
      await ctx.close();
      dir.remove();
    }
  });
});
