import type { ProvinceConfig } from '../config/index.ts';
import {
  enqueueNotification,
  getClassification,
  insertSpike,
  type LabelKind,
  labelCounts,
  type Store,
} from '../store/index.ts';
import { spikeMessage } from './messages.ts';
import type { AlertOptions } from './notify.ts';
import { departmentName, routeDepartment } from './routing.ts';

const MINUTE = 60_000;

/**
 * Whether `count` mentions in one window are a spike over a baseline of `baselineCount` mentions in
 * `baselineWindows` windows of the same length: at least minCount, and at least `factor` times the expected
 * count (one mention per window when there is no history). Pure.
 */
export function isSpike(
  count: number,
  baselineCount: number,
  baselineWindows: number,
  s: { minCount: number; factor: number },
): { spike: boolean; expected: number } {
  const expected = baselineWindows > 0 ? baselineCount / baselineWindows : 0;
  return { spike: count >= s.minCount && count >= s.factor * Math.max(expected, 1), expected };
}

/**
 * After a province item is analysed: for each of its topic lines (when negative) and risks, counts the
 * province mentions in the last window that no incident holds (incidents alert on their own) against the
 * trailing baseline, and alerts the office and the responsible department once per label and cooldown.
 * Many mild posts about one thing are noticed this way even when none opens an incident.
 */
export async function checkSpikes(
  store: Store,
  config: ProvinceConfig,
  documentId: number,
  now: Date,
  options: AlertOptions = {},
): Promise<number> {
  const c = await getClassification(store, documentId);
  if (c?.scope !== 'province') return 0;
  const s = config.province.incidents.spike;
  const labels: [LabelKind, string][] = [
    ...(c.sentiment === 'negative' ? c.topics.map((t) => ['topic', t] as [LabelKind, string]) : []),
    ...c.risks.map((r) => ['risk', r] as [LabelKind, string]),
  ];
  const windowMs = s.windowMinutes * MINUTE;
  const windowStart = new Date(now.getTime() - windowMs);
  const baselineStart = new Date(now.getTime() - s.baselineDays * 1440 * MINUTE);
  let sent = 0;
  for (const [kind, label] of labels) {
    const counts = await labelCounts(store, kind, label, baselineStart, windowStart, now);
    const windows = (windowStart.getTime() - baselineStart.getTime()) / windowMs;
    const verdict = isSpike(counts.count, counts.baseline, windows, s);
    if (!verdict.spike) continue;
    sent += await recordSpike(store, config, kind, label, counts, verdict.expected, now, options);
  }
  return sent;
}

async function recordSpike(
  store: Store,
  config: ProvinceConfig,
  kind: LabelKind,
  label: string,
  counts: { count: number; baseline: number; documents: number[] },
  expected: number,
  now: Date,
  options: AlertOptions,
): Promise<number> {
  const s = config.province.incidents.spike;
  const cooldown = s.cooldownHours * 60 * MINUTE;
  const department = routeDepartment(config, kind === 'topic' ? [label] : [], kind === 'risk' ? [label] : []);
  return store.transaction(async (tx) => {
    const id = await insertSpike(tx, {
      province: config.province.slug,
      label_kind: kind,
      label,
      bucket: new Date(Math.floor(now.getTime() / cooldown) * cooldown),
      window_start: new Date(now.getTime() - s.windowMinutes * MINUTE),
      window_end: now,
      count: counts.count,
      baseline: Math.round(expected * 100) / 100,
      department,
      documents: counts.documents,
    });
    if (id === undefined) return 0;
    const links = await tx.query<{ outlet: string; title: string; url: string }>(
      `SELECT outlet, title, url FROM documents WHERE id = ANY(SELECT jsonb_array_elements_text($1::jsonb)::int)
       ORDER BY COALESCE(published_at, fetched_at) DESC`,
      [JSON.stringify(counts.documents)],
    );
    const labelName =
      (kind === 'topic' ? config.topics : config.risks).find((x) => x.id === label)?.name ?? label;
    const notice = {
      labelKind: kind,
      label,
      labelName,
      count: counts.count,
      expected,
      windowMinutes: s.windowMinutes,
      departmentName: departmentName(config, department),
      links,
    };
    const depts = config.departments;
    const to = [department, depts.office]
      .map((d) => depts.departments.find((x) => x.id === d)!)
      .filter((d, i, all) => all.findIndex((x) => x.id === d.id) === i);
    let sent = 0;
    for (const d of to) {
      const msg = spikeMessage(notice, config, d);
      if (
        await enqueueNotification(tx, {
          incidentId: null,
          kind: 'spike',
          channel: 'email',
          recipient: d.email,
          subject: msg.subject,
          bodyText: msg.text,
          bodyHtml: msg.html,
          dedupeKey: `spike:${id}:${d.email.toLowerCase()}`,
        })
      )
        sent++;
    }
    if (options.webhookUrl)
      if (
        await enqueueNotification(tx, {
          incidentId: null,
          kind: 'spike',
          channel: 'webhook',
          recipient: options.webhookUrl,
          subject: `Tăng đột biến: ${labelName}`,
          bodyText: `Tăng đột biến: ${labelName}`,
          payload: { event: 'spike', spike: { id, ...notice } },
          dedupeKey: `spike:${id}:webhook`,
        })
      )
        sent++;
    return sent;
  });
}
