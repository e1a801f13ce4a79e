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
import { finishRetrainRun, insertRetrainRun, readLatestLabelledListings, type RetrainRun } from '../storage/retrain-runs.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const CLI = join(ROOT, 'bin', 'certwatch.mjs');
/** The classifier's shipped training corpus: analyst labels are added to it, not used alone. */
export const DEFAULT_TRAIN_BASE = join(ROOT, 'classifiers', 'corpus', 'corpus.jsonl');

/** The training file: {"id","text","title","label","source"} per line, latest decision per listing. */
export async function writeLabelFile(ctx: AppContext, file: string): Promise<number> {
  const rows = await readLatestLabelledListings(ctx.db);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, rows.map((x) => JSON.stringify({ id: `listing-${x.id}`, text: x.body, title: x.title ?? undefined, label: x.label, source: 'analyst' })).join('\n') + '\n');
  return rows.length;
}

export async function startRetrain(ctx: AppContext, actor: string): Promise<RetrainRun> {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const dataDir = resolve(ctx.config.dataDir);
  const dataFile = join(dataDir, 'training', `analyst-labels-${stamp}.jsonl`);
  const modelFile = join(dataDir, 'models', `model-${stamp}.json`);
  const labels = await writeLabelFile(ctx, dataFile);
  mkdirSync(dirname(modelFile), { recursive: true });
  const run = await insertRetrainRun(ctx.db, { requestedBy: actor, labels, modelPath: modelFile });
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
    await finishRetrainRun(ctx.db, run.id, { ok, metrics, error: ok ? null : (error || err.trim() || `exit code ${code}`).slice(-2000) }).catch((e: Error) =>
      ctx.log.warn({ err: e.message }, 'retrain: could not record the outcome'),
    );
  };
  child.on('error', (e) => void finish(null, e.message));
  child.on('close', (code) => void finish(code));
  return run;
}
