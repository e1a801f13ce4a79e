// The numbered items (threads, ads, questions, articles) of one site across days: ids are
// laid out in day blocks so any page can tell from an id alone whether it exists today.
import { hashString, Rng } from './random.js';

/** Last day of the planted plan (posts born or vanishing); later days change by the daily churn (daily-churn.ts). */
export const LAST_PLANT_DAY = 6;

/** First day an item is gone by the daily churn (churnGoneDay); given by the world so this file stays generic. */
export type ChurnGone = (site: string, id: number, bornDay: number) => number;

export interface Placed {
  bornDay: number;
  /** First day on which the item is gone (404/410), or null if it never vanishes. */
  goneDay: number | null;
  bucket: number;
  /** Listed in the normal lists (false for robots-forbidden items shown elsewhere). */
  listed: boolean;
}

export class ItemSpace<T extends Placed> {
  private readonly blockEnd: number[] = [];
  readonly planted = new Map<number, T>();
  private readonly bucketCounts = new Map<string, number>();
  /** Items born after the planted week that are sellers' new posts (null: filler); set by the world. */
  newPostAt: (id: number) => T | null = () => null;
  /** When items vanish by the daily churn; null keeps every item that was not planted to vanish. */
  churnGone: ChurnGone | null = null;

  constructor(
    readonly name: string,
    private readonly seed: number,
    readonly fillerDay0: number,
    readonly fillerPerDay: number,
    readonly buckets: number,
    plants: T[],
  ) {
    const rng = new Rng(seed, `space:${name}`);
    let end = 0;
    for (let day = 0; day <= LAST_PLANT_DAY; day++) {
      const born = plants.filter((p) => p.bornDay === day);
      const size = (day === 0 ? fillerDay0 : fillerPerDay) + born.length;
      const offsets = rng.sample(Array.from({ length: size }, (_, i) => i), born.length);
      born.forEach((p, i) => this.planted.set(end + 1 + offsets[i]!, p));
      end += size;
      this.blockEnd.push(end);
    }
  }

  /** Highest id that exists on `day`. */
  count(day: number): number {
    if (day <= LAST_PLANT_DAY) return this.blockEnd[Math.max(0, day)]!;
    return this.blockEnd[LAST_PLANT_DAY]! + (day - LAST_PLANT_DAY) * this.fillerPerDay;
  }

  bornDay(id: number): number {
    for (let d = 0; d <= LAST_PLANT_DAY; d++) if (id <= this.blockEnd[d]!) return d;
    return LAST_PLANT_DAY + Math.ceil((id - this.blockEnd[LAST_PLANT_DAY]!) / Math.max(1, this.fillerPerDay));
  }

  /** The planted post at `id`: from the planted week's plan, or a seller's new post of a later day. */
  plantedAt(id: number): T | undefined {
    const p = this.planted.get(id);
    if (p) return p;
    if (id <= this.blockEnd[LAST_PLANT_DAY]!) return undefined;
    return this.newPostAt(id) ?? undefined;
  }

  /** First day the item is gone (planted to vanish, or deleted by the daily churn), or null. */
  goneDayOf(id: number): number | null {
    const planned = this.planted.get(id)?.goneDay ?? null;
    const churn = this.churnGone ? this.churnGone(this.name, id, this.bornDay(id)) : null;
    if (planned === null) return churn;
    return churn === null ? planned : Math.min(planned, churn);
  }

  /** 'live', 'gone' (existed, vanished) or 'absent' (never existed yet). */
  state(id: number, day: number): 'live' | 'gone' | 'absent' {
    if (!Number.isSafeInteger(id) || id < 1 || id > this.count(day)) return 'absent';
    const gone = this.goneDayOf(id);
    if (gone !== null && day >= gone) return 'gone';
    return 'live';
  }

  /** An item's bucket; a seller's new post of a later day keeps the bucket its id hashes to. */
  bucketOf(id: number): number {
    const p = this.planted.get(id);
    if (p) return p.bucket;
    return hashString(`${this.name}:${id}`, this.seed) % this.buckets;
  }

  private listable(id: number, day: number, bucket: number | null): boolean {
    const p = this.planted.get(id);
    if (p && !p.listed) return false;
    if (this.state(id, day) !== 'live') return false;
    return bucket === null || this.bucketOf(id) === bucket;
  }

  /** Items of a bucket (or all) live on `day`, newest first. */
  page(bucket: number | null, day: number, page: number, perPage: number): number[] {
    const out: number[] = [];
    let skip = page * perPage;
    for (let id = this.count(day); id >= 1 && out.length < perPage; id--) {
      if (!this.listable(id, day, bucket)) continue;
      if (skip > 0) skip--;
      else out.push(id);
    }
    return out;
  }

  total(bucket: number | null, day: number): number {
    const key = `${bucket}:${day}`;
    let n = this.bucketCounts.get(key);
    if (n === undefined) {
      n = 0;
      for (let id = this.count(day); id >= 1; id--) if (this.listable(id, day, bucket)) n++;
      if (this.bucketCounts.size > 2000) this.bucketCounts.clear();
      this.bucketCounts.set(key, n);
    }
    return n;
  }
}
