// The alert pass's job scheduler, kept in Redis beside the reconciler's: present while alerts are
// enabled and have somewhere to go, removed otherwise, so a stale one never sends from old config.
import type { Queue } from 'bullmq';
import type { CertwatchConfig } from '../config/schema.js';
import type { AlertJob } from '../queues/names.js';
import { ALERT_SCHEDULER_ID, defaultJobOptions } from '../queues/job-options.js';

export function alertsWanted(config: Pick<CertwatchConfig, 'alerts'>): boolean {
  const a = config.alerts;
  return a.enabled && Boolean(a.webhookUrl || (a.smtpUrl && a.emailTo.length));
}

export async function syncAlertSchedule(queue: Queue<AlertJob>, config: Pick<CertwatchConfig, 'alerts'>): Promise<boolean> {
  if (!alertsWanted(config)) {
    await queue.removeJobScheduler(ALERT_SCHEDULER_ID);
    return false;
  }
  const { attempts, backoff } = defaultJobOptions('alert');
  // Passes leave nothing worth keeping: the database holds what was sent.
  await queue.upsertJobScheduler(
    ALERT_SCHEDULER_ID,
    { every: config.alerts.everyMs },
    { name: 'alert', data: { reason: 'schedule' }, opts: { attempts, backoff, removeOnComplete: { count: 100 }, removeOnFail: { count: 1000 } } },
  );
  return true;
}
