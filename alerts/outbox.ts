import type { Logger } from '../config/index.ts';
import { claimDue, markFailed, markSent, nextDueAt, type Store } from '../store/index.ts';
import type { Transport } from './transport.ts';

const MAX_ATTEMPTS = 8;

/** Sends every due notification; failures are retried with exponential backoff up to MAX_ATTEMPTS. */
export async function deliverDue(store: Store, transport: Transport, now: Date, log: Logger) {
  let sent = 0;
  let failed = 0;
  for (;;) {
    const batch = await claimDue(store, now);
    if (batch.length === 0) break;
    for (const n of batch) {
      try {
        await transport.send(n);
        await markSent(store, n.id, new Date());
        sent++;
      } catch (err) {
        failed++;
        const error = (err as Error).message;
        const retryAt =
          n.attempts >= MAX_ATTEMPTS ? null : new Date(now.getTime() + 5000 * 2 ** (n.attempts - 1));
        log.warn(
          { notification: n.id, recipient: n.recipient, attempt: n.attempts, err: error },
          'delivery failed',
        );
        await markFailed(store, n.id, error, retryAt);
      }
    }
    if (failed > 0) break;
  }
  const retryAt = failed > 0 ? await nextDueAt(store) : undefined;
  return { sent, failed, retryAt };
}
