// Sends an alert where the operator asked: a JSON POST to the webhook and an e-mail over SMTP
// (nodemailer). Each channel fails on its own; the caller learns which ones took the alert.
import nodemailer, { type Transporter } from 'nodemailer';
import type { AlertPayload } from './alert.js';

export interface DeliveryTargets {
  webhookUrl?: string;
  smtpUrl?: string;
  emailFrom: string;
  emailTo: string[];
  userAgent: string;
  /** @default 10000 */
  timeoutMs?: number;
}

export interface DeliveryResult {
  delivered: ('webhook' | 'email')[];
  failed: { channel: 'webhook' | 'email'; error: string }[];
}

export interface AlertDelivery {
  /** True when at least one channel is configured. */
  readonly configured: boolean;
  send(p: AlertPayload): Promise<DeliveryResult>;
  close(): void;
}

export function alertDelivery(t: DeliveryTargets): AlertDelivery {
  const timeoutMs = t.timeoutMs ?? 10_000;
  const email = Boolean(t.smtpUrl && t.emailTo.length);
  let transport: Transporter | undefined;
  const mailer = () => (transport ??= nodemailer.createTransport({ url: t.smtpUrl!, connectionTimeout: timeoutMs, greetingTimeout: timeoutMs, socketTimeout: timeoutMs }));

  async function postWebhook(p: AlertPayload): Promise<void> {
    const res = await fetch(t.webhookUrl!, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': t.userAgent },
      body: JSON.stringify(p),
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'error',
    });
    await res.body?.cancel().catch(() => undefined);
    if (!res.ok) throw new Error(`webhook answered ${res.status}`);
  }

  async function sendMail(p: AlertPayload): Promise<void> {
    await mailer().sendMail({
      from: t.emailFrom,
      to: t.emailTo,
      subject: `[certwatch] ${p.title}`,
      text: `${p.title}\n\n${p.message}\n\n${p.url}\n\nsource: ${p.source ?? '-'}\nkind: ${p.kind} (${p.severity})\nevent at: ${p.eventAt} (UTC)\nkey: ${p.key}\n`,
      headers: { 'X-Certwatch-Alert': p.key },
    });
  }

  return {
    configured: Boolean(t.webhookUrl) || email,
    async send(p) {
      const jobs: [('webhook' | 'email'), Promise<void>][] = [];
      if (t.webhookUrl) jobs.push(['webhook', postWebhook(p)]);
      if (email) jobs.push(['email', sendMail(p)]);
      const settled = await Promise.allSettled(jobs.map(([, j]) => j));
      const result: DeliveryResult = { delivered: [], failed: [] };
      settled.forEach((s, i) => {
        const channel = jobs[i]![0];
        if (s.status === 'fulfilled') result.delivered.push(channel);
        else result.failed.push({ channel, error: (s.reason as Error).message.slice(0, 300) });
      });
      return result;
    },
    close() {
      transport?.close();
    },
  };
}
