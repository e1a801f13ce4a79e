// Retraining's rows: the latest analyst label of every listing (counted, and with the text to
// train on) and one retrain_runs row per run with its outcome; retrain/ runs the training.
import type { Queryable } from '../../pipeline/storage/database.js';

export interface RetrainRun {
  id: number;
  requested_by: string;
  requested_at: Date;
  status: 'running' | 'done' | 'failed';
  labels: number;
  model_path: string | null;
  metrics: Record<string, unknown>;
  error: string | null;
  finished_at: Date | null;
}

export interface LabelledListing {
  id: number;
  title: string | null;
  body: string;
  label: string;
}

/** Listings by their latest label: a later decision replaces an earlier one. */
export async function countLatestLabels(db: Queryable): Promise<{ seller_ad: number; not_seller_ad: number }> {
  const r = await db.query<{ label: string; n: number }>(
    `SELECT label, count(*)::int AS n FROM (SELECT DISTINCT ON (listing_id) label FROM labels ORDER BY listing_id, at DESC, id DESC) x GROUP BY label`,
  );
  const get = (k: string) => r.rows.find((x) => x.label === k)?.n ?? 0;
  return { seller_ad: get('seller_ad'), not_seller_ad: get('not_seller_ad') };
}

/** Every labelled listing's text with its latest label, in listing order. */
export async function readLatestLabelledListings(db: Queryable): Promise<LabelledListing[]> {
  const r = await db.query<LabelledListing>(
    `SELECT DISTINCT ON (lb.listing_id) l.id, l.title, l.body, lb.label
     FROM labels lb JOIN listings l ON l.id = lb.listing_id ORDER BY lb.listing_id, lb.at DESC, lb.id DESC`,
  );
  return r.rows;
}

export async function insertRetrainRun(db: Queryable, run: { requestedBy: string; labels: number; modelPath: string }): Promise<RetrainRun> {
  return (
    await db.query<RetrainRun>(`INSERT INTO retrain_runs (requested_by, labels, model_path) VALUES ($1, $2, $3) RETURNING *`, [run.requestedBy, run.labels, run.modelPath])
  ).rows[0]!;
}

/** A failed run keeps no model path: nothing usable was written there. */
export async function finishRetrainRun(db: Queryable, id: number, outcome: { ok: boolean; metrics: Record<string, unknown>; error: string | null }): Promise<void> {
  await db.query(`UPDATE retrain_runs SET status = $2, metrics = $3, error = $4, finished_at = now(), model_path = CASE WHEN $2 = 'done' THEN model_path END WHERE id = $1`, [
    id,
    outcome.ok ? 'done' : 'failed',
    JSON.stringify(outcome.metrics),
    outcome.error,
  ]);
}

export async function recentRetrainRuns(db: Queryable): Promise<RetrainRun[]> {
  return (await db.query<RetrainRun>('SELECT * FROM retrain_runs ORDER BY id DESC LIMIT 20')).rows;
}
