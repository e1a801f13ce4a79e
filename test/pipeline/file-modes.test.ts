// Evidence on disk is private: the data dir is 0700 (made so, or narrowed when it exists) and
// every blob (raw pages, captures, kept packs) is written 0640, whatever the process umask allows.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openApp } from '../../pipeline/app/context.js';
import { configSchema } from '../../pipeline/config/schema.js';
import { BlobStore } from '../../pipeline/storage/blob-store.js';
import { createLogger } from '../../pipeline/app/logger.js';
import { tempDir } from '../support/services.js';

let dir: ReturnType<typeof tempDir>;
const mode = (p: string) => statSync(p).mode & 0o777;
let umask: number;

beforeAll(() => {
  dir = tempDir('certwatch-modes-');
  umask = process.umask(0o022);
});
afterAll(() => {
  process.umask(umask);
  dir?.remove();
});

describe('the data dir', () => {
  it('is made 0700 by openApp, and an existing 0755 one is narrowed to 0700', async () => {
    const fresh = join(dir.path, 'fresh');
    const existing = join(dir.path, 'existing');
    mkdirSync(existing, { mode: 0o755 });
    chmodSync(existing, 0o755);
    for (const dataDir of [fresh, existing]) {
      const ctx = await openApp({ config: configSchema.parse({ dataDir }), redis: false, log: createLogger('t', 'silent') });
      await ctx.close();
      expect(mode(dataDir), dataDir).toBe(0o700);
    }
  }, 120_000);
});

describe('blobs', () => {
  it('are written 0640, from bytes and from a file (how packs are kept)', async () => {
    const blobs = new BlobStore(join(dir.path, 'blobs'));
    const sha = blobs.put(Buffer.from('出售电工证'));
    expect(mode(blobs.pathOf(sha))).toBe(0o640);
    const src = join(dir.path, 'pack.zip');
    writeFileSync(src, 'PK fake pack', { mode: 0o644 });
    const kept = await blobs.putFile(src);
    expect(mode(blobs.pathOf(kept.sha256))).toBe(0o640);
  });
});
