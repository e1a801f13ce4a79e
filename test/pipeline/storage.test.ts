// Storage: the one schema migrates on real PostgreSQL and on PGlite, twice without
// harm, and the blob store addresses bytes by their SHA-256.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { migrate } from '../../pipeline/storage/migrate.js';
import { BlobStore } from '../../pipeline/storage/blob-store.js';
import { openDatabase } from '../../pipeline/storage/database.js';
import { ConfigError } from '../../core/errors.js';
import { tempDir, testDatabase, type TestDatabase } from '../support/services.js';

describe.each(['postgres', 'pglite'] as const)('schema on %s', (kind) => {
  let t: TestDatabase;
  afterAll(async () => t?.drop());

  it('migrates, is idempotent, and round-trips rows with json and timestamps', async () => {
    t = await testDatabase(kind);
    expect(await migrate(t.db)).toEqual([]);
    await t.db.query(`INSERT INTO sources (id, name, platform, render) VALUES ('s1', 'S', 'bbs', 'http')`);
    const r = await t.db.query<{ id: string; config: unknown; updated_at: Date; n: number }>(
      `SELECT id, config, updated_at, (SELECT count(*) FROM sources) AS n FROM sources`,
    );
    expect(r.rows[0]).toMatchObject({ id: 's1', config: {}, n: 1 });
    expect(r.rows[0]!.updated_at).toBeInstanceOf(Date);
  });

  it('rolls back a failed transaction', async () => {
    await expect(
      t.db.tx(async (q) => {
        await q.query(`INSERT INTO sources (id, name, platform, render) VALUES ('s2', 'S', 'bbs', 'http')`);
        await q.query(`INSERT INTO sources (id, name, platform, render) VALUES ('s3', 'S', 'bbs', 'nonsense')`);
      }),
    ).rejects.toThrow();
    const r = await t.db.query(`SELECT id FROM sources WHERE id = 's2'`);
    expect(r.rows).toHaveLength(0);
  });
});

describe('PGlite data dir', () => {
  it('refuses a second opener with a message that names DATABASE_URL', async () => {
    const dir = tempDir();
    const first = await openDatabase({ dataDir: dir.path });
    // Simulate another live process holding the lock (our parent's pid is alive and not us).
    const lock = `${dir.path}/pglite/certwatch.lock`;
    expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
    await first.close();
    expect(existsSync(lock)).toBe(false);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(lock, String(process.ppid));
    await expect(openDatabase({ dataDir: dir.path })).rejects.toThrow(ConfigError);
    await expect(openDatabase({ dataDir: dir.path })).rejects.toThrow(/DATABASE_URL/);
    dir.remove();
  });
});

describe('BlobStore', () => {
  it('stores by sha256, dedups, and rejects non-addresses', async () => {
    const dir = tempDir();
    const store = new BlobStore(dir.path);
    const sha = store.put(Buffer.from('电工证 GBK? no, utf-8'));
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(store.put(Buffer.from('电工证 GBK? no, utf-8'))).toBe(sha);
    expect((await store.get(sha)).toString()).toBe('电工证 GBK? no, utf-8');
    expect(() => store.pathOf('../../etc/passwd')).toThrow(/sha256/);
    dir.remove();
  });
});
