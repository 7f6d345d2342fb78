import type { ProvinceConfig } from '../config/index.ts';
import {
  addIncidentEvent,
  addMention,
  candidateIncidents,
  type IncidentRow,
  incidentMentions,
  incidentOfDocument,
  insertIncident,
  type MentionRow,
  mentionOf,
  type Queryable,
  type Store,
  updateIncident,
} from '../store/index.ts';
import { dueTimes } from './clock.ts';
import { bestMatch, eventWords, mergeWords } from './event-match.ts';
import { isLive, transition } from './lifecycle.ts';
import { type AlertOptions, notifyIncident } from './notify.ts';
import { routeDepartment } from './routing.ts';
import { ruleSet, ruleSetFor } from './rule-sets.ts';
import { levelRank, severity } from './severity.ts';
import { type MentionFacts, mentionTime, summarise } from './summary.ts';

export interface MentionOutcome {
  incidentId?: number;
  action: 'ignored' | 'opened' | 'joined' | 'escalated' | 'reopened';
  notifications: number;
}

const HOUR = 3600_000;
const DETECT_LOCK = 74_150_005;

/** A stored mention as the incident logic sees it: weighted risks, places below the province, other provinces. */
export function mentionFacts(
  config: ProvinceConfig,
  m: MentionRow,
): MentionFacts & { weighted: Record<string, number> } {
  const p = config.province;
  // Names of the province itself (current, former, the Department) say nothing about where the event was.
  const provinceNames = new Set([p.name, ...p.formerNames, ...p.extraPlaces]);
  const scores = m.scores as { risks?: Record<string, number>; riskLevel?: number };
  const weighted: Record<string, number> = {};
  for (const r of m.risks) {
    const weight = config.risks.find((x) => x.id === r)?.weight ?? 1;
    weighted[r] = scores.risks?.[r] !== undefined ? scores.risks[r] * weight : Number(scores.riskLevel ?? 0);
  }
  const explained = ((m.explanations as { places?: string[] }).places ?? []) as string[];
  const otherProvinces = explained.map((x) => /\(([^)]+)\)$/.exec(x)?.[1]).filter((x): x is string => !!x);
  const others = new Set(
    explained.filter((x) => /\([^)]+\)$/.test(x)).map((x) => x.replace(/\s*\([^)]+\)$/, '')),
  );
  return {
    documentId: m.document_id,
    kind: m.kind,
    outlet: m.outlet,
    tier: m.tier ?? 'unknown',
    storyId: m.story_id,
    title: m.title,
    text: `${m.lead}\n${m.text}`,
    publishedAt: m.published_at,
    fetchedAt: m.fetched_at,
    engagement: m.engagement,
    risks: m.risks,
    riskLevel: Math.max(0, ...Object.values(weighted)),
    topics: m.topics,
    places: m.places.filter((x) => !provinceNames.has(x) && !others.has(x)),
    otherProvinces,
    weighted,
  };
}

/**
 * Whether a mention alone is strong enough to open an incident: negative, with a risk above its threshold.
 * A false claim that spreads opens one whatever its tone (a rumour of a school closure reads calm but needs
 * the Department's rebuttal); a rebuttal itself does not.
 */
export function opensIncident(
  config: ProvinceConfig,
  sentiment: string,
  weighted: Record<string, number>,
  rebuttal = false,
): boolean {
  const s = config.province.incidents;
  const above = ([risk, level]: [string, number]) => level >= (s.riskThresholds[risk] ?? s.riskThreshold);
  if (sentiment === 'negative') return Object.entries(weighted).some(above);
  return !rebuttal && Object.entries(weighted).some((e) => e[0] === 'misinformation' && above(e));
}

/** Whether the classifier read the item as an official rebuttal or clarification. */
const isRebuttal = (explanations: Record<string, unknown>) => {
  const sentiment = explanations.sentiment as { rebuttal?: unknown[] } | undefined;
  return (sentiment?.rebuttal?.length ?? 0) > 0;
};

const signatureOf = (f: MentionFacts) => eventWords(`${f.title}\n${f.text.slice(0, 2000)}`);

/**
 * What a province item means for incidents. It joins the incident about the same event (same story, or
 * compatible places with a shared risk or much shared wording, inside the join window), or opens one when it
 * is negative with a risk above the threshold. Figures, title and level are recomputed from all mentions; a
 * higher level re-alerts. Notifications go to the outbox in the same transaction.
 */
export async function processMention(
  store: Store,
  config: ProvinceConfig,
  documentId: number,
  now: Date,
  options: AlertOptions = {},
): Promise<MentionOutcome> {
  return store.transaction(async (tx) => {
    const p = config.province;
    // One decision at a time per province: two copies of a new event must not open two incidents.
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [DETECT_LOCK, p.slug]);
    const row = await mentionOf(tx, documentId);
    if (row?.scope !== 'province') return { action: 'ignored', notifications: 0 };
    const held = await incidentOfDocument(tx, documentId);
    if (held) return { incidentId: held, action: 'joined', notifications: 0 };

    const facts = mentionFacts(config, row);
    const words = signatureOf(facts);
    const at = mentionTime(facts);
    const window = p.incidents.joinWindowHours * HOUR;
    const candidates = await candidateIncidents(
      tx,
      p.slug,
      new Date(at.getTime() - window),
      new Date(at.getTime() + window),
    );
    // A dismissed false alarm takes only its own copies: a new report of the same kind may be a real event.
    const open = candidates.filter((c) => c.state !== 'dismissed' || c.story_ids.includes(facts.storyId));
    const match = bestMatch(
      { storyIds: [facts.storyId], risks: facts.risks, places: facts.places, words },
      open.map((c) => ({ ...c, storyIds: c.story_ids, words: c.signature })),
    );
    if (match) return join(tx, config, match, facts, words, now, options);
    if (!opensIncident(config, row.sentiment ?? '', facts.weighted, isRebuttal(row.explanations)))
      return { action: 'ignored', notifications: 0 };
    return openIncident(tx, config, facts, words, now, options);
  });
}

