import type { ProvinceConfig } from '../config/index.ts';
import { vnDay } from '../crawlers/index.ts';
import {
  addIncidentEvent,
  addMention,
  enqueueNotification,
  getClassification,
  getDocument,
  getIncident,
  type IncidentRow,
  insertIncident,
  openIncidents,
  type Queryable,
  type Store,
  setIncidentLevel,
} from '../store/index.ts';
import { incidentMessage } from './messages.ts';
import { LEVELS, type Level, recipientsFor, routeDepartment } from './routing.ts';
import { ruleSetFor } from './rule-sets.ts';
import { severity } from './severity.ts';

export interface MentionOutcome {
  incidentId?: number;
  action: 'ignored' | 'opened' | 'joined' | 'escalated';
  notifications: number;
}

const HOUR = 3600_000;

/**
 * Decides what a province item means for incidents: it joins the open incident about the same event
 * (same story, or a shared risk with compatible places inside the join window), or opens one when it is
 * negative with a risk above the threshold. Notifications go to the outbox in the same transaction.
 */
export async function processMention(
  store: Store,
  config: ProvinceConfig,
  documentId: number,
  now: Date,
): Promise<MentionOutcome> {
  const [doc, c] = await Promise.all([getDocument(store, documentId), getClassification(store, documentId)]);
  if (!doc || !c || c.scope !== 'province' || c.risks.length === 0)
    return { action: 'ignored', notifications: 0 };
  const p = config.province;
  const riskLevel = Number((c.scores as { riskLevel?: number }).riskLevel ?? 0);
  // Province-level names say nothing about which event a mention is about.
  const provinceNames = new Set([p.name, ...p.formerNames]);
  const specific = (places: string[]) => places.filter((x) => !provinceNames.has(x));

  return store.transaction(async (tx) => {
    const candidates = await openIncidents(
      tx,
      p.slug,
      new Date(now.getTime() - p.incidents.joinWindowHours * HOUR),
    );
    const mine = specific(c.places);
    const match =
      candidates.find((i) => i.story_ids.includes(doc.story_id)) ??
      candidates.find((i) => {
        const shared = i.risks.some((r) => c.risks.includes(r));
        const theirs = specific(i.places);
        return shared && (mine.length === 0 || theirs.length === 0 || mine.some((x) => theirs.includes(x)));
      });
    if (match) {
      const added = await addMention(tx, match.id, documentId, now);
      if (!added) return { incidentId: match.id, action: 'joined', notifications: 0 };
      await addIncidentEvent(
        tx,
        match.id,
        'system',
        'mention-added',
        { documentId, outlet: doc.outlet },
        now,
      );
      return reassess(tx, config, match.id, riskLevel, now);
    }
    const opens = c.sentiment === 'negative' && riskLevel >= p.incidents.riskThreshold;
    if (!opens) return { action: 'ignored', notifications: 0 };

    const department = routeDepartment(config, c.topics, c.risks);
    const received = now;
    const eventAt = doc.published_at && doc.published_at < now ? doc.published_at : now;
    const rules = ruleSetFor(received, p.ruleSet);
    const clockStart = rules.statement.clockStart === 'event' ? eventAt : received;
    const level = severity({
      riskLevel,
      outlets: 1,
      reach: reachOf(doc.engagement),
      mentions: 1,
      nationalPress: false,
    });
    const id = await insertIncident(tx, {
      province: p.slug,
      title: doc.title || doc.text.slice(0, 140),
      level,
      department,
      lead_by: 'department',
      rule_set: rules.id,
      risks: c.risks,
      topics: c.topics,
      places: c.places,
      event_at: eventAt,
      received_at: received,
      facts_due_at: new Date(received.getTime() + p.incidents.factsDueHours * HOUR),
      statement_due_at: new Date(clockStart.getTime() + rules.statement.dueHours * HOUR),
      first_seen_at: eventAt,
      last_seen_at: doc.published_at ?? now,
    });
    await addMention(tx, id, documentId, now);
    await addIncidentEvent(
      tx,
      id,
      'system',
      'opened',
      { documentId, level, department, ruleSet: rules.id },
      now,
    );
    const sent = await notify(tx, config, id, 'opened', now);
    return { incidentId: id, action: 'opened', notifications: sent };
  });
}

/** Re-evaluates severity after a new mention; a higher level re-alerts. */
async function reassess(
  tx: Queryable,
  config: ProvinceConfig,
  incidentId: number,
  riskLevel: number,
  now: Date,
): Promise<MentionOutcome> {
  const inc = (await getIncident(tx, incidentId))!;
  const national = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM incident_mentions m JOIN documents d ON d.id = m.document_id
     JOIN sources s ON s.id = d.source_id WHERE m.incident_id = $1 AND s.tier = 'national'`,
    [incidentId],
  );
  const level = severity({
    riskLevel: Math.max(riskLevel, riskOfLevel(inc.level as Level)),
    outlets: inc.outlet_count,
    reach: inc.reach,
    mentions: inc.mention_count,
    nationalPress: (national[0]?.n ?? 0) > 0,
  });
  if (LEVELS.indexOf(level) <= LEVELS.indexOf(inc.level as Level))
    return { incidentId, action: 'joined', notifications: 0 };
  await setIncidentLevel(tx, incidentId, level);
  await addIncidentEvent(tx, incidentId, 'system', 'escalated', { from: inc.level, to: level }, now);
  const sent = await notify(tx, config, incidentId, 'escalated', now);
  return { incidentId, action: 'escalated', notifications: sent };
}

const riskOfLevel = (l: Level) => (l === 'khung-hoang' ? 0.85 : l === 'su-co' ? 0.5 : 0);

async function notify(
  tx: Queryable,
  config: ProvinceConfig,
  incidentId: number,
  why: 'opened' | 'escalated',
  now: Date,
): Promise<number> {
  const inc: IncidentRow = (await getIncident(tx, incidentId))!;
  let count = 0;
  for (const r of recipientsFor(config, inc.department, inc.level as Level)) {
    const msg = incidentMessage(config, inc, why, r);
    const added = await enqueueNotification(tx, {
      incidentId,
      kind: `incident-${why}`,
      channel: 'email',
      recipient: r.email,
      subject: msg.subject,
      bodyText: msg.text,
      bodyHtml: msg.html,
      dedupeKey: `incident:${incidentId}:${inc.level}:${r.email}`,
    });
    if (added) count++;
  }
  if (count > 0)
    await addIncidentEvent(
      tx,
      incidentId,
      'system',
      'notified',
      { why, recipients: count, day: vnDay(now) },
      now,
    );
  return count;
}

function reachOf(e: Record<string, number>): number {
  return (e.reactions ?? 0) + (e.comments ?? 0) + (e.shares ?? 0);
}
