import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { NotificationRow } from '../store/index.ts';

/** Delivers one notification; throws when delivery failed (a DeliveryError marks it not worth retrying). */
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
  webhookSecret?: string;
}

/** A delivery the receiver refused for good (unknown mailbox, a 4xx webhook answer): not retried. */
export class DeliveryError extends Error {
  override name = 'DeliveryError';
  constructor(
    message: string,
    readonly permanent: boolean,
  ) {
    super(message);
  }
}

/** Whether a failed send should not be retried. */
export function isPermanent(err: unknown): boolean {
  if (err instanceof DeliveryError) return err.permanent;
  // nodemailer: a 5xx answer to RCPT TO is a mailbox the server will never accept.
  const e = err as { responseCode?: number; command?: string };
  return (e.responseCode ?? 0) >= 500 && e.command === 'RCPT TO';
}

/** SMTP (pooled) when configured, else .eml files; webhooks are signed with HMAC-SHA256. */
export function createTransport(o: TransportOptions): Transport {
  const mailer = o.smtpUrl
    ? nodemailer.createTransport({
        url: o.smtpUrl,
        pool: true,
        maxConnections: 4,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 30_000,
      } as Parameters<typeof nodemailer.createTransport>[0])
    : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const mailDir = join(o.outputDir, 'mail');
  return {
    kind: o.smtpUrl ? 'smtp' : 'file',
    async send(n) {
      if (n.channel === 'webhook') return sendWebhook(n, o.webhookSecret ?? '');
      const info = await mailer.sendMail({
        from: o.from,
        to: n.recipient,
        subject: n.subject,
        text: n.body_text,
        ...(n.body_html ? { html: n.body_html } : {}),
        // The same Message-ID on every attempt: a mail client shows a rare duplicate once.
        messageId: `<${n.dedupe_key.replace(/[^a-zA-Z0-9.-]/g, '.')}@diemtin>`,
        headers: {
          'X-Diemtin-Notification': n.dedupe_key,
          ...(n.incident_id ? { 'X-Diemtin-Incident': String(n.incident_id) } : {}),
        },
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

/** The signature header of a webhook body sent at `timestamp` (Unix seconds). */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * For receivers (the Zalo/Telegram bridge): true when the signature matches and the timestamp is within
 * `toleranceS` of now (a replayed old request fails).
 */
export function verifyWebhook(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  body: string,
  now: Date = new Date(),
  toleranceS = 300,
): boolean {
  const ts = Number(headers['x-diemtin-timestamp']);
  const sig = String(headers['x-diemtin-signature'] ?? '');
  if (!Number.isFinite(ts) || Math.abs(now.getTime() / 1000 - ts) > toleranceS) return false;
  const want = Buffer.from(signWebhook(secret, ts, body));
  const got = Buffer.from(sig);
  return want.length === got.length && timingSafeEqual(want, got);
}

async function sendWebhook(n: NotificationRow, secret: string): Promise<void> {
  const body = JSON.stringify({
    id: n.dedupe_key,
    kind: n.kind,
    incidentId: n.incident_id,
    subject: n.subject,
    text: n.body_text,
    payload: n.payload,
  });
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(n.recipient, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-diemtin-delivery': n.dedupe_key,
      'x-diemtin-timestamp': String(timestamp),
      'x-diemtin-signature': signWebhook(secret, timestamp, body),
    },
    body,
    signal: AbortSignal.timeout(15_000),
  });
  await res.body?.cancel();
  if (!res.ok) {
    const permanent = res.status >= 400 && res.status < 500 && res.status !== 408 && res.status !== 429;
    throw new DeliveryError(`webhook answered ${res.status}`, permanent);
  }
}
