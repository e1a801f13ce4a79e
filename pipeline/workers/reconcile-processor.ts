// The reconcile worker: runs one reconciler pass per job (from its job scheduler, or added when
// Redis lost its schedules) and logs what was lost, loudly, since nothing should have been.
import type { Job } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppContext } from '../app/context.js';
import type { ReconcileJob } from '../queues/names.js';
import { describeReconcile, reconcile, type ReconcileReport } from '../reconcile/reconcile.js';

export function createReconcileProcessor(opts: { ctx: AppContext }) {
  const { ctx } = opts;
  let redis: Redis | undefined;
  return {
    async process(job: Job<ReconcileJob>): Promise<ReconcileReport> {
      redis ??= ctx.connection();
      const report = await reconcile(ctx, { redis });
      const log = ctx.log.child({ job: job.id, reason: job.data.reason });
      if (report.repaired > 0) log.warn({ report }, `reconciler repaired ${report.repaired} lost items: ${describeReconcile(report)}`);
      else log.info({ ms: report.ms }, `reconciler: nothing lost; ${describeReconcile(report)}`);
      return report;
    },
    async close() {
      redis?.disconnect();
    },
  };
}
