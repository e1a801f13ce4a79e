// Retraining from analyst labels (supervisors): the latest label of every listing is
// written as labelled JSON Lines and `certwatch train` runs on it plus the base corpus
// (CERTWATCH_TRAIN_BASE, comma-separated; default the classifier's corpus.jsonl; empty for
// none) in a child process, so the
// dashboard stays responsive; each run and its outcome is a retrain_runs row. The new
// model is not activated here: an operator points classifier.model (CERTWATCH_MODEL) at it.
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppContext } from '../../pipeline/app/context.js';
import { appendAudit } from '../../pipeline/audit/audit-log.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'certwatch.mjs');
/** The classifier's shipped training corpus: analyst labels are added to it, not used alone. */
export const DEFAULT_TRAIN_BASE = join(ROOT, 'classifiers', 'corpus', 'corpus.jsonl');

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

export async function labelCounts(ctx: AppContext): Promise<{ seller_ad: number; not_seller_ad: number }> {
  const r = await ctx.db.query<{ label: string; n: number }>(
    `SELECT label, count(*)::int AS n FROM (SELECT DISTINCT ON (listing_id) label FROM labels ORDER BY listing_id, at DESC, id DESC) x GROUP BY label`,
  );
  const get = (k: string) => r.rows.find((x) => x.label === k)?.n ?? 0;
  return { seller_ad: get('seller_ad'), not_seller_ad: get('not_seller_ad') };
}

/** The training file: {"id","text","title","label","source"} per line, latest decision per listing. */
export async function writeLabelFile(ctx: AppContext, file: string): Promise<number> {
  const r = await ctx.db.query<{ id: number; title: string | null; body: string; label: string }>(
    `SELECT DISTINCT ON (lb.listing_id) l.id, l.title, l.body, lb.label
     FROM labels lb JOIN listings l ON l.id = lb.listing_id ORDER BY lb.listing_id, lb.at DESC, lb.id DESC`,
  );
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, r.rows.map((x) => JSON.stringify({ id: `listing-${x.id}`, text: x.body, title: x.title ?? undefined, label: x.label, source: 'analyst' })).join('\n') + '\n');
  return r.rows.length;
}

export async function startRetrain(ctx: AppContext, actor: string): Promise<RetrainRun> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dataDir = resolve(ctx.config.dataDir);
  const dataFile = join(dataDir, 'training', `analyst-labels-${stamp}.jsonl`);
  const modelFile = join(dataDir, 'models', `model-${stamp}.json`);
  const labels = await writeLabelFile(ctx, dataFile);
  mkdirSync(dirname(modelFile), { recursive: true });
  const run = (
    await ctx.db.query<RetrainRun>(`INSERT INTO retrain_runs (requested_by, labels, model_path) VALUES ($1, $2, $3) RETURNING *`, [actor, labels, modelFile])
  ).rows[0]!;
  await appendAudit(ctx.db, { actor, action: 'retrain.start', detail: { runId: run.id, labels, dataFile } });
  const base = (process.env.CERTWATCH_TRAIN_BASE ?? DEFAULT_TRAIN_BASE).split(',').map((f) => f.trim()).filter(Boolean);
  const args = [CLI, 'train', '--data', dataFile, ...base.flatMap((f) => ['--data', resolve(f)]), '--out', modelFile];
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out = (out + d.toString()).slice(-20_000)));
  child.stderr.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4_000)));
  const finish = async (code: number | null, error?: string) => {
    let metrics: Record<string, unknown> = {};
    try {
      // The summary is one JSON document on stdout (pretty-printed or one line).
      const text = out.trim();
      const start = text.startsWith('{') ? 0 : text.lastIndexOf('\n{') + 1;
      if (text.slice(start).startsWith('{')) metrics = JSON.parse(text.slice(start)) as Record<string, unknown>;
    } catch {
      metrics = {};
    }
    const ok = code === 0;
    await ctx.db
      .query(`UPDATE retrain_runs SET status = $2, metrics = $3, error = $4, finished_at = now(), model_path = CASE WHEN $2 = 'done' THEN model_path END WHERE id = $1`, [
        run.id,
        ok ? 'done' : 'failed',
        JSON.stringify(metrics),
        ok ? null : (error || err.trim() || `exit code ${code}`).slice(-2000),
      ])
      .catch((e: Error) => ctx.log.warn({ err: e.message }, 'retrain: could not record the outcome'));
  };
  child.on('error', (e) => void finish(null, e.message));
  child.on('close', (code) => void finish(code));
  return run;
}

export async function recentRetrains(ctx: AppContext): Promise<RetrainRun[]> {
  return (await ctx.db.query<RetrainRun>('SELECT * FROM retrain_runs ORDER BY id DESC LIMIT 20')).rows;
}
