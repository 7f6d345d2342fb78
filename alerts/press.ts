import { z } from 'zod';
import { parseDuration } from '../config/index.ts';
import {
  addIncidentEvent,
  closePressRequest,
  getCorrection,
  getIncident,
  getPressRequest,
  insertCorrection,
  insertPressRequest,
  lockIncident,
  type Queryable,
  setCompliance,
} from '../store/index.ts';
import type { ActionContext } from './actions.ts';
import { IncidentError } from './errors.ts';
import { transition } from './lifecycle.ts';
import { requirePerson, speakerFor } from './people.ts';
import { ruleSet } from './rule-sets.ts';

const HOUR = 3600_000;

export const PressRequestInput = z.object({
  incidentId: z.number().int().positive(),
  by: z.string().min(1),
  outlet: z.string().min(1),
  journalist: z.string().optional(),
  question: z.string().min(1),
  at: z.coerce.date().optional(),
  /** When the outlet needs the answer; default: pressRequestDueHours after receipt. */
  dueAt: z.coerce.date().optional(),
});

export const AnswerInput = z.object({
  requestId: z.number().int().positive(),
  by: z.string().min(1),
  /** Who answered for the Department; default: `by`. */
  speaker: z.string().optional(),
  text: z.string().min(1),
  at: z.coerce.date().optional(),
});

export const RefusalInput = AnswerInput.omit({ text: true }).extend({
  ground: z.string().min(1),
  reason: z.string().default(''),
});

export const CorrectionInput = z.object({
  incidentId: z.number().int().positive(),
  by: z.string().min(1),
  outlet: z.string().min(1),
  url: z.string().url(),
  outletKind: z.enum(['online', 'daily', 'other']).default('online'),
  grounds: z.string().default(''),
  /** Number of the written request ("Công văn số 123/SGDĐT-VP"). */
  letter: z.string().min(1, 'yêu cầu cải chính phải bằng văn bản: cần số công văn (--letter)'),
  at: z.coerce.date().optional(),
});

export const ComplianceInput = z.object({
  correctionId: z.number().int().positive(),
  by: z.string().min(1),
  compliance: z.enum(['complied', 'partial', 'refused']),
  at: z.coerce.date().optional(),
  note: z.string().optional(),
});

async function liveIncident(tx: Queryable, c: ActionContext, id: number, action: 'press' | 'correction') {
  const inc = await lockIncident(tx, id);
  if (!inc || inc.province !== c.config.province.slug)
    throw new IncidentError('no-incident', `Không có sự việc #${id}`, `no incident #${id}`);
  transition(inc.state, action);
  return inc;
}

/** A request for information from the press about an incident, with the time the answer is due. */
export async function recordPressRequest(c: ActionContext, raw: z.input<typeof PressRequestInput>) {
  const input = PressRequestInput.parse(raw);
  const at = input.at ?? c.now;
  return c.store.transaction(async (tx) => {
    const inc = await liveIncident(tx, c, input.incidentId, 'press');
    await requirePerson(tx, c.config, input.by);
    const dueAt =
      input.dueAt ?? new Date(at.getTime() + c.config.province.incidents.pressRequestDueHours * HOUR);
    const id = await insertPressRequest(tx, {
      incident_id: inc.id,
      province: inc.province,
      outlet: input.outlet,
      journalist: input.journalist ?? null,
      question: input.question,
      received_at: at,
      due_at: dueAt,
      recorded_by: input.by,
    });
    await addIncidentEvent(
      tx,
      inc.id,
      input.by,
      'press-request',
      { request: id, outlet: input.outlet, dueAt },
      at,
    );
    return { requestId: id, dueAt };
  });
}

async function openRequest(tx: Queryable, c: ActionContext, id: number) {
  const r = await getPressRequest(tx, id);
  if (!r || r.province !== c.config.province.slug)
    throw new IncidentError('no-request', `Không có yêu cầu của báo chí số ${id}`, `no press request ${id}`);
  if (r.state !== 'open')
    throw new IncidentError(
      'request-closed',
      `Yêu cầu số ${id} đã được xử lý (${r.state})`,
      `press request ${id} is already ${r.state}`,
    );
  const inc = (await getIncident(tx, r.incident_id!))!;
  return { r, inc };
}

/** The answer to a press request: given by someone allowed to speak for the Department at that moment. */
export async function answerPressRequest(c: ActionContext, raw: z.input<typeof AnswerInput>) {
  const input = AnswerInput.parse(raw);
  const at = input.at ?? c.now;
  return c.store.transaction(async (tx) => {
    const { r, inc } = await openRequest(tx, c, input.requestId);
    await requirePerson(tx, c.config, input.by);
    const speaker = input.speaker ?? input.by;
    const verdict = await speakerFor(tx, c.config, inc, speaker, at);
    await closePressRequest(tx, r.id, { state: 'answered', at, by: speaker, text: input.text, ground: null });
    const onTime = at <= r.due_at;
    await addIncidentEvent(
      tx,
      inc.id,
      input.by,
      'press-answered',
      { request: r.id, speaker, as: verdict.as, onTime },
      at,
    );
    return { onTime };
  });
}