async function openIncident(
  tx: Queryable,
  config: ProvinceConfig,
  facts: MentionFacts,
  words: string[],
  now: Date,
  options: AlertOptions,
): Promise<MentionOutcome> {
  const p = config.province;
  const rules = ruleSetFor(now, p.ruleSet);
  const fig = summarise([facts], now);
  const clock = { event_at: fig.firstSeenAt, received_at: now, determined_at: null };
  const { factsDueAt, statementDueAt } = dueTimes(rules, p.incidents, clock);
  const sev = severity({ ...fig, outlets: fig.outletCount, ...counts(fig) }, p.incidents.levels);
  const department = routeDepartment(config, facts.topics, facts.risks);
  const id = await insertIncident(tx, {
    province: p.slug,
    title: fig.title,
    level: sev.level,
    department,
    lead_by: fig.lead,
    rule_set: rules.id,
    risks: fig.risks,
    topics: fig.topics,
    places: fig.places,
    event_at: clock.event_at,
    received_at: now,
    facts_due_at: factsDueAt,
    statement_due_at: statementDueAt,
    first_seen_at: fig.firstSeenAt,
    last_seen_at: fig.lastSeenAt,
  });
  await addMention(tx, id, facts.documentId, now);
  await updateIncident(tx, id, figurePatch(fig, words));
  await addIncidentEvent(
    tx,
    id,
    'system',
    'opened',
    {
      documentId: facts.documentId,
      level: sev.level,
      score: sev.score,
      parts: sev.parts,
      department,
      ruleSet: rules.id,
    },
    now,
  );
  const sent = await notifyIncident(tx, config, id, { kind: 'opened' }, now, options);
  return { incidentId: id, action: 'opened', notifications: sent };
}

const counts = (f: ReturnType<typeof summarise>) => ({
  nationalNews: f.nationalCount,
  newsCount: f.newsCount,
  socialCount: f.socialCount,
  engagement: f.reach,
});

function figurePatch(f: ReturnType<typeof summarise>, signature: string[]): Partial<IncidentRow> {
  return {
    title: f.title,
    mention_count: f.mentionCount,
    outlet_count: f.outletCount,
    news_count: f.newsCount,
    social_count: f.socialCount,
    national_count: f.nationalCount,
    reach: f.reach,
    first_seen_at: f.firstSeenAt,
    last_seen_at: f.lastSeenAt,
    risk_level: f.riskLevel,
    risks: f.risks,
    topics: f.topics,
    places: f.places,
    other_provinces: f.otherProvinces,
    lead_by: f.lead,
    signature,
  };
}

async function join(
  tx: Queryable,
  config: ProvinceConfig,
  inc: IncidentRow,
  facts: MentionFacts,
  words: string[],
  now: Date,
  options: AlertOptions,
): Promise<MentionOutcome> {
  await addMention(tx, inc.id, facts.documentId, now);
  const all = (await incidentMentions(tx, inc.id)).map((m) => mentionFacts(config, m));
  const fig = summarise(all, now);
  const patch = figurePatch(fig, mergeWords(inc.signature, words));
  // An earlier report moves the (estimated) event time earlier, unless the department's facts gave it; under a
  // clock that starts at the event, the due times move with it.
  const rules = ruleSet(inc.rule_set);
  if (fig.firstSeenAt < inc.event_at && !inc.facts_at) {
    patch.event_at = fig.firstSeenAt;
    if (rules.clock.statement.start === 'event') {
      const due = dueTimes(rules, config.province.incidents, { ...inc, event_at: fig.firstSeenAt });
      Object.assign(patch, { statement_due_at: due.statementDueAt, facts_due_at: due.factsDueAt });
    }
  }
  const sev = severity(
    { ...fig, outlets: fig.outletCount, ...counts(fig) },
    config.province.incidents.levels,
  );
  // Levels only rise: a calmer day does not lower a crisis.
  const rises = levelRank(sev.level) > levelRank(inc.level);
  if (rises) patch.level = sev.level;
  const reopen = inc.state === 'resolved';
  if (reopen) Object.assign(patch, { state: transition(inc.state, 'reopen'), closed_at: null });
  await updateIncident(tx, inc.id, patch);
  await addIncidentEvent(
    tx,
    inc.id,
    'system',
    'mention-added',
    { documentId: facts.documentId, outlet: facts.outlet, mentions: fig.mentionCount, title: fig.title },
    now,
  );
  // A dismissed incident keeps collecting its mentions silently (they are false alarms too).
  if (!isLive(inc.state) && !reopen) return { incidentId: inc.id, action: 'joined', notifications: 0 };
  if (reopen) {
    await addIncidentEvent(tx, inc.id, 'system', 'reopened', { documentId: facts.documentId }, now);
    const sent = await notifyIncident(tx, config, inc.id, { kind: 'reopened' }, now, options);
    return { incidentId: inc.id, action: 'reopened', notifications: sent };
  }
  if (!rises) return { incidentId: inc.id, action: 'joined', notifications: 0 };
  await addIncidentEvent(
    tx,
    inc.id,
    'system',
    'escalated',
    { from: inc.level, to: sev.level, score: sev.score, parts: sev.parts },
    now,
  );
  const sent = await notifyIncident(tx, config, inc.id, { kind: 'escalated', from: inc.level }, now, options);
  return { incidentId: inc.id, action: 'escalated', notifications: sent };
}
