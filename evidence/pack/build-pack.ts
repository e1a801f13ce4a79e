// Writes one seller's pack file: records the export in the audit log first (so the pack's
// custody log ends with it), then snapshots the evidence, writes and signs the zip.
import { basename, resolve } from 'node:path';
import type { Browser } from 'playwright';
import type { AppContext } from '../../pipeline/app/context.js';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import { launchChromium } from '../capture/browser-holder.js';
import { ensureKeys } from '../signing-keys.js';
import { toolVersions } from '../tool-versions.js';
import { readPackInputs } from './pack-inputs.js';
import { packItems } from './pack-items.js';
import { writePack } from './write-pack.js';

export interface BuildPackOptions {
  sellerId: number;
  out: string;
  actor: string;
  /** A shared browser for the PDF; otherwise one is launched and closed. */
  browser?: Browser;
}

/** A written pack file that is not yet a recorded version (see keep-pack.ts). */
export interface BuiltPack {
  sellerId: number;
  actor: string;
  path: string;
  sha256: string;
  size: number;
  /** Number of files in the pack. */
  files: number;
  packId: string;
  exportedAt: Date;
  /** The `exported` audit entry, the last line of the pack's custody log. */
  exportAuditId: number;
}

export async function buildPack(ctx: AppContext, opts: BuildPackOptions): Promise<BuiltPack> {
  const out = resolve(opts.out);
  const before = await readPackInputs(ctx.db, opts.sellerId);
  const keys = ensureKeys(ctx.config.dataDir);
  if (keys.created) ctx.log.warn({ dir: keys.dir, fingerprint: keys.fingerprint }, 'no signing key existed; made a new one');
  // Millisecond precision, as the audit log stores it.
  const exportedAt = new Date(Math.floor(Date.now()));
  const entry = await appendAudit(ctx.db, {
    actor: opts.actor,
    action: 'exported',
    sellerId: opts.sellerId,
    at: exportedAt,
    detail: {
      file: basename(out),
      listings: before.listings.length,
      captures: before.captures.length,
      files: packItems(before).length,
      key_fingerprint: keys.fingerprint,
    },
  });
  const browser = opts.browser ?? (await launchChromium());
  try {
    // Read again so the snapshot and its custody log include the export entry itself.
    const inputs = await readPackInputs(ctx.db, opts.sellerId);
    inputs.custody = inputs.custody.filter((e) => e.id <= entry.id);
    const written = await writePack(ctx.blobs, inputs, {
      out,
      exportedAt,
      actor: opts.actor,
      keys,
      browser,
      toolVersions: { ...toolVersions(), chromium: browser.version() },
      timeZone: ctx.config.timeZone,
    });
    return { sellerId: opts.sellerId, actor: opts.actor, ...written, exportedAt, exportAuditId: entry.id };
  } catch (err) {
    await appendAudit(ctx.db, {
      actor: opts.actor,
      action: 'export_failed',
      sellerId: opts.sellerId,
      detail: { file: basename(out), error: (err as Error).message.slice(0, 500), export_audit_id: entry.id },
    }).catch(() => undefined);
    throw err;
  } finally {
    if (!opts.browser) await browser.close().catch(() => undefined);
  }
}
