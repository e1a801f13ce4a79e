// Reads what the alert rules judge: each source's last two finished runs (from the database),
// queue backlogs and failed counts, sellers first seen lately, and captures that failed for good.
import type { AppContext } from '../app/context.js';
import { QUEUE_NAMES } from '../queues/names.js';
import { lastFinishedRuns, listingSources, newSellersAbove } from '../storage/alert-facts.js';
import type { AlertRules, CaptureFailureFact, QueueFacts, SellerFact, SourceFacts } from './rules.js';

/** Sellers first seen within this window can still be "new" (the alert fires once per seller). */
export const NEW_SELLER_HOURS = 24;
const CAPTURE_WINDOW_MS = 3600_000;

export async function sourceFacts(ctx: Pick<AppContext, 'db'>, staleAfterMinutes: number): Promise<SourceFacts[]> {
  const rows = await lastFinishedRuns(ctx.db);
  const out = new Map<string, SourceFacts>();
  const cutoff = Date.now() - staleAfterMinutes * 60_000;
  for (const r of rows) {
    const run = { id: r.id, status: r.status, finishedAt: r.finished_at ?? r.started_at, stats: r.stats ?? {}, error: r.error };
    if (r.rn === 1) {
      // A run older than the dedup window was judged (and alerted on) when it was new.
      if (run.finishedAt.getTime() < cutoff) continue;
      out.set(r.source_id, { source: r.source_id, name: r.source_name, latest: run });
    } else {
      const f = out.get(r.source_id);
      if (f) f.previous = run;
    }
  }
  return [...out.values()];
}

export async function sellerFacts(ctx: Pick<AppContext, 'db'>, rules: AlertRules): Promise<SellerFact[]> {
  const rows = await newSellersAbove(ctx.db, rules.sellerScore, NEW_SELLER_HOURS);
  return rows.map((r) => ({ id: r.id, score: r.score, createdAt: r.created_at, sources: r.sources, listings: r.listings }));
}

export async function queueFacts(ctx: Pick<AppContext, 'queue'>): Promise<QueueFacts[]> {
  return Promise.all(
    QUEUE_NAMES.map(async (name) => {
      const c = await ctx.queue(name).getJobCounts('waiting', 'delayed', 'prioritized', 'failed');
      return { name, backlog: (c.waiting ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0), failed: c.failed ?? 0 };
    }),
  );
}

/** Capture jobs that failed for good within the last hour, grouped by the source of their post. */
export async function captureFailureFacts(ctx: Pick<AppContext, 'db' | 'queue'>, now = Date.now()): Promise<CaptureFailureFact[]> {
  const jobs = (await ctx.queue('capture').getFailed(0, 499)).filter((j) => j && j.finishedOn && j.finishedOn > now - CAPTURE_WINDOW_MS);
  const ids = [...new Set(jobs.map((j) => Number(j.data?.listingId)).filter((n) => Number.isInteger(n)))];
  const sourceOf = await listingSources(ctx.db, ids);
  const by = new Map<string, CaptureFailureFact>();
  for (const j of jobs) {
    const source = sourceOf.get(Number(j.data?.listingId)) ?? 'unknown';
    const f = by.get(source) ?? { source, count: 0, lastAt: new Date(0), reasons: [] };
    f.count++;
    if (j.finishedOn! > f.lastAt.getTime()) f.lastAt = new Date(j.finishedOn!);
    const reason = (j.failedReason ?? '').slice(0, 120);
    if (reason && f.reasons.length < 3 && !f.reasons.includes(reason)) f.reasons.push(reason);
    by.set(source, f);
  }
  return [...by.values()];
}
