// The alert worker: one alert pass per job (from the alerts job scheduler), delivering through
// one webhook client and one SMTP transport kept for the worker's life.
import type { Job } from 'bullmq';
import type { AppContext } from '../app/context.js';
import type { AlertJob } from '../queues/names.js';
import { alertDelivery, type AlertDelivery } from '../alerts/deliver.js';
import { runAlertPass, type AlertPassReport } from '../alerts/evaluate.js';

export function createAlertProcessor(opts: { ctx: AppContext }) {
  const { ctx } = opts;
  let delivery: AlertDelivery | undefined;
  return {
    async process(job: Job<AlertJob>): Promise<AlertPassReport> {
      const a = ctx.config.alerts;
      delivery ??= alertDelivery({ webhookUrl: a.webhookUrl, smtpUrl: a.smtpUrl, emailFrom: a.emailFrom, emailTo: a.emailTo, userAgent: ctx.config.userAgent });
      const report = await runAlertPass(ctx, delivery);
      ctx.log.debug({ job: job.id, ...report }, 'alert pass');
      return report;
    },
    async close() {
      delivery?.close();
    },
  };
}
