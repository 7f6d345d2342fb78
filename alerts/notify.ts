import type { ProvinceConfig } from '../config/index.ts';
import {
  addIncidentEvent,
  enqueueNotification,
  getIncident,
  type IncidentRow,
  listAuthorisations,
  listDesignations,
  listPeople,
  type PersonRow,
  type Queryable,
} from '../store/index.ts';
import { incidentMessage, incidentPayload, type MessageContext, type Notice } from './messages.ts';
import { ruleSet } from './rule-sets.ts';
import { levelRank } from './severity.ts';
import { spokespeople } from './speakers.ts';

/** Where notifications go besides e-mail. */
export interface AlertOptions {
  /** Signed webhook (Zalo/Telegram bridge); one per notice. */
  webhookUrl?: string;
}

type Audience = 'department' | 'assignee' | 'office' | 'spokesperson' | 'director';

const WHY: Record<Audience, string> = {
  department: 'đơn vị chủ trì',
  assignee: 'người được giao',
  office: 'Văn phòng Sở',
  spokesperson: 'người phát ngôn',
  director: 'Giám đốc Sở',
};

/**
 * Who is told of a notice: the department and the office of everything about the incident itself, the
 * spokesperson from "sự cố" up and of the statement clock, the Director at "khủng hoảng" and when the
 * statement is overdue (the head answers for it).
 */
function audienceOf(n: Notice, inc: IncidentRow): Audience[] {
  const level = levelRank(inc.level);
  switch (n.kind) {
    case 'opened':
    case 'escalated':
    case 'reopened':
      return [
        'department',
        'assignee',
        'office',
        ...(level >= levelRank('su-co') ? (['spokesperson'] as const) : []),
        ...(level >= levelRank('khung-hoang') ? (['director'] as const) : []),
      ];
    case 'assigned':
      return ['department', 'assignee', 'office'];
    case 'warning':
    case 'overdue': {
      if (n.deadline === 'facts')
        return [
          'department',
          'assignee',
          'office',
          ...(n.kind === 'overdue' ? (['spokesperson'] as const) : []),
        ];
      if (n.deadline === 'statement')
        return [
          'spokesperson',
          'office',
          'department',
          ...(n.kind === 'overdue' ? (['director'] as const) : []),
        ];
      return ['spokesperson', 'office'];
    }
    case 'statement':
      return ['department', 'office'];
    case 'delivery-failed':
      return ['office'];
  }
}

/** A key that makes deciding the same notice twice (a retried job, two sweepers) insert it once. */
function discriminator(n: Notice, inc: IncidentRow, now: Date): string {
  switch (n.kind) {
    case 'opened':
      return 'opened';
    case 'escalated':
      return `level:${inc.level}`;
    case 'reopened':
      return `reopened:${now.getTime()}`;
    case 'assigned':
      return `assigned:${inc.department}:${now.getTime()}`;
    case 'warning':
      return `warn:${n.deadline}:${n.refId}:${n.dueAt.getTime()}:${n.label}`;
    case 'overdue':
      return `overdue:${n.deadline}:${n.refId}:${n.dueAt.getTime()}`;
    case 'statement':
      return `statement:${n.statementId}`;
    case 'delivery-failed':
      return `failed:${n.notificationId}`;
  }
}

interface Recipient {
  email: string;
  name: string;
  why: string;
}

function recipients(
  config: ProvinceConfig,
  inc: IncidentRow,
  people: PersonRow[],
  speakers: PersonRow[],
  audience: Audience[],
): Recipient[] {
  const out: Recipient[] = [];
  const depts = config.departments.departments;
  const person = (p: PersonRow, a: Audience) =>
    out.push({ email: p.email, name: `${p.name} (${p.title})`, why: WHY[a] });
  for (const a of audience) {
    if (a === 'department' || a === 'office') {
      const d = depts.find((x) => x.id === (a === 'office' ? config.departments.office : inc.department));
      if (d) out.push({ email: d.email, name: d.name, why: WHY[a] });
    } else if (a === 'assignee') {
      const p = people.find((x) => x.id === inc.assigned_to && x.active);
      if (p) person(p, a);
    } else if (a === 'spokesperson') for (const p of speakers) person(p, a);
    else for (const p of people.filter((x) => x.role === 'head' && x.active)) person(p, a);
  }
  const seen = new Set<string>();
  return out.filter((r) => !seen.has(r.email.toLowerCase()) && seen.add(r.email.toLowerCase()));
}

/** The spokespeople and links of an incident, for messages and recipients. */
async function messageContext(
  tx: Queryable,
  config: ProvinceConfig,
  inc: IncidentRow,
  now: Date,
): Promise<MessageContext & { people: PersonRow[] }> {
  const p = config.province.slug;
  const rules = ruleSet(inc.rule_set);
  const [people, designations, authorisations, links] = await Promise.all([
    listPeople(tx, p),
    listDesignations(tx, p),
    listAuthorisations(tx, p),
    tx.query<{ outlet: string; url: string }>(
      `SELECT d.outlet, d.url FROM incident_mentions m JOIN documents d ON d.id = m.document_id
       WHERE m.incident_id = $1 ORDER BY (d.kind = 'news') DESC, COALESCE(d.published_at, d.fetched_at) LIMIT 3`,
      [inc.id],
    ),
  ]);
  const speakers = spokespeople(rules, people, designations, authorisations, inc.id, now);
  return { config, inc, rules, spokespeople: speakers, links, now, people };
}

/**
 * Decides the notifications of one notice about an incident and writes them to the outbox (in the caller's
 * transaction, so deciding and recording are one). Returns how many were new.
 */
export async function notifyIncident(
  tx: Queryable,
  config: ProvinceConfig,
  incidentId: number,
  notice: Notice,
  now: Date,
  options: AlertOptions = {},
): Promise<number> {
  const inc = (await getIncident(tx, incidentId))!;
  const ctx = await messageContext(tx, config, inc, now);
  const key = `incident:${inc.id}:${discriminator(notice, inc, now)}`;
  const sent: string[] = [];
  for (const r of recipients(config, inc, ctx.people, ctx.spokespeople, audienceOf(notice, inc))) {
    const msg = incidentMessage(notice, ctx, r);
    const added = await enqueueNotification(tx, {
      incidentId,
      kind: `incident-${notice.kind}`,
      channel: 'email',
      recipient: r.email,
      subject: msg.subject,
      bodyText: msg.text,
      bodyHtml: msg.html,
      dedupeKey: `${key}:${r.email.toLowerCase()}`,
    });
    if (added) sent.push(r.email);
  }
  if (options.webhookUrl && notice.kind !== 'delivery-failed') {
    const payload = incidentPayload(notice, ctx);
    const added = await enqueueNotification(tx, {
      incidentId,
      kind: `incident-${notice.kind}`,
      channel: 'webhook',
      recipient: options.webhookUrl,
      subject: payload.text,
      bodyText: payload.text,
      payload,
      dedupeKey: `${key}:webhook`,
    });
    if (added) sent.push('webhook');
  }
  if (sent.length > 0)
    await addIncidentEvent(
      tx,
      incidentId,
      'system',
      'notified',
      { notice: notice.kind, recipients: sent },
      now,
    );
  return sent.length;
}
