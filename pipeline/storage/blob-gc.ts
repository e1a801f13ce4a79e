// Blob garbage collection: deletes blob files no row refers to any more (a list page's previous
// body, a snapshot replaced before its version was kept), never one a capture, pack or export names.
import { readdirSync, statSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import type { BlobStore } from './blob-store.js';
import type { Queryable } from './database.js';
import { referencedAddresses, snapshotAddresses } from './blob-references.js';

const SHA256_HEX = /^[0-9a-f]{64}$/;

export interface BlobGcOptions {
  /**
   * Files written or re-stored this recently are kept whatever the rows say: a crawl stores a body
   * before its row is written, and re-storing an existing blob refreshes its time (BlobStore.put).
   * @default 6 hours
   */
  graceMs?: number;
  /** Count what would go, delete nothing. @default false */
  dryRun?: boolean;
}

export interface BlobGcReport {
  files: number;
  referenced: number;
  /** Unreferenced but within the grace period. */
  young: number;
  removed: number;
  removedBytes: number;
  /** Snapshot blobs that could not be read for their images (missing or not JSON): reported, never fatal. */
  unreadableSnapshots: number;
  dryRun: boolean;
  ms: number;
}

/** Image addresses a snapshot names (the crawler's image bytes live only there). */
async function snapshotImages(blobs: BlobStore, sha: string): Promise<string[] | null> {
  try {
    const snap = JSON.parse((await blobs.get(sha)).toString('utf8')) as { images?: Record<string, unknown> };
    return Object.values(snap.images ?? {}).filter((v): v is string => typeof v === 'string' && SHA256_HEX.test(v));
  } catch {
    return null;
  }
}

export async function collectBlobGarbage(db: Queryable, blobs: BlobStore, opts: BlobGcOptions = {}): Promise<BlobGcReport> {
  const started = performance.now();
  const graceMs = opts.graceMs ?? 6 * 3600_000;
  // The cut-off is taken before the rows are read: a blob written after it is young whatever the rows say.
  const cutoff = Date.now() - graceMs;
  const keep = await referencedAddresses(db);
  let unreadableSnapshots = 0;
  for (const sha of await snapshotAddresses(db)) {
    const images = await snapshotImages(blobs, sha);
    if (images === null) unreadableSnapshots++;
    else for (const img of images) keep.add(img);
  }
  const report: BlobGcReport = { files: 0, referenced: 0, young: 0, removed: 0, removedBytes: 0, unreadableSnapshots, dryRun: opts.dryRun === true, ms: 0 };
  const root = join(blobs.root, 'sha256');
  const list = (dir: string) => {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  };
  for (const a of list(root)) {
    for (const b of list(join(root, a))) {
      const dir = join(root, a, b);
      for (const name of list(dir)) {
        if (!SHA256_HEX.test(name)) continue;
        report.files++;
        if (keep.has(name)) {
          report.referenced++;
          continue;
        }
        const path = join(dir, name);
        let st;
        try {
          st = statSync(path);
        } catch {
          continue;
        }
        if (st.mtimeMs >= cutoff) {
          report.young++;
          continue;
        }
        if (!opts.dryRun) {
          try {
            unlinkSync(path);
          } catch {
            continue;
          }
        }
        report.removed++;
        report.removedBytes += st.size;
      }
    }
  }
  report.ms = Math.round(performance.now() - started);
  return report;
}
