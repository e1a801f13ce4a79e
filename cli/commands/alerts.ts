// `certwatch alerts`: one alert pass now (the same rules, dedup and cap as the scheduled one),
// or --test: one test alert to every configured channel, so an operator can check the wiring.
import type { Command } from '../command.js';
import { parseOptions } from '../args.js';
import { UsageError } from '../../core/errors.js';
import { openApp } from '../../pipeline/app/context.js';
import { toPayload } from '../../pipeline/alerts/alert.js';
import { alertDelivery } from '../../pipeline/alerts/deliver.js';
import { dashboardBaseUrl, runAlertPass } from '../../pipeline/alerts/evaluate.js';

const usage = `usage: certwatch alerts [--test] [--json]

Runs one alert pass now: reads each source's last runs, the queues, new sellers and failed
captures, and sends what the rules raise (alerts.rules.*) that was not sent within
alerts.dedupMinutes, within alerts.maxPerHour, to alerts.webhookUrl and/or by e-mail
(alerts.smtpUrl, alerts.emailTo). The scheduler does the same every alerts.everyMs.
  --test   send one test alert to every configured channel instead (exit 1 if one fails)
  --json   print the report as JSON on stdout`;

const command: Command = {
  summary: 'run an alert pass now, or send a test alert',
  usage,
  async run(args) {
    const { values } = parseOptions(args, { test: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } });
    const ctx = await openApp();
    const a = ctx.config.alerts;
    const delivery = alertDelivery({ webhookUrl: a.webhookUrl, smtpUrl: a.smtpUrl, emailFrom: a.emailFrom, emailTo: a.emailTo, userAgent: ctx.config.userAgent });
    try {
      if (!delivery.configured) throw new UsageError('no alert channel: set alerts.webhookUrl (CERTWATCH_ALERT_WEBHOOK) or alerts.smtpUrl and alerts.emailTo (CERTWATCH_SMTP_URL, CERTWATCH_ALERT_EMAIL_TO)');
      if (values.test) {
        const now = new Date();
        const payload = toPayload(
          { key: `test:${now.toISOString()}`, kind: 'test', severity: 'info', source: null, title: '测试告警 (test alert)', message: 'certwatch can reach this channel.', path: '/jobs', eventAt: now, facts: {} },
          dashboardBaseUrl(ctx.config),
          ctx.installationId ?? null,
        );
        const result = await delivery.send(payload);
        if (values.json) console.log(JSON.stringify(result, null, 2));
        for (const c of result.delivered) console.error(`test alert sent by ${c}`);
        for (const f of result.failed) console.error(`test alert NOT sent by ${f.channel}: ${f.error}`);
        return result.failed.length ? 1 : 0;
      }
      const report = await runAlertPass(ctx, delivery);
      if (values.json) console.log(JSON.stringify(report, null, 2));
      else console.error(`alerts (${report.ms} ms): ${report.raised} raised, ${report.sent.length} sent, ${report.deduplicated} already sent, ${report.limited} held by the hourly cap, ${report.failed.length} failed${report.partial ? `; ${report.partial}` : ''}`);
      return report.failed.length ? 1 : 0;
    } finally {
      delivery.close();
      await ctx.close();
    }
  },
};

export default command;
