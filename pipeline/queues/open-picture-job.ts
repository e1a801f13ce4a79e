// Which picture job analysis hands its owed pages to: one open job at a time, closed when a picture
// worker starts it, so the pages owed while tesseract reads gather for one run (its model load is most of a run).
import type { Redis } from 'ioredis';
import { jobIds } from './job-options.js';

// Atomic, so two analyze processes opening at once agree on one id, and a writer is counted before
// it can be closed out. The count expires: a writer whose process died holds no job up for long.
const OPEN = `local v = redis.call('GET', KEYS[1])
if not v then v = ARGV[1] redis.call('SET', KEYS[1], v) end
local w = KEYS[1] .. ':' .. v .. ':writers'
redis.call('INCR', w) redis.call('EXPIRE', w, ARGV[2])
return v`;
// Only the job being started is closed: a newer open job (another picture worker's doing) stays open.
const CLOSE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/** How long a writer that never said it was done holds its job's last round up (its process died). */
const WRITER_TTL_SECONDS = 120;

type Scripted = Redis & {
  certwatchOpenPictureJob(key: string, fresh: string, ttl: number): Promise<string>;
  certwatchClosePictureJob(key: string, jobId: string): Promise<number>;
};

/**
 * The open picture job of an installation (its queue prefix). Analysis takes its id, names it in the
 * pages it marks, adds the job (a no-op while it waits) and says it is done; the picture worker
 * closes it as it starts, and reads every page that names it until none is left and no analysis
 * that took the id before the close is still writing — so no page is marked for a job that has ended.
 */
export class OpenPictureJob {
  private readonly redis: Scripted;
  private readonly key: string;

  constructor(redis: Redis, queuePrefix: string) {
    if (!('certwatchOpenPictureJob' in redis)) {
      redis.defineCommand('certwatchOpenPictureJob', { numberOfKeys: 1, lua: OPEN });
      redis.defineCommand('certwatchClosePictureJob', { numberOfKeys: 1, lua: CLOSE });
    }
    this.redis = redis as Scripted;
    // Beside the queue's keys, never among them (`<prefix>:picture:<job id>` are BullMQ's).
    this.key = `${queuePrefix}:picture-open`;
  }

  /** The open job's id (opened now if none is), this caller counted as writing to it until `done`. */
  take(): Promise<string> {
    return this.redis.certwatchOpenPictureJob(this.key, jobIds.pictures(), WRITER_TTL_SECONDS);
  }

  /** The caller's pages naming `jobId` are committed (or never will be). */
  async done(jobId: string): Promise<void> {
    await this.redis.decr(this.writersKey(jobId));
  }

  /** Pages marked from now on go to a new job; `jobId`'s pages are its worker's to read. */
  async close(jobId: string): Promise<void> {
    await this.redis.certwatchClosePictureJob(this.key, jobId);
  }

  /** Analyses that took `jobId` and are still writing. */
  async writers(jobId: string): Promise<number> {
    return Number((await this.redis.get(this.writersKey(jobId))) ?? 0);
  }

  private writersKey(jobId: string): string {
    return `${this.key}:${jobId}:writers`;
  }
}
