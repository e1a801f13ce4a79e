// The capture and export processors behind real BullMQ workers on real Redis: jobs
// capture and export, bad jobs fail without retries, the shared browser comes back
// after it dies, and captures share the crawlers' per-host pacing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { QueueEvents, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { createCaptureProcessor, createExportProcessor, redisCaptureGate, verifyPack, type JobProcessor } from '../../evidence/index.js';
import { BrowserHolder } from '../../evidence/capture/browser-holder.js';
import { TEST_REDIS_URL } from '../support/services.js';
import { evidenceContext, seedSeller, type EvidenceTestContext, labOutbound } from './evidence-context.js';
import { startPageServer, type PageServer } from './page-server.js';

let env: EvidenceTestContext;
let server: PageServer;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  [env, server] = await Promise.all([evidenceContext({ redis: true }), startPageServer()]);
});
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  await server?.close();
  await env?.close();
});

function workerFor(name: 'capture' | 'export', processor: JobProcessor): { events: QueueEvents } {
  const prefix = env.ctx.config.queuePrefix;
  const worker = new Worker(name, (job) => processor.process(job), { connection: env.ctx.connection(), prefix, concurrency: 1 });
  const events = new QueueEvents(name, { connection: env.ctx.connection(), prefix });
  cleanups.push(() => processor.close(), () => worker.close(), () => events.close());
  return { events };
}

describe('evidence processors', () => {
  it('captures a listing from a capture job, and fails a job for a missing listing without retrying', async () => {
    const { listingIds, sellerId } = await seedSeller(env.ctx, [{ url: `${server.origin}/post/31` }]);
    const { events } = workerFor('capture', createCaptureProcessor(env.ctx, { outboundFor: labOutbound }));
    await events.waitUntilReady();
    const q = env.ctx.queue('capture');
    const job = await q.add('capture', { listingId: listingIds[0]!, reason: 'flagged' }, { attempts: 3 });
    const result = (await job.waitUntilFinished(events, 60_000)) as { captureId: number; files: number; status: number };
    expect(result).toMatchObject({ files: 8, status: 200 });
    const rows = await env.ctx.db.query<{ n: number }>('SELECT count(*)::int AS n FROM evidence WHERE capture_id = $1', [result.captureId]);
    expect(rows.rows[0]!.n).toBe(8);

    const bad = await q.add('capture', { listingId: 999_999, reason: 'flagged' }, { attempts: 3, backoff: { type: 'fixed', delay: 10 } });
    await expect(bad.waitUntilFinished(events, 30_000)).rejects.toThrow(/no listing 999999/);
    expect((await q.getJob(bad.id!))!.attemptsMade).toBe(1);

    // The export queue: a pack from the capture above, which verifies.
    const exp = workerFor('export', createExportProcessor(env.ctx));
    await exp.events.waitUntilReady();
    const out = join(env.dataDir, 'seller.zip');
    const ej = await env.ctx.queue('export').add('export', { sellerId, out, actor: 'supervisor1' });
    const packed = (await ej.waitUntilFinished(exp.events, 120_000)) as { path: string; sha256: string };
    expect(packed.path).toBe(out);
    expect((await verifyPack(out)).problems).toEqual([]);
  }, 240_000);

  it('relaunches the shared browser after it dies', async () => {
    const holder = new BrowserHolder();
    cleanups.push(() => holder.close());
    const first = await holder.get();
    await first.close();
    const second = await holder.get();
    expect(second).not.toBe(first);
    expect(second.isConnected()).toBe(true);
  }, 240_000);

  it('paces captures per host through the shared Redis host lease', async () => {
    const redis = new Redis(TEST_REDIS_URL);
    cleanups.push(async () => redis.disconnect());
    const gate = redisCaptureGate(redis, env.ctx.config.queuePrefix, 400);
    expect(await gate.acquire('forum.example')).toBe(0);
    const waited = await gate.acquire('forum.example');
    expect(waited).toBeGreaterThan(300);
    expect(await gate.acquire('other.example')).toBe(0);
  });
});
