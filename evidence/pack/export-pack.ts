// Every export (`certwatch export`, the export queue, the dashboard, a referral) makes a new
// pack version: build the file, then record it in one transaction or leave nothing of it behind.
import { randomBytes } from 'node:crypto';
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright';
import type { AppContext } from '../../pipeline/app/context.js';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import type { Queryable } from '../../pipeline/storage/database.js';
import type { PackVersion, PackVia } from '../storage/packs.js';
import { buildPack } from './build-pack.js';
import { keepPack } from './keep-pack.js';

export interface ExportPackOptions {
  sellerId: number;
  /** Where the caller wants a copy (the CLI's --out); without it the file lives only in the blob store. */
  out?: string;
  actor: string;
  /** Default 'cli'. */
  via?: PackVia;
  /** A shared browser for the PDF; otherwise one is launched and closed. */
  browser?: Browser;
  /**
   * Runs first in the recording transaction, before the file is kept; a throw refuses the
   * pack (no version, no blob, the file removed) and is rethrown — a referral's last check.
   */
  check?: (q: Queryable) => Promise<void>;
  /** Runs last in the recording transaction: whatever must commit with the version (the referral). */
  record?: (q: Queryable, version: PackVersion) => Promise<void>;
}

export interface ExportPackResult {
  /** `out`, or the blob store's copy when no `out` was asked for. */
  path: string;
  sha256: string;
  /** Number of files in the pack. */
  files: number;
  size: number;
  packId: string;
  version: PackVersion;
}

export async function exportPack(ctx: AppContext, opts: ExportPackOptions): Promise<ExportPackResult> {
  const building = join(resolve(ctx.config.dataDir), 'packs', 'building');
  const temporary = opts.out === undefined;
  if (temporary) await mkdir(building, { recursive: true });
  const out = opts.out !== undefined ? resolve(opts.out) : join(building, `seller-${opts.sellerId}-${randomBytes(6).toString('hex')}.zip`);
  const built = await buildPack(ctx, { sellerId: opts.sellerId, out, actor: opts.actor, browser: opts.browser });
  const via = opts.via ?? 'cli';
  let madeBlob = false;
  try {
    const version = await ctx.db.tx(async (q) => {
      await opts.check?.(q);
      const v = await keepPack(ctx, q, built, via, (created) => (madeBlob = created));
      await opts.record?.(q, v);
      return v;
    });
    const path = temporary ? ctx.blobs.pathOf(built.sha256) : out;
    return { path, sha256: built.sha256, files: built.files, size: built.size, packId: built.packId, version };
  } catch (err) {
    // A pack that is not a recorded version must not be mistaken for one later.
    if (madeBlob) await ctx.blobs.remove(built.sha256).catch(() => undefined);
    await rm(out, { force: true });
    await appendAudit(ctx.db, {
      actor: opts.actor,
      action: 'export_discarded',
      sellerId: opts.sellerId,
      detail: { pack_id: built.packId, sha256: built.sha256, reason: (err as Error).message.slice(0, 500), export_audit_id: built.exportAuditId },
    }).catch(() => undefined);
    throw err;
  } finally {
    if (temporary) await rm(out, { force: true });
  }
}
