import type { Logger, ProvinceConfig } from '../config/index.ts';
import { enqueueNotification, json, type Store } from '../store/index.ts';
import { addDays, dayBounds, vnDayOf, vnShortDate } from './dates.ts';
import { buildDigest, type DigestResult, writeDigestFiles } from './digest.ts';

const DIGEST_LOCK = 74_150_006;

/** The outbox key of one recipient's copy of a day's digest: deciding twice sends once. */
export const digestKey = (province: string, day: string, recipient: string) =>
  `digest:${province}:${day}:${recipient.toLowerCase()}`;

export class NoRecipientsError extends Error {
  override name = 'NoRecipientsError';
  constructor() {
    super('chưa có người nhận điểm tin: khai báo digest.recipients trong province.yaml (hoặc dùng --to)');
  }
}

export interface QueueResult {
  digest: DigestResult;
  /** Recipients whose copy was put in the outbox now. */
  queued: string[];
  /** Recipients who already had this day's copy in the outbox (sent or waiting). */
  already: string[];
}

/**
 * Builds a day's digest and puts one e-mail per recipient in the outbox, in one transaction under a lock, so
 * several schedulers (or a scheduler and the command line) queue it once. Delivery, retries and failure
 * reporting are the outbox's.
 */
export async function queueDigest(
  store: Store,
  config: ProvinceConfig,
  day: string,
  o: { at: Date; recipients?: string[]; outputDir?: string },
): Promise<QueueResult> {
  const recipients = [
    ...new Set((o.recipients ?? config.province.digest.recipients).map((r) => r.trim())),
  ].filter(Boolean);
  if (recipients.length === 0) throw new NoRecipientsError();
  const slug = config.province.slug;
  const result = await store.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DIGEST_LOCK, `${slug}:${day}`]);
    const digest = await buildDigest(tx, config, day, o.at);
    const queued: string[] = [];
    const already: string[] = [];
    for (const to of recipients) {
      const added = await enqueueNotification(tx, {
        incidentId: null,
        kind: 'digest',
        channel: 'email',
        recipient: to,
        subject: `Điểm tin báo chí về giáo dục ngày ${vnShortDate(new Date(`${day}T12:00:00+07:00`))}`,
        bodyText: digest.markdown,
        bodyHtml: digest.html,
        dedupeKey: digestKey(slug, day, to),
      });
      (added ? queued : already).push(to);
      // Due from the digest's own time (the scheduler's clock), not the database's.
      if (added)
        await tx.query('UPDATE notifications SET next_attempt_at = $2 WHERE dedupe_key = $1', [
          digestKey(slug, day, to),
          o.at,
        ]);
    }
    await tx.query(
      `UPDATE digests SET queued_at = COALESCE(queued_at, $3),
         recipients = (SELECT jsonb_agg(DISTINCT r) FROM jsonb_array_elements_text(recipients || $4::jsonb) r)
       WHERE province = $1 AND day = $2`,
      [slug, day, o.at, json(recipients)],
    );
    return { digest, queued, already };
  });
  if (o.outputDir) result.digest.files = writeDigestFiles(result.digest, o.outputDir);
  return result;
}

/** The day whose digest is due at `now`: yesterday once today's send time has passed, else none. */
export function dueDigestDay(config: ProvinceConfig, now: Date): string | undefined {
  const today = vnDayOf(now);
  const [h, m] = config.province.digest.time.split(':').map(Number) as [number, number];
  const sendAt = new Date(`${today}T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00+07:00`);
  return now >= sendAt ? addDays(today, -1) : undefined;
}

/**
 * The morning digest, driven by database state: once the configured time has passed, yesterday's digest is
 * queued unless it already was (by this or another scheduler, or by hand). A missed morning is not sent late
 * the next day: the next morning's digest covers its own day. Nothing is sent for a day before the monitor stored
 * its first document. Returns the day queued, if any.
 */
export async function scheduleDigest(
  store: Store,
  config: ProvinceConfig,
  now: Date,
  o: { log: Logger; outputDir?: string },
): Promise<string | undefined> {
  const day = dueDigestDay(config, now);
  if (!day) return undefined;
  const [row] = await store.query<{ queued_at: Date | null }>(
    'SELECT queued_at FROM digests WHERE province = $1 AND day = $2',
    [config.province.slug, day],
  );
  if (row?.queued_at) return undefined;
  // Only when the monitor was already running on that day: a new deployment's first morning has nothing to say.
  const [watched] = await store.query('SELECT 1 FROM documents WHERE fetched_at < $1 LIMIT 1', [
    dayBounds(day)[1],
  ]);
  if (!watched) return undefined;
  if (config.province.digest.recipients.length === 0) {
    // Built and marked, so the warning is given once a day rather than every tick.
    const d = await buildDigest(store, config, day, now);
    await store.query('UPDATE digests SET queued_at = $3 WHERE province = $1 AND day = $2', [
      config.province.slug,
      day,
      now,
    ]);
    if (o.outputDir) writeDigestFiles(d, o.outputDir);
    o.log.warn({ day }, 'digest built but not sent: no recipients in province.yaml digest.recipients');
    return undefined;
  }
  const r = await queueDigest(store, config, day, { at: now, outputDir: o.outputDir });
  o.log.info({ day, queued: r.queued.length }, 'morning digest queued');
  return day;
}

export interface DeliveryState {
  recipient: string;
  state: string;
  attempts: number;
  last_error: string | null;
  sent_at: Date | null;
  next_attempt_at: Date;
}

/** Where each copy of a day's digest is: pending (and why), sent, failed for good. */
export async function digestDelivery(store: Store, province: string, day: string): Promise<DeliveryState[]> {
  return store.query<DeliveryState>(
    `SELECT recipient, state, attempts, last_error, sent_at, next_attempt_at FROM notifications
     WHERE kind = 'digest' AND dedupe_key LIKE $1 ORDER BY recipient`,
    [`digest:${province}:${day}:%`],
  );
}
