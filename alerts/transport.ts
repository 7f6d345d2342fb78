import { createHmac } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { NotificationRow } from '../store/index.ts';

/** Delivers one notification; throws when delivery failed and should be retried. */
export interface Transport {
  readonly kind: string;
  send(n: NotificationRow): Promise<void>;
  close(): Promise<void>;
}

export interface TransportOptions {
  smtpUrl?: string;
  from: string;
  /** Without SMTP, messages are written as .eml files here. */
  outputDir: string;
  webhookUrl?: string;
  webhookSecret?: string;
}

/** SMTP when configured, else .eml files; webhooks are signed with HMAC-SHA256. */
export function createTransport(o: TransportOptions): Transport {
  const mailer = o.smtpUrl
    ? nodemailer.createTransport(o.smtpUrl)
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const mailDir = join(o.outputDir, 'mail');
  return {
    kind: o.smtpUrl ? 'smtp' : 'file',
    async send(n) {
      if (n.channel === 'webhook') return sendWebhook(o, n);
      const info = await mailer.sendMail({
        from: o.from,
        to: n.recipient,
        subject: n.subject,
        text: n.body_text,
        ...(n.body_html ? { html: n.body_html } : {}),
        messageId: `<${n.dedupe_key.replace(/[^a-zA-Z0-9.-]/g, '.')}@diemtin>`,
      });
      if (!o.smtpUrl) {
        mkdirSync(mailDir, { recursive: true });
        writeFileSync(
          join(mailDir, `${String(n.id).padStart(6, '0')}-${n.recipient.replace(/[^\w.@-]/g, '_')}.eml`),
          (info as unknown as { message: Buffer }).message,
        );
      }
    },
    async close() {
      mailer.close();
    },
  };
}

async function sendWebhook(o: TransportOptions, n: NotificationRow): Promise<void> {
  if (!o.webhookUrl) throw new Error('webhook notification without WEBHOOK_URL');
  const body = JSON.stringify({
    id: n.dedupe_key,
    kind: n.kind,
    incidentId: n.incident_id,
    subject: n.subject,
    text: n.body_text,
  });
  const signature = createHmac('sha256', o.webhookSecret ?? '')
    .update(body)
    .digest('hex');
  const res = await fetch(o.webhookUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-diemtin-signature': `sha256=${signature}` },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  if (!res.ok) throw new Error(`webhook answered ${res.status}`);
}
