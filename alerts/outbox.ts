import { randomUUID } from 'node:crypto';
import type { Logger } from '../config/index.ts';
import {
  claimDue,
  markFailed,
  markSent,
  type NotificationRow,
  nextDueAt,
  type Store,
} from '../store/index.ts';
import { isPermanent, type Transport } from './transport.ts';

export const MAX_ATTEMPTS = 12;

/** Wait before attempt n+1: 5 s, 10 s, 20 s … capped at 30 minutes (about 2.5 hours over 12 attempts). */
export function retryDelayMs(attempts: number): number {
  return Math.min(30 * 60_000, 5000 * 2 ** Math.max(0, attempts - 1));
}

export interface DeliveryOptions {
  log: Logger;
  /** How long a claimed notification belongs to this sender; longer than any one send can take. */
  leaseMs: number;
  /** Sends in flight at once. */
  concurrency?: number;
  /** Called once when a notification is given up (permanent error or attempts exhausted). */
  onGiveUp?: (n: NotificationRow, error: string) => Promise<void>;
}

/**
 * Sends every due notification from the outbox. Each batch is claimed under a lease token (a sender that dies
 * mid-delivery leaves rows that are due again when the lease ends; a sender that outlived its lease cannot mark
 * them). A failed send is retried with exponential backoff, up to MAX_ATTEMPTS; a permanent refusal (an
 * unknown mailbox, a 4xx webhook answer) is not retried.
 */
export async function deliverDue(store: Store, transport: Transport, now: () => Date, o: DeliveryOptions) {
  const token = randomUUID();
  const concurrency = o.concurrency ?? 4;
  let sent = 0;
  let failed = 0;
  for (;;) {
    // Claim only what is sent at once: a claimed row's lease covers one send, never a wait in line.
    const start = now();
    const batch = await claimDue(store, start, token, new Date(start.getTime() + o.leaseMs), concurrency);
    if (batch.length === 0) break;
    const results = await Promise.all(batch.map((n) => sendOne(store, transport, n, token, now, o)));
    const ok = results.filter(Boolean).length;
    sent += ok;
    failed += results.length - ok;
  }
  return { sent, failed, retryAt: await nextDueAt(store) };
}

async function sendOne(
  store: Store,
  transport: Transport,
  n: NotificationRow,
  token: string,
  now: () => Date,
  o: DeliveryOptions,
): Promise<boolean> {
  try {
    await transport.send(n);
  } catch (err) {
    const error = (err as Error).message;
    const giveUp = isPermanent(err) || n.attempts >= MAX_ATTEMPTS;
    const retryAt = giveUp ? null : new Date(now().getTime() + retryDelayMs(n.attempts));
    o.log.warn(
      { notification: n.id, recipient: n.recipient, attempt: n.attempts, giveUp, err: error },
      'delivery failed',
    );
    if ((await markFailed(store, n.id, token, error, retryAt)) && giveUp) await o.onGiveUp?.(n, error);
    return false;
  }
  if (await markSent(store, n.id, token, now()))
    o.log.debug({ notification: n.id, recipient: n.recipient }, 'notification sent');
  else o.log.warn({ notification: n.id }, 'sent after its lease ended; another sender may send it again');
  return true;
}
