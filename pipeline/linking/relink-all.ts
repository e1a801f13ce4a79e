// One pass of the link stage over every listing it has a say on: an install whose sellers were
// made under older rules (handles that merged, contacts kept forever) gets today's sellers.
import type { Database } from '../storage/database.js';
import { countLiveSellers, relinkCandidates } from '../storage/seller-links.js';
import { linkListing } from './link-listing.js';

export interface RelinkReport {
  listings: number;
  sellersBefore: number;
  sellersAfter: number;
  created: number;
  merged: number;
  split: number;
  ms: number;
}

/** Links every candidate listing again, oldest first; safe beside running workers (the linking lock). */
export async function relinkAll(db: Database, onProgress?: (done: number, total: number) => void): Promise<RelinkReport> {
  const t0 = performance.now();
  const ids = await relinkCandidates(db);
  const report: RelinkReport = { listings: ids.length, sellersBefore: await countLiveSellers(db), sellersAfter: 0, created: 0, merged: 0, split: 0, ms: 0 };
  for (let i = 0; i < ids.length; i++) {
    const r = await linkListing(db, ids[i]!);
    if (r.created) report.created++;
    report.merged += r.merged;
    report.split += r.split;
    if (onProgress && (i + 1) % 500 === 0) onProgress(i + 1, ids.length);
  }
  report.sellersAfter = await countLiveSellers(db);
  report.ms = Math.round(performance.now() - t0);
  return report;
}