/**
 * A refusal to give information: only on a ground of the Press Law the rule set lists, with the reason
 * stated where the rule set requires it, and by someone allowed to speak.
 */
export async function refusePressRequest(c: ActionContext, raw: z.input<typeof RefusalInput>) {
  const input = RefusalInput.parse(raw);
  const at = input.at ?? c.now;
  return c.store.transaction(async (tx) => {
    const { r, inc } = await openRequest(tx, c, input.requestId);
    const rules = ruleSet(inc.rule_set);
    const ground = rules.refusal.grounds.find((g) => g.id === input.ground);
    if (!ground)
      throw new IncidentError(
        'bad-ground',
        `Không được từ chối với căn cứ "${input.ground}"; chỉ được từ chối theo: ${rules.refusal.grounds.map((g) => `${g.id} (${g.text})`).join('; ')}`,
        `"${input.ground}" is not a refusal ground under ${rules.id}; grounds: ${rules.refusal.grounds.map((g) => g.id).join(', ')}`,
        rules.refusal.basis,
      );
    if (rules.refusal.reasonRequired && !input.reason.trim())
      throw new IncidentError(
        'reason-required',
        'Từ chối cung cấp thông tin phải nêu rõ lý do (--reason)',
        'a refusal must state its reason (--reason)',
        rules.refusal.basis,
      );
    await requirePerson(tx, c.config, input.by);
    const speaker = input.speaker ?? input.by;
    await speakerFor(tx, c.config, inc, speaker, at);
    await closePressRequest(tx, r.id, {
      state: 'refused',
      at,
      by: speaker,
      text: input.reason,
      ground: ground.id,
    });
    await addIncidentEvent(
      tx,
      inc.id,
      input.by,
      'press-refused',
      { request: r.id, speaker, ground: ground.id, basis: ground.basis, reason: input.reason },
      at,
    );
  });
}

/**
 * A written request to an outlet to correct false reporting (and, under 244/2026, reply and apologise), with
 * the time the office checks whether the outlet complied.
 */
export async function requestCorrection(c: ActionContext, raw: z.input<typeof CorrectionInput>) {
  const input = CorrectionInput.parse(raw);
  const at = input.at ?? c.now;
  return c.store.transaction(async (tx) => {
    const inc = await liveIncident(tx, c, input.incidentId, 'correction');
    const rules = ruleSet(inc.rule_set);
    if (rules.correction.groundsRequired && !input.grounds.trim())
      throw new IncidentError(
        'grounds-required',
        'Văn bản yêu cầu cải chính phải nêu rõ căn cứ (--grounds)',
        'the correction request must state its grounds (--grounds)',
        rules.correction.basis,
      );
    await requirePerson(tx, c.config, input.by);
    const dueAt = new Date(at.getTime() + parseDuration(rules.correction.followUp[input.outletKind]) * 1000);
    const id = await insertCorrection(tx, {
      incident_id: inc.id,
      province: inc.province,
      outlet: input.outlet,
      url: input.url,
      outlet_kind: input.outletKind,
      asks: rules.correction.asks,
      grounds: input.grounds,
      letter: input.letter,
      sent_at: at,
      sent_by: input.by,
      due_at: dueAt,
    });
    await addIncidentEvent(
      tx,
      inc.id,
      input.by,
      'correction-requested',
      {
        correction: id,
        outlet: input.outlet,
        url: input.url,
        asks: rules.correction.asks,
        letter: input.letter,
        dueAt,
      },
      at,
    );
    return { correctionId: id, dueAt, asks: rules.correction.asks };
  });
}

/** Whether and when the outlet complied with a correction request. */
export async function recordCompliance(c: ActionContext, raw: z.input<typeof ComplianceInput>) {
  const input = ComplianceInput.parse(raw);
  const at = input.at ?? c.now;
  return c.store.transaction(async (tx) => {
    const corr = await getCorrection(tx, input.correctionId);
    if (!corr || corr.province !== c.config.province.slug)
      throw new IncidentError(
        'no-correction',
        `Không có yêu cầu cải chính số ${input.correctionId}`,
        `no correction request ${input.correctionId}`,
      );
    await requirePerson(tx, c.config, input.by);
    await setCompliance(tx, corr.id, {
      compliance: input.compliance,
      at: input.compliance === 'refused' ? null : at,
      note: input.note ?? null,
    });
    await addIncidentEvent(
      tx,
      corr.incident_id,
      input.by,
      'correction-compliance',
      {
        correction: corr.id,
        outlet: corr.outlet,
        compliance: input.compliance,
        onTime: at <= corr.due_at,
        note: input.note,
      },
      at,
    );
  });
}
