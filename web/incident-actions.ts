import { z } from 'zod';
import {
  type ActionContext,
  acknowledge,
  answerPressRequest,
  assign,
  CHANNELS,
  dismiss,
  monitor,
  provideFacts,
  recordCompliance,
  recordPressRequest,
  recordStatement,
  refusePressRequest,
  requestCorrection,
  resolve,
} from '../alerts/index.ts';
import {
  addWebAudit,
  getCorrection,
  getIncident,
  getPressRequest,
  type IncidentRow,
} from '../store/index.ts';
import type { WebContext } from './app.ts';
import { HttpError, mayActOn, maySee, type User } from './auth.ts';

/** "2026-12-07T10:30" from a datetime-local field, read as Vietnam time; empty → undefined. */
const vnLocal = z
  .string()
  .optional()
  .transform((s, c) => {
    if (!s) return undefined;
    const d = new Date(/[zZ]|[+-]\d\d:\d\d$/.test(s) ? s : `${s.length === 16 ? `${s}:00` : s}+07:00`);
    if (Number.isNaN(d.getTime())) {
      c.addIssue({ code: 'custom', message: 'thời điểm không hợp lệ' });
      return z.NEVER;
    }
    return d;
  });
const text = z.string().trim();
const optional = text.optional().transform((s) => s || undefined);
const checkbox = z
  .union([z.boolean(), z.string()])
  .optional()
  .transform((v) => v === true || v === 'on' || v === 'true' || v === '1');

/** The form (and API) fields of each action; the actor is always the logged-in account's person. */
export const ACTION_INPUTS = {
  ack: z.object({ note: optional, dividedOpinion: checkbox }),
  assign: z.object({ department: text.min(1), person: optional, note: optional }),
  facts: z.object({ text: text.min(1, 'cần nội dung thông tin xác minh'), eventAt: vnLocal, note: optional }),
  statement: z.object({
    speaker: optional,
    channel: z.enum(Object.keys(CHANNELS) as [keyof typeof CHANNELS, ...(keyof typeof CHANNELS)[]]),
    text: text.min(1, 'cần nội dung phát ngôn'),
    at: vnLocal,
  }),
  press: z.object({
    outlet: text.min(1, 'cần tên cơ quan báo chí'),
    journalist: optional,
    question: text.min(1, 'cần nội dung yêu cầu'),
    dueAt: vnLocal,
  }),
  correction: z.object({
    outlet: text.min(1, 'cần tên cơ quan báo chí'),
    url: text.url('cần đường dẫn bài báo'),
    outletKind: z.enum(['online', 'daily', 'other']).default('online'),
    grounds: text.default(''),
    letter: text.min(1, 'yêu cầu cải chính phải bằng văn bản: cần số công văn'),
  }),
  answer: z.object({
    requestId: z.coerce.number().int().positive(),
    text: text.min(1, 'cần nội dung trả lời'),
    speaker: optional,
  }),
  refuse: z.object({
    requestId: z.coerce.number().int().positive(),
    ground: text.min(1, 'cần căn cứ từ chối'),
    reason: text.default(''),
    speaker: optional,
  }),
  complied: z.object({
    correctionId: z.coerce.number().int().positive(),
    compliance: z.enum(['complied', 'partial', 'refused']),
    note: optional,
  }),
  monitor: z.object({ note: optional }),
  resolve: z.object({ note: optional }),
  dismiss: z.object({ reason: text.min(3, 'cần nêu lý do loại bỏ') }),
} as const;

export type ActionName = keyof typeof ACTION_INPUTS;
export const ACTION_NAMES = Object.keys(ACTION_INPUTS) as ActionName[];

export const ACTION_LABELS: Record<ActionName, string> = {
  ack: 'Tiếp nhận',
  assign: 'Giao đơn vị khác',
  facts: 'Ghi nhận thông tin xác minh',
  statement: 'Ghi nhận phát ngôn',
  press: 'Yêu cầu của báo chí',
  correction: 'Đề nghị cải chính',
  answer: 'Trả lời báo chí',
  refuse: 'Từ chối cung cấp thông tin',
  complied: 'Ghi nhận kết quả cải chính',
  monitor: 'Chuyển sang theo dõi',
  resolve: 'Kết thúc',
  dismiss: 'Loại (báo động nhầm)',
};

