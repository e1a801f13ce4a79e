// Content-addressed files for raw pages, screenshots and WARCs: the address is the
// SHA-256 of the bytes, so storing twice is free and a stored blob proves its content.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import { link, mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { EVIDENCE_FILE_MODE } from './data-dir.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Directories known to exist: at most 65,536 (two hex levels), so the set stays small. */
const MAX_KNOWN_DIRS = 65_536;

/** This process's temp-name prefix: random once, so writers in other processes (or pid namespaces) never collide. */
const TMP_PREFIX = `${process.pid}.${randomBytes(4).toString('hex')}`;
let tmpCount = 0;

/** A name no other write uses: a counter, since fresh random bytes per write showed in the crawl's profile. */
function tmpPathFor(path: string): string {
  return `${path}.${TMP_PREFIX}.${(tmpCount++).toString(36)}.tmp`;
}

export class BlobStore {
  private readonly knownDirs = new Set<string>();

  constructor(readonly root: string) {}

  static sha256(bytes: Buffer | string): string {
    return createHash('sha256').update(bytes).digest('hex');
  }

  pathOf(sha: string): string {
    if (!SHA256_HEX.test(sha)) throw new Error(`not a sha256 address: ${sha.slice(0, 80)}`);
    return join(this.root, 'sha256', sha.slice(0, 2), sha.slice(2, 4), sha);
  }

  /** Stores bytes and returns their SHA-256; a write is atomic (temp file + rename). */
  put(bytes: Buffer): string {
    const sha = BlobStore.sha256(bytes);
    const path = this.pathOf(sha);
    if (existsSync(path)) {
      // Stored again: its time is refreshed, so blob GC's grace period covers the row about to name it.
      try {
        utimesSync(path, new Date(), new Date());
      } catch {
        // Read-only store or a race with GC: put() below writes it again.
        if (existsSync(path)) return sha;
      }
      if (existsSync(path)) return sha;
    }
    const dir = join(path, '..');
    if (!this.knownDirs.has(dir)) {
      mkdirSync(dir, { recursive: true });
      if (this.knownDirs.size < MAX_KNOWN_DIRS) this.knownDirs.add(dir);
    }
    const tmp = tmpPathFor(path);
    try {
      writeFileSync(tmp, bytes, { mode: EVIDENCE_FILE_MODE });
    } catch (err) {
      // The directory went away under us (cleaned up): make it again, once.
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      mkdirSync(dir, { recursive: true });
      writeFileSync(tmp, bytes, { mode: EVIDENCE_FILE_MODE });
    }
    renameSync(tmp, path);
    return sha;
  }

  /**
   * Copies a file in (streamed, hashed on the way) without ever replacing a stored blob:
   * `created` is false when the blob was already there, so only its maker may remove it.
   */
  async putFile(src: string): Promise<{ sha256: string; size: number; created: boolean }> {
    const tmpDir = join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = join(tmpDir, `${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    const hash = createHash('sha256');
    let size = 0;
    const tap = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        size += chunk.length;
        cb(null, chunk);
      },
    });
    try {
      await pipeline(createReadStream(src), tap, createWriteStream(tmp, { flags: 'wx', mode: EVIDENCE_FILE_MODE }));
      const sha256 = hash.digest('hex');
      const path = this.pathOf(sha256);
      await mkdir(dirname(path), { recursive: true });
      try {
        // link, unlike rename, refuses an existing name: two writers of one blob cannot both think they made it.
        await link(tmp, path);
        return { sha256, size, created: true };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'EEXIST') return { sha256, size, created: false };
        throw err;
      }
    } finally {
      await rm(tmp, { force: true });
    }
  }

  has(sha: string): boolean {
    return existsSync(this.pathOf(sha));
  }

  get(sha: string): Promise<Buffer> {
    return readFile(this.pathOf(sha));
  }

  stream(sha: string): Readable {
    return createReadStream(this.pathOf(sha));
  }

  async remove(sha: string): Promise<void> {
    await rm(this.pathOf(sha), { force: true });
  }
}
