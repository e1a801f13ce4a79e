// The captures and evidence tables' rows and statements: a capture is one visit to a listing's
// page, its evidence rows the files that visit stored; evidence/capture decides when to write them.
import type { Queryable } from '../../pipeline/storage/database.js';

export interface CaptureRow {
  id: number;
  listing_id: number;
  url: string;
  final_url: string | null;
  status: number | null;
  body_sha256: string | null;
  reason: string;
  actor: string;
  gone: boolean;
  capture_key: string | null;
  listing_body_sha256: string | null;
  started_at: Date;
  finished_at: Date | null;
  metadata: Record<string, unknown>;
  error: string | null;
}

export interface EvidenceRow {
  id: number;
  capture_id: number;
  listing_id: number;
  role: string;
  media_type: string;
  size: number;
  sha256: string;
  sm3: string;
  derived_from: string | null;
  captured_at: Date;
  tool_versions: Record<string, string>;
}

/** The capture of one state of a listing (its key), if one was recorded. */
export async function captureByKey(q: Queryable, listingId: number, key: string): Promise<CaptureRow | undefined> {
  return (await q.query<CaptureRow>('SELECT * FROM captures WHERE listing_id = $1 AND capture_key = $2', [listingId, key])).rows[0];
}

export async function evidenceOfCapture(q: Queryable, captureId: number): Promise<EvidenceRow[]> {
  return (await q.query<EvidenceRow>('SELECT * FROM evidence WHERE capture_id = $1 ORDER BY id', [captureId])).rows;
}

export type NewCapture = Omit<CaptureRow, 'id' | 'error'>;

/** Records a finished capture; undefined when this listing state (capture_key) already has one. */
export async function insertCapture(q: Queryable, c: NewCapture): Promise<CaptureRow | undefined> {
  const r = await q.query<CaptureRow>(
    `INSERT INTO captures (listing_id, url, final_url, status, body_sha256, reason, actor, gone, capture_key,
                           listing_body_sha256, started_at, finished_at, metadata)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)
     ON CONFLICT (listing_id, capture_key) DO NOTHING RETURNING *`,
    [c.listing_id, c.url, c.final_url, c.status, c.body_sha256, c.reason, c.actor, c.gone, c.capture_key,
      c.listing_body_sha256, c.started_at, c.finished_at, JSON.stringify(c.metadata)],
  );
  return r.rows[0];
}

/** Records a capture that failed (finished now, with its error); returns its id. */
export async function insertFailedCapture(
  q: Queryable,
  c: Pick<CaptureRow, 'listing_id' | 'url' | 'reason' | 'actor' | 'started_at'> & { error: string },
): Promise<number> {
  const r = await q.query<{ id: number }>(
    `INSERT INTO captures (listing_id, url, reason, actor, started_at, finished_at, error) VALUES ($1,$2,$3,$4,$5,now(),$6) RETURNING id`,
    [c.listing_id, c.url, c.reason, c.actor, c.started_at, c.error],
  );
  return r.rows[0]!.id;
}

export async function insertEvidence(q: Queryable, e: Omit<EvidenceRow, 'id'>): Promise<EvidenceRow> {
  const r = await q.query<EvidenceRow>(
    `INSERT INTO evidence (capture_id, listing_id, role, media_type, size, sha256, sm3, derived_from, captured_at, tool_versions)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING *`,
    [e.capture_id, e.listing_id, e.role, e.media_type, e.size, e.sha256, e.sm3, e.derived_from, e.captured_at, JSON.stringify(e.tool_versions)],
  );
  return r.rows[0]!;
}

/** Every capture of these listings, by listing then in the order taken. */
export async function capturesOfListings(q: Queryable, listingIds: number[]): Promise<CaptureRow[]> {
  return (await q.query<CaptureRow>('SELECT * FROM captures WHERE listing_id = ANY($1::int[]) ORDER BY listing_id, id', [listingIds])).rows;
}

/** Every evidence row of these captures, by capture then in the order stored. */
export async function evidenceOfCaptures(q: Queryable, captureIds: number[]): Promise<EvidenceRow[]> {
  return (await q.query<EvidenceRow>('SELECT * FROM evidence WHERE capture_id = ANY($1::int[]) ORDER BY capture_id, id', [captureIds])).rows;
}
