// Which picture job analysis hands its owed pages to: one open job at a time, closed when a picture
// worker starts it, so the pages owed while tesseract reads gather for one run (its model load is most of a run).
import type { Redis } from 'ioredis';
import { jobIds } from './job-options.js';

// Atomic, so two analyze processes opening at once agree on one id.
const OPEN = `local v = redis.call('GET', KEYS[1]) if v then return v end redis.call('SET', KEYS[1], ARGV[1]) return ARGV[1]`;
// Only the job being started is closed: a newer open job (another picture worker's doing) stays open.
const CLOSE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

type Scripted = Redis & {
  certwatchOpenPictureJob(key: string, fresh: string): Promise<string>;
  certwatchClosePictureJob(key: string, jobId: string): Promise<number>;
};

/**
 * The open picture job of an installation (its queue prefix). Analysis names it in the pages it
 * marks, then adds it (a no-op while it waits); the picture worker closes it as it starts, then
 * reads every page that names it until none is left, so a page marked while it starts is read too.
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

  /** The open job's id, opened now if none is. */
  id(): Promise<string> {
    return this.redis.certwatchOpenPictureJob(this.key, jobIds.pictures());
  }

  /** Pages marked from now on go to a new job; `jobId`'s pages are its worker's to read. */
  async close(jobId: string): Promise<void> {
    await this.redis.certwatchClosePictureJob(this.key, jobId);
  }
}
