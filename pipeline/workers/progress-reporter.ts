// A progress line for long work (demo, `crawl --wait`): database totals and queue depths,
// at most every few seconds, on stderr so stdout stays a clean result.
import type { Queryable } from '../storage/database.js';
import type { QueueName } from '../queues/names.js';
import type { QueueCounts } from '../queues/queue-status.js';
import { pipelineTotals } from '../storage/pipeline-totals.js';

export function progressReporter(db: Queryable, opts: { everyMs?: number; out?: NodeJS.WritableStream; started?: number } = {}) {
  const every = opts.everyMs ?? 3000;
  const out = opts.out ?? process.stderr;
  const started = opts.started ?? Date.now();
  let last = 0;
  return async (counts: Partial<Record<QueueName, QueueCounts>>) => {
    const now = Date.now();
    if (now - last < every) return;
    last = now;
    const t = await pipelineTotals(db);
    const q = Object.entries(counts)
      .map(([name, c]) => `${name} ${c!.active}/${c!.waiting + c!.delayed + c!.prioritized}${c!.failed ? ` ✗${c!.failed}` : ''}`)
      .join(' · ');
    out.write(
      `[${((now - started) / 1000).toFixed(0).padStart(4)} s] pages ${t.pages} (analysed ${t.pagesAnalyzed}) · posts kept ${t.listings}, flagged ${t.flagged} · sellers ${t.sellers} · captures ${t.captures} | active/queued: ${q}\n`,
    );
  };
}
