// A crawl's links into sites other sources own, gathered per owner and handed over when the run
// ends, one crawl job per owner: each page is then fetched and recorded only its owner's way.
import type { Queue } from 'bullmq';
import { SiteOwners, type SourceConfig } from '../../crawlers/index.js';
import type { CrawlJob } from '../queues/names.js';
import { enqueueHandOff } from '../queues/enqueue.js';

const ownersOf = new WeakMap<readonly SourceConfig[], SiteOwners>();

/** The owners among one loaded source list, built once per list (every run reuses its compiled patterns). */
export function siteOwners(list: readonly SourceConfig[]): SiteOwners {
  let owners = ownersOf.get(list);
  if (!owners) ownersOf.set(list, (owners = new SiteOwners(list)));
  return owners;
}

export interface HandedTo {
  jobId: string;
  urls: number;
  /** Links beyond the owner's page budget: not handed this time; the next run finds them again. */
  dropped: number;
}

export class HandOffs {
  private readonly byOwner = new Map<string, { urls: Set<string>; dropped: number }>();

  constructor(
    private readonly from: SourceConfig,
    private readonly owners: SiteOwners,
  ) {}

  /** The frontier's hook: true when `url` is another source's and was taken to hand over. */
  readonly take = (url: string): boolean => {
    const owner = this.owners.ownerOf(url);
    if (!owner || owner.source.id === this.from.id) return false;
    let o = this.byOwner.get(owner.source.id);
    if (!o) this.byOwner.set(owner.source.id, (o = { urls: new Set(), dropped: 0 }));
    // The owner's page budget bounds a hand-off as it bounds the owner's own run.
    if (o.urls.size < owner.source.maxPages) o.urls.add(owner.url);
    else if (!o.urls.has(owner.url)) o.dropped++;
    return true;
  };

  get size(): number {
    let n = 0;
    for (const o of this.byOwner.values()) n += o.urls.size;
    return n;
  }

  /**
   * One crawl job per owner, under an id made of `stamp` (the handing run and attempt): sent again
   * (a retried write), it is the same job. Batched at the end of the run rather than per page, so an
   * owner's visit is one crawl with one robots read and one browser, not one per link.
   */
  async send(q: Queue<CrawlJob>, stamp: string): Promise<Record<string, HandedTo>> {
    const out: Record<string, HandedTo> = {};
    for (const [id, o] of this.byOwner) {
      if (o.urls.size === 0) continue;
      const jobId = await enqueueHandOff(q, id, { from: this.from.id, urls: [...o.urls] }, stamp);
      out[id] = { jobId, urls: o.urls.size, dropped: o.dropped };
    }
    return out;
  }
}
