// Follows a set of crawl jobs to the end of their analysis, and no further: on a live
// installation other sources keep the queues busy, so "every queue idle" may never come.
import type { AppContext } from '../app/context.js';
import type { QueueName } from '../queues/names.js';
import { allCounts, pending, type QueueCounts } from '../queues/queue-status.js';
import { analysisOwed, crawlRunStatuses, nothingOwed, type AnalysisOwed } from '../storage/run-summaries.js';

export interface WaitForRunsOptions {
  pollMs?: number;
  /** How long analyze, picture and link must stay idle while work is still owed before it counts as stuck. */
  settleMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  onTick?: (counts: Partial<Record<QueueName, QueueCounts>>) => void | Promise<void>;
}

export interface RunsOutcome {
  /** Final BullMQ state per job id (completed, failed; `missing` when Redis no longer has it). */
  states: Record<string, string>;
  /** Analysis, picture reads or linking still owed when the wait ended (left by failed jobs; 0 normally). */
  owed: AnalysisOwed;
}

const FINISHED_RUN = new Set(['done', 'failed', 'abandoned']);

export async function waitForRuns(ctx: AppContext, asked: string[], askedSources: string[], opts: WaitForRunsOptions = {}): Promise<RunsOutcome> {
  // The hand-offs a finished run sent (its return value names their jobs) are part of its crawl: followed too.
  const jobIds = [...asked];
  const sourceIds = [...askedSources];
  const poll = opts.pollMs ?? 1000;
  const settle = opts.settleMs ?? 3000;
  const deadline = opts.timeoutMs ? Date.now() + opts.timeoutMs : Infinity;
  const crawl = ctx.queue('crawl');
  const watched = { crawl, analyze: ctx.queue('analyze'), picture: ctx.queue('picture'), link: ctx.queue('link') };
  const check = () => {
    if (opts.signal?.aborted) throw new Error('aborted');
    if (Date.now() > deadline) throw new Error(`crawl runs not finished after ${opts.timeoutMs} ms`);
  };
  const sleep = () => new Promise((r) => setTimeout(r, poll));

  // 1. Every crawl job ends: completed, or failed after its last attempt (a retry waits as delayed).
  const states: Record<string, string> = {};
  for (;;) {
    await opts.onTick?.(await allCounts(watched));
    const open = jobIds.filter((id) => states[id] === undefined);
    const runs = await crawlRunStatuses(ctx.db, open);
    for (const id of open) {
      const job = await crawl.getJob(id);
      const state = job ? await job.getState() : 'missing';
      // A job Redis lost is over when its run row says so (the reconciler re-queues it otherwise).
      if (state === 'completed' || state === 'failed' || (state === 'missing' && FINISHED_RUN.has(runs.get(id) ?? ''))) states[id] = state;
      const handedTo = (job?.returnvalue as { handedTo?: Record<string, { jobId: string }> } | undefined)?.handedTo;
      for (const [owner, h] of Object.entries(handedTo ?? {})) {
        if (!jobIds.includes(h.jobId)) jobIds.push(h.jobId);
        if (!sourceIds.includes(owner)) sourceIds.push(owner);
      }
    }
    if (jobIds.every((id) => states[id] !== undefined)) break;
    check();
    await sleep();
  }

  // 2. Their pages are analysed, their pictures read and their flagged posts linked, or nothing more is coming.
  let idleSince: number | undefined;
  for (;;) {
    const counts = await allCounts(watched);
    await opts.onTick?.(counts);
    const owed = await analysisOwed(ctx.db, sourceIds);
    if (nothingOwed(owed)) return { states, owed };
    const idle = (['analyze', 'picture', 'link'] as const).every((q) => pending(counts[q]!) === 0);
    if (idle) {
      idleSince ??= Date.now();
      if (Date.now() - idleSince >= settle) return { states, owed };
    } else idleSince = undefined;
    check();
    await sleep();
  }
}
