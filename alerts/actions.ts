import { z } from 'zod';
import type { ProvinceConfig } from '../config/index.ts';
import {
  addFeedback,
  addIncidentEvent,
  type IncidentRow,
  insertStatement,
  lockIncident,
  type PersonRow,
  type Queryable,
  type Store,
  updateIncident,
} from '../store/index.ts';
import { dueTimes } from './clock.ts';
import { IncidentError } from './errors.ts';
import { type Action, type State, transition } from './lifecycle.ts';
import { type AlertOptions, notifyIncident } from './notify.ts';
import { requirePerson, speakerFor } from './people.ts';
import { ruleSet } from './rule-sets.ts';

/** Where a statement was made (the yearly statistics count press conferences and briefings). */
export const CHANNELS = {
  'press-conference': 'họp báo',
  briefing: 'giao ban báo chí của tỉnh',
  portal: 'cổng thông tin điện tử',
  written: 'văn bản gửi cơ quan báo chí',
  interview: 'trả lời phỏng vấn',
  social: 'trang mạng xã hội chính thức',
  other: 'hình thức khác',
} as const;

const Base = z.object({
  incidentId: z.number().int().positive(),
  /** Who does it (a registered person id): the actor in the audit trail. */
  by: z.string().min(1),
  /** When it happened; default now. */
  at: z.coerce.date().optional(),
  note: z.string().optional(),
});
export const AckInput = Base.extend({ dividedOpinion: z.boolean().default(false) });
export const AssignInput = Base.extend({ department: z.string().min(1), person: z.string().optional() });
export const FactsInput = Base.extend({ text: z.string().min(1), eventAt: z.coerce.date().optional() });
export const StatementInput = Base.extend({
  /** Who spoke; default: `by`. */
  speaker: z.string().optional(),
  channel: z.enum(Object.keys(CHANNELS) as [keyof typeof CHANNELS, ...(keyof typeof CHANNELS)[]]),
  text: z.string().min(1),
});
export const CloseInput = Base;
export const DismissInput = Base.extend({ reason: z.string().min(3, 'cần nêu lý do loại bỏ (--reason)') });

export interface ActionContext {
  store: Store;
  config: ProvinceConfig;
  now: Date;
  options?: AlertOptions;
}

interface Step {
  tx: Queryable;
  inc: IncidentRow;
  next: State;
  actor: PersonRow;
  at: Date;
}

/** Runs an action on a locked incident in one transaction, after checking the actor and the state. */
async function act<T>(
  c: ActionContext,
  input: z.infer<typeof Base>,
  action: Action,
  fn: (s: Step) => Promise<T>,
): Promise<T> {
  const at = input.at ?? c.now;
  if (at.getTime() > c.now.getTime() + 60_000)
    throw new IncidentError(
      'future',
      'Thời điểm không được ở tương lai',
      'the time may not be in the future',
    );
  return c.store.transaction(async (tx) => {
    const inc = await lockIncident(tx, input.incidentId);
    if (!inc || inc.province !== c.config.province.slug)
      throw new IncidentError(
        'no-incident',
        `Không có sự việc #${input.incidentId}`,
        `no incident #${input.incidentId}`,
      );
    const actor = await requirePerson(tx, c.config, input.by);
    return fn({ tx, inc, next: transition(inc.state, action), actor, at });
  });
}

/** New due times after the clock inputs changed; warnings start again for a due time that moved. */
async function reclock(c: ActionContext, s: Step, change: Partial<IncidentRow>, actor: string) {
  const rules = ruleSet(s.inc.rule_set);
  const clock = { ...s.inc, ...change };
  const due = dueTimes(rules, c.config.province.incidents, clock);
  const patch: Partial<IncidentRow> = { ...change };
  if (due.statementDueAt.getTime() !== s.inc.statement_due_at.getTime())
    Object.assign(patch, {
      statement_due_at: due.statementDueAt,
      statement_warned: [],
      statement_overdue_at: null,
    });
  if (!s.inc.facts_at && due.factsDueAt.getTime() !== s.inc.facts_due_at.getTime())
    Object.assign(patch, { facts_due_at: due.factsDueAt, facts_warned: [], facts_overdue_at: null });
  await updateIncident(s.tx, s.inc.id, patch);
  if (patch.statement_due_at || patch.facts_due_at)
    await addIncidentEvent(
      s.tx,
      s.inc.id,
      actor,
      'clock-changed',
      { statementDueAt: due.statementDueAt, factsDueAt: patch.facts_due_at ?? s.inc.facts_due_at, ...change },
      s.at,
    );
}

/** Acknowledged by the office or the department; optionally determined to divide opinion (244/2026 Art. 7.4). */
export async function acknowledge(c: ActionContext, raw: z.input<typeof AckInput>) {
  const input = AckInput.parse(raw);
  return act(c, input, 'ack', async (s) => {
    await updateIncident(s.tx, s.inc.id, { state: s.next, acknowledged_at: s.at });
    await addIncidentEvent(
      s.tx,
      s.inc.id,
      s.actor.id,
      'acknowledged',
      { note: input.note, dividedOpinion: input.dividedOpinion },
      s.at,
    );
    if (input.dividedOpinion) await reclock(c, s, { determined_at: s.at }, s.actor.id);
  });
}

