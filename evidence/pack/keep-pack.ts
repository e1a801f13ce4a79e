// Makes a written pack the seller's next version inside the caller's transaction: the file
// copied into the blob store by its SHA-256, the packs row, and `export_written` with the hash.
import { basename } from 'node:path';
import type { AppContext } from '../../pipeline/app/context.js';
import { appendAudit } from '../../pipeline/audit/audit-log.js';
import type { Queryable } from '../../pipeline/storage/database.js';
import { insertPackVersion, type PackVersion, type PackVia } from '../storage/packs.js';
import type { BuiltPack } from './build-pack.js';
import { PackError } from './pack-inputs.js';

/**
 * `madeBlob` is told, before anything can fail after it, whether this call put the file in
 * the store: if the transaction then rolls back, that blob belongs to no row and can go.
 */
export async function keepPack(
  ctx: AppContext,
  q: Queryable,
  built: BuiltPack,
  via: PackVia,
  madeBlob: (created: boolean) => void,
): Promise<PackVersion> {
  const stored = await ctx.blobs.putFile(built.path);
  madeBlob(stored.created);
  // The recorded hash must be the stored file's, not what the writer believed it wrote.
  if (stored.sha256 !== built.sha256 || stored.size !== built.size) {
    throw new PackError(`pack ${built.packId} changed after it was written (now ${stored.size} bytes, SHA-256 ${stored.sha256})`);
  }
  const version = await insertPackVersion(q, {
    sellerId: built.sellerId,
    sha256: built.sha256,
    size: built.size,
    files: built.files,
    packId: built.packId,
    madeBy: built.actor,
    madeAt: built.exportedAt,
    madeVia: via,
    exportAuditId: built.exportAuditId,
  });
  await appendAudit(
    ctx.db,
    {
      actor: built.actor,
      action: 'export_written',
      sellerId: built.sellerId,
      detail: {
        pack_id: built.packId,
        file: basename(built.path),
        sha256: built.sha256,
        size: built.size,
        export_audit_id: built.exportAuditId,
        version: version.version,
        pack_version_id: version.id,
        via,
      },
    },
    q,
  );
  return version;
}
