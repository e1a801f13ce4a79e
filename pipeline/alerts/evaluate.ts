// One alert pass: read the facts, apply the rules, and deliver each alert not sent within its
// dedup window, most severe first, within the hourly cap. A claim is taken in the database
// before sending and given back if every channel failed, so the next pass tries again.
import type { AppContext } from '../app/context.js';
import { alertsSentLastHour, claimAlert, markAlertDelivered, releaseAlert, sentWithin } from '../storage/alert-state.js';
import { toPayload, type Alert } from './alert.js';
import type { AlertDelivery } from './deliver.js';
import { captureFailureFacts, NEW_SELLER_HOURS, queueFacts, sellerFacts, sourceFacts } from './gather-facts.js';
import { captureAlert, queueAlerts, sellerAlert, sourceAlerts } from './rules.js';

export interface AlertPassReport {
  /** Alerts the rules raised this pass. */
  raised: number;
  sent: { key: string; channels: string[]; eventAt: string }[];
  /** Raised but sent within the dedup window already. */
  deduplicated: number;
  /** Held back by the hourly cap; they go out on a later pass. */
  limited: number;
  /** Every channel failed; the claim was given back. */
  failed: { key: string; errors: string[] }[];
  /** A part of the facts that could not be read (e.g. Redis down). */
  partial?: string;
  ms: number;
}

const RANK: Record<Alert['severity'], number> = { critical: 0, warning: 1, info: 2 };

export function dashboardBaseUrl(config: AppContext['config']): string {
  if (config.dashboard.publicUrl) return config.dashboard.publicUrl;
  const host = ['0.0.0.0', '::'].includes(config.dashboard.host) ? '127.0.0.1' : config.dashboard.host;
  return `http://${host.includes(':') ? `[${host}]` : host}:${config.dashboard.port}`;
}

export async function raiseAlerts(ctx: Pick<AppContext, 'db' | 'queue' | 'config' | 'redisUrl'>): Promise<{ alerts: Alert[]; partial?: string }> {
  const { rules, dedupMinutes } = ctx.config.alerts;
  const [sources, sellers] = await Promise.all([sourceFacts(ctx, dedupMinutes), sellerFacts(ctx, rules)]);
  const alerts: Alert[] = [...sources.flatMap((s) => sourceAlerts(s, rules)), ...sellers.map(sellerAlert)];
  let partial: string | undefined;
  if (ctx.redisUrl) {
    try {
      const [queues, captures] = await Promise.all([queueFacts(ctx), captureFailureFacts(ctx)]);
      const now = new Date();
      alerts.push(...queues.flatMap((q) => queueAlerts(q, rules, now)));
      alerts.push(...captures.filter((c) => c.count >= rules.captureFailures).map(captureAlert));
    } catch (err) {
      partial = `queues not read: ${(err as Error).message}`;
    }
  }
  alerts.sort((a, b) => RANK[a.severity] - RANK[b.severity] || a.eventAt.getTime() - b.eventAt.getTime());
  return { alerts, partial };
}

export async function runAlertPass(ctx: Pick<AppContext, 'db' | 'queue' | 'config' | 'redisUrl' | 'installationId' | 'log'>, delivery: AlertDelivery): Promise<AlertPassReport> {
  const started = Date.now();
  const cfg = ctx.config.alerts;
  const { alerts, partial } = await raiseAlerts(ctx);
  const report: AlertPassReport = { raised: alerts.length, sent: [], deduplicated: 0, limited: 0, failed: [], ms: 0, ...(partial ? { partial } : {}) };
  if (!delivery.configured) {
    if (alerts.length) ctx.log.warn({ alerts: alerts.map((a) => a.key) }, 'alerts raised but no webhook or e-mail is configured');
    report.ms = Date.now() - started;
    return report;
  }
  let budget = cfg.maxPerHour - (await alertsSentLastHour(ctx.db));
  const base = dashboardBaseUrl(ctx.config);
  for (const alert of alerts) {
    // A seller is new once: its key is held for as long as it could still be read as new.
    const window = alert.kind === 'new-seller' ? Math.max(cfg.dedupMinutes, NEW_SELLER_HOURS * 60 * 2) : cfg.dedupMinutes;
    if (budget <= 0) {
      if (await sentWithin(ctx.db, alert.key, window)) report.deduplicated++;
      else report.limited++;
      continue;
    }
    const payload = toPayload(alert, base, ctx.installationId ?? null);
    const claim = await claimAlert(ctx.db, { key: alert.key, kind: alert.kind, sourceId: alert.source, alert: payload }, window);
    if (!claim) {
      report.deduplicated++;
      continue;
    }
    const result = await delivery.send(payload);
    for (const f of result.failed) ctx.log.warn({ alert: alert.key, channel: f.channel, err: f.error }, 'alert delivery failed');
    if (result.delivered.length === 0) {
      await releaseAlert(ctx.db, claim);
      report.failed.push({ key: alert.key, errors: result.failed.map((f) => `${f.channel}: ${f.error}`) });
      continue;
    }
    await markAlertDelivered(ctx.db, alert.key, result.delivered);
    budget--;
    report.sent.push({ key: alert.key, channels: result.delivered, eventAt: payload.eventAt });
    ctx.log.info({ alert: alert.key, source: alert.source, channels: result.delivered }, `alert sent: ${alert.title}`);
  }
  if (report.limited) ctx.log.warn({ limited: report.limited, maxPerHour: cfg.maxPerHour }, 'alerts held back by the hourly cap');
  report.ms = Date.now() - started;
  return report;
}