/** Hands the incident to another department (and optionally a person in it); they are told at once. */
export async function assign(c: ActionContext, raw: z.input<typeof AssignInput>) {
  const input = AssignInput.parse(raw);
  if (!c.config.departments.departments.some((d) => d.id === input.department))
    throw new IncidentError(
      'unknown-department',
      `Không có đơn vị "${input.department}"`,
      `no department "${input.department}"`,
    );
  return act(c, input, 'assign', async (s) => {
    if (input.person) await requirePerson(s.tx, c.config, input.person);
    await updateIncident(s.tx, s.inc.id, { department: input.department, assigned_to: input.person ?? null });
    await addIncidentEvent(
      s.tx,
      s.inc.id,
      s.actor.id,
      'assigned',
      { from: s.inc.department, to: input.department, person: input.person, note: input.note },
      s.at,
    );
    await notifyIncident(
      s.tx,
      c.config,
      s.inc.id,
      { kind: 'assigned', from: s.inc.department },
      s.at,
      c.options,
    );
  });
}

/** The department's verified facts for the spokesperson; may correct when the event happened. */
export async function provideFacts(c: ActionContext, raw: z.input<typeof FactsInput>) {
  const input = FactsInput.parse(raw);
  return act(c, input, 'facts', async (s) => {
    const first = !s.inc.facts_at;
    await updateIncident(s.tx, s.inc.id, { state: s.next, ...(first ? { facts_at: s.at } : {}) });
    await addIncidentEvent(
      s.tx,
      s.inc.id,
      s.actor.id,
      'facts-provided',
      { text: input.text, eventAt: input.eventAt, onTime: first ? s.at <= s.inc.facts_due_at : undefined },
      s.at,
    );
    if (input.eventAt && input.eventAt.getTime() !== s.inc.event_at.getTime())
      await reclock(
        c,
        { ...s, inc: { ...s.inc, facts_at: s.inc.facts_at ?? s.at } },
        { event_at: input.eventAt },
        s.actor.id,
      );
  });
}

/**
 * Records a statement. The speaker must be allowed to speak for the Department on this incident at that moment
 * under its rule set; otherwise the statement is refused with the rule broken.
 */
export async function recordStatement(c: ActionContext, raw: z.input<typeof StatementInput>) {
  const input = StatementInput.parse(raw);
  return act(c, input, 'statement', async (s) => {
    const speakerId = input.speaker ?? input.by;
    const verdict = await speakerFor(s.tx, c.config, s.inc, speakerId, s.at);
    const first = !s.inc.statement_at;
    const onTime = s.at <= s.inc.statement_due_at;
    const id = await insertStatement(s.tx, {
      incident_id: s.inc.id,
      speaker_id: speakerId,
      speaker_as: verdict.as,
      authorisation_id: verdict.authorisationId ?? null,
      channel: input.channel,
      text: input.text,
      at: s.at,
      on_time: onTime,
      recorded_by: s.actor.id,
    });
    await updateIncident(s.tx, s.inc.id, { state: s.next, ...(first ? { statement_at: s.at } : {}) });
    await addIncidentEvent(
      s.tx,
      s.inc.id,
      s.actor.id,
      'statement-issued',
      {
        statement: id,
        speaker: speakerId,
        as: verdict.as,
        basis: verdict.basis,
        channel: input.channel,
        onTime,
      },
      s.at,
    );
    const speaker = (await requirePerson(s.tx, c.config, speakerId)).name;
    await notifyIncident(
      s.tx,
      c.config,
      s.inc.id,
      { kind: 'statement', statementId: id, speaker, channel: CHANNELS[input.channel], text: input.text },
      s.at,
      c.options,
    );
    return { statementId: id, onTime, as: verdict.as };
  });
}

/** After the statement: the office keeps watching the coverage. */
export async function monitor(c: ActionContext, raw: z.input<typeof CloseInput>) {
  const input = CloseInput.parse(raw);
  return act(c, input, 'monitor', async (s) => {
    await updateIncident(s.tx, s.inc.id, { state: s.next });
    await addIncidentEvent(s.tx, s.inc.id, s.actor.id, 'monitoring', { note: input.note }, s.at);
  });
}

export async function resolve(c: ActionContext, raw: z.input<typeof CloseInput>) {
  const input = CloseInput.parse(raw);
  return act(c, input, 'resolve', async (s) => {
    await updateIncident(s.tx, s.inc.id, {
      state: s.next,
      closed_at: s.at,
      closed_reason: input.note ?? null,
    });
    await addIncidentEvent(s.tx, s.inc.id, s.actor.id, 'resolved', { note: input.note }, s.at);
  });
}

/** A false alarm: closed with the reason, its mentions kept as feedback for retraining the classifier. */
export async function dismiss(c: ActionContext, raw: z.input<typeof DismissInput>) {
  const input = DismissInput.parse(raw);
  return act(c, input, 'dismiss', async (s) => {
    await updateIncident(s.tx, s.inc.id, { state: s.next, closed_at: s.at, closed_reason: input.reason });
    const kept = await addFeedback(s.tx, s.inc.id, {
      verdict: 'false-alarm',
      reason: input.reason,
      by: s.actor.id,
      at: s.at,
    });
    await addIncidentEvent(
      s.tx,
      s.inc.id,
      s.actor.id,
      'dismissed',
      { reason: input.reason, feedback: kept },
      s.at,
    );
  });
}
