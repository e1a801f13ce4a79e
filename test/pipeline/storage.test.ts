// Storage: the one schema migrates on real PostgreSQL and on PGlite, twice without
// harm, and the blob store addresses bytes by their SHA-256.
import { afterAll, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { dirname } from 'node:path';
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

  it('stores the same way off the event loop: same address and bytes, a stored blob refreshed, no temp file left', async () => {
    const dir = tempDir();
    const store = new BlobStore(dir.path);
    const bytes = Buffer.from('<html>出售电工证 包过</html>');
    const sha = await store.putAsync(bytes);
    expect(sha).toBe(BlobStore.sha256(bytes));
    expect(store.put(bytes)).toBe(sha);
    expect(readFileSync(store.pathOf(sha)).equals(bytes)).toBe(true);
    const old = new Date(Date.now() - 48 * 3600_000);
    utimesSync(store.pathOf(sha), old, old);
    expect(await store.putAsync(bytes)).toBe(sha);
    expect(statSync(store.pathOf(sha)).mtimeMs).toBeGreaterThan(old.getTime() + 3600_000);
    // Twenty writers of one blob at once: one file, no temp files beside it.
    const many = Buffer.from('the same body met by twenty pages');
    const shas = await Promise.all(Array.from({ length: 20 }, () => store.putAsync(many)));
    expect(new Set(shas)).toEqual(new Set([BlobStore.sha256(many)]));
    for (const s of [sha, shas[0]!]) expect(readdirSync(dirname(store.pathOf(s)))).toEqual([s]);
    dir.remove();
  });
});