/** The incident, if this account may see it: 404 when there is none, 403 for another department's. */
export async function visibleIncident(ctx: WebContext, user: User, id: number): Promise<IncidentRow> {
  const inc = Number.isSafeInteger(id) && id > 0 ? await getIncident(ctx.store, id) : undefined;
  if (!inc || inc.province !== ctx.config.province.slug) throw new HttpError(404, `Không có sự việc #${id}`);
  if (!maySee(user, inc))
    throw new HttpError(403, 'Sự việc này thuộc đơn vị khác: tài khoản của bạn không được xem');
  return inc;
}

/**
 * Runs one action on an incident for an account: rights first (a department account gets 403 on another
 * department's incident whatever it sends), then the input, then the alerts room's rules; audited either way.
 */
export async function runAction(
  ctx: WebContext,
  user: User,
  incidentId: number,
  action: string,
  body: unknown,
  ip: string,
): Promise<void> {
  if (!ACTION_NAMES.includes(action as ActionName)) throw new HttpError(404, `Không có thao tác "${action}"`);
  const name = action as ActionName;
  const audit = (ok: boolean, data: Record<string, unknown>) =>
    addWebAudit(ctx.store, {
      userId: user.id,
      username: user.username,
      action: `incident.${name}`,
      target: `incident:${incidentId}`,
      ok,
      data,
      ip,
    });
  let inc: IncidentRow;
  try {
    inc = await visibleIncident(ctx, user, incidentId);
    if (!mayActOn(user, inc)) throw new HttpError(403, 'Tài khoản của bạn chỉ được xem, không được thao tác');
    if (!user.person_id)
      throw new HttpError(
        403,
        'Tài khoản chưa gắn với một người trong danh sách (people): quản trị viên gắn bằng diemtin users add --person',
      );
  } catch (err) {
    await audit(false, { error: (err as Error).message });
    throw err;
  }
  try {
    await perform(ctx, user.person_id, inc.id, name, body);
    await audit(true, {});
  } catch (err) {
    await audit(false, { error: (err as Error).message });
    throw err;
  }
}

/** A press or correction request must belong to the incident the rights were checked on. */
async function ownRecord(ctx: WebContext, kind: 'press' | 'correction', id: number, incidentId: number) {
  const r = kind === 'press' ? await getPressRequest(ctx.store, id) : await getCorrection(ctx.store, id);
  if (r?.incident_id !== incidentId)
    throw new HttpError(404, `Sự việc #${incidentId} không có yêu cầu số ${id}`);
}

async function perform(ctx: WebContext, by: string, incidentId: number, name: ActionName, body: unknown) {
  const c: ActionContext = {
    store: ctx.store,
    config: ctx.config,
    now: ctx.now(),
    options: { webhookUrl: ctx.webhookUrl },
  };
  const base = { incidentId, by };
  const raw = (body ?? {}) as Record<string, unknown>;
  switch (name) {
    case 'ack':
      return acknowledge(c, { ...base, ...ACTION_INPUTS.ack.parse(raw) });
    case 'assign':
      return assign(c, { ...base, ...ACTION_INPUTS.assign.parse(raw) });
    case 'facts':
      return provideFacts(c, { ...base, ...ACTION_INPUTS.facts.parse(raw) });
    case 'statement':
      return recordStatement(c, { ...base, ...ACTION_INPUTS.statement.parse(raw) });
    case 'press':
      return recordPressRequest(c, { ...base, ...ACTION_INPUTS.press.parse(raw) });
    case 'correction':
      return requestCorrection(c, { ...base, ...ACTION_INPUTS.correction.parse(raw) });
    case 'answer': {
      const input = ACTION_INPUTS.answer.parse(raw);
      await ownRecord(ctx, 'press', input.requestId, incidentId);
      return answerPressRequest(c, { by, ...input });
    }
    case 'refuse': {
      const input = ACTION_INPUTS.refuse.parse(raw);
      await ownRecord(ctx, 'press', input.requestId, incidentId);
      return refusePressRequest(c, { by, ...input });
    }
    case 'complied': {
      const input = ACTION_INPUTS.complied.parse(raw);
      await ownRecord(ctx, 'correction', input.correctionId, incidentId);
      return recordCompliance(c, { by, ...input });
    }
    case 'monitor':
      return monitor(c, { ...base, ...ACTION_INPUTS.monitor.parse(raw) });
    case 'resolve':
      return resolve(c, { ...base, ...ACTION_INPUTS.resolve.parse(raw) });
    case 'dismiss':
      return dismiss(c, { ...base, ...ACTION_INPUTS.dismiss.parse(raw) });
  }
}
