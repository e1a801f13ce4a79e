// The packs table's rows and statements: each evidence pack made for a seller is one numbered
// version, its file kept in the blob store by SHA-256, so a referral can name the exact bytes sent.
import type { Queryable } from '../../pipeline/storage/database.js';

/** How the pack was asked for: with a referral, the seller page's button, `certwatch export`, the export queue. */
export type PackVia = 'referral' | 'dashboard' | 'cli' | 'queue';

export interface PackVersion {
  id: number;
  seller_id: number;
  /** 1, 2, 3 … per seller, in the order the versions were recorded. */
  version: number;
  sha256: string;
  size: number;
  files: number;
  /** The manifest's pack id (CW-S<seller>-<time>). */
  pack_id: string;
  made_by: string;
  made_at: Date;
  made_via: PackVia;
  /** The `exported` audit entry the pack's custody log ends with. */
  export_audit_id: number;
}

export interface PackVersionInsert {
  sellerId: number;
  sha256: string;
  size: number;
  files: number;
  packId: string;
  madeBy: string;
  madeAt: Date;
  madeVia: PackVia;
  exportAuditId: number;
}

/**
 * Inserts the seller's next version. The seller row stays locked until the transaction ends,
 * so two exports of one seller cannot take the same number (a referral holds that lock already).
 */
export async function insertPackVersion(q: Queryable, p: PackVersionInsert): Promise<PackVersion> {
  await q.query('SELECT id FROM sellers WHERE id = $1 FOR UPDATE', [p.sellerId]);
  const r = await q.query<PackVersion>(
    `INSERT INTO packs (seller_id, version, sha256, size, files, pack_id, made_by, made_at, made_via, export_audit_id)
     SELECT $1, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5, $6, $7, $8, $9 FROM packs WHERE seller_id = $1
     RETURNING *`,
    [p.sellerId, p.sha256, p.size, p.files, p.packId, p.madeBy, p.madeAt, p.madeVia, p.exportAuditId],
  );
  return r.rows[0]!;
}

/** A seller's versions, newest first. */
export async function packVersionsOf(q: Queryable, sellerId: number): Promise<PackVersion[]> {
  return (await q.query<PackVersion>('SELECT * FROM packs WHERE seller_id = $1 ORDER BY version DESC', [sellerId])).rows;
}

export async function packVersionOf(q: Queryable, sellerId: number, version: number): Promise<PackVersion | undefined> {
  return (await q.query<PackVersion>('SELECT * FROM packs WHERE seller_id = $1 AND version = $2', [sellerId, version])).rows[0];
}

export async function packVersionBySha(q: Queryable, sellerId: number, sha256: string): Promise<PackVersion | undefined> {
  return (await q.query<PackVersion>('SELECT * FROM packs WHERE seller_id = $1 AND sha256 = $2', [sellerId, sha256])).rows[0];
}
