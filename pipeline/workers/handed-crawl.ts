// The owner's side of a hand-off: the pages another source's crawl found on this source's site,
// fetched alone and this source's way (render, reveals, selectors, rate, robots) unless it just did.
import { DelayedError, type Job } from 'bullmq';
import type { SourceConfig } from '../../crawlers/index.js';
import type { CrawlJob } from '../queues/names.js';
import type { Queryable } from '../storage/database.js';
import { ownRunOpen } from '../storage/crawl-runs.js';
import { fetchedBySourceSince } from '../storage/pages.js';

/**
 * A handed page its owner fetched this recently is not fetched again: the handing crawls run about
 * hourly (the demo's search), so a page is read no more often than when they fetched it themselves.
 */
const FRESH_MS = 3600_000;
/** While the owner's own run is open the hand-off waits, since that run may read the pages itself… */
const RECHECK_MS = 15_000;
/** …but not for ever: a run left open by a dead worker is closed only by the reconciler. */
const MAX_WAIT_MS = 30 * 60_000;

export interface HandedCrawl {
  /** The owner as this crawl runs it: no link followed (its own walk does that). */
  source: SourceConfig;
  urls: string[];
  asked: number;
  fresh: number;
}

/** Throws DelayedError after moving the job back to delayed while the owner's own run is open. */
export async function planHandedCrawl(db: Queryable, job: Job<CrawlJob>, owner: SourceConfig): Promise<HandedCrawl> {
  const asked = [...new Set((job.data.handOff?.urls ?? []).filter((u): u is string => typeof u === 'string'))];
  if (Date.now() - job.timestamp < MAX_WAIT_MS && (await ownRunOpen(db, owner.id))) {
    await job.moveToDelayed(Date.now() + RECHECK_MS, job.token);
    throw new DelayedError();
  }
  const fresh = await fetchedBySourceSince(db, owner.id, asked, new Date(Date.now() - FRESH_MS));
  const urls = asked.filter((u) => !fresh.has(u));
  // The owner's own budget and caps: with no link followed, only the handed pages, their redirects
  // (a chain takes a slot a hop) and canonicals can be admitted, and HandOffs hands no more than the budget.
  return { source: { ...owner, maxDepth: 0 }, urls, asked: asked.length, fresh: fresh.size };
}
