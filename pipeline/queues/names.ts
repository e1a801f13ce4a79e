// The BullMQ queues between stages and the data each job carries. Job ids are
// derived from content (URL + hash) so a redelivered or re-enqueued job is a no-op.
export const QUEUE_NAMES = ['crawl', 'analyze', 'picture', 'link', 'capture', 'export', 'reconcile', 'alert'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export interface CrawlJob {
  sourceId: string;
  reason: 'schedule' | 'manual' | 'demo' | 'cited' | 'handoff';
  /** A visit to a site that posts cite (source `cited-sites`): its host and the cited addresses. */
  follow?: { host: string; urls: string[]; allowPrivateAddresses?: boolean };
  /** Pages of this source's site another source's crawl found (hand-offs.ts): fetched alone, this source's way. */
  handOff?: { from: string; urls: string[] };
}

/** A fetched page whose analysis snapshot is in the blob store under `sha256`. */
export interface AnalyzePageRef {
  pageId: number;
  sha256: string;
}

/**
 * One page (the reconciler, a page a batch set apart) or the pages of one recorded crawl batch: a
 * BullMQ job costs some 40 calls inside Redis, which a batch shares among its pages.
 */
export type AnalyzeJob = AnalyzePageRef | { pages: AnalyzePageRef[] };

/**
 * A read of the pictures (OCR, QR codes) that analysis left owed, off the analyze path. Its pages
 * are those whose pictures_job column names the job id, read from the database: several analyze
 * batches hand pages to one open job (open-picture-job.ts). `pages`: what jobs queued before that carried.
 */
export interface PictureJob {
  pages?: AnalyzePageRef[];
}

/** One listing, or the listings one analyze batch left for linking. */
export type LinkJob = { listingId: number } | { listings: number[] };

export const analyzeRefs = (d: AnalyzeJob): AnalyzePageRef[] => ('pages' in d ? d.pages : [d]);
export const linkIds = (d: LinkJob): number[] => ('listings' in d ? d.listings : [d.listingId]);

export interface CaptureJob {
  listingId: number;
  reason: 'flagged' | 'changed' | 'manual';
  actor?: string;
}

export interface ExportJob {
  sellerId: number;
  out: string;
  actor: string;
}

/** A pass of the reconciler: from its job scheduler, by hand, or because Redis lost its schedules. */
export interface ReconcileJob {
  reason: 'schedule' | 'manual' | 'schedules-lost';
}

/** An alert pass: from its job scheduler (alerts.everyMs) or by hand. */
export interface AlertJob {
  reason: 'schedule' | 'manual';
}

export interface JobData {
  crawl: CrawlJob;
  analyze: AnalyzeJob;
  picture: PictureJob;
  link: LinkJob;
  capture: CaptureJob;
  export: ExportJob;
  reconcile: ReconcileJob;
  alert: AlertJob;
}
