import {
  type ActionContext,
  acknowledge,
  answerPressRequest,
  provideFacts,
  recordPressRequest,
  recordStatement,
} from '../../alerts/index.ts';
import { listIncidents } from '../../store/index.ts';
import type { App } from '../app.ts';

const LEVEL_ORDER = ['khung-hoang', 'su-co', 'theo-doi'];

/**
 * The demo's press office at work on its most serious incident, so the monthly report shows handling and
 * deadlines met: acknowledged by the office, verified facts from the responsible department, a statement by the
 * standing spokesperson, a journalist's question answered. Returns what was recorded (nothing if a step is
 * refused: the demo goes on).
 */
export async function demoHandling(app: App): Promise<string | undefined> {
  const { ctx } = app;
  const incidents = await listIncidents(ctx.store, ctx.config.province.slug);
  const top = [...incidents].sort(
    (a, b) =>
      LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level) || b.mention_count - a.mention_count,
  )[0];
  if (!top) return undefined;
  const people = ctx.config.people.people;
  const office = people.find((p) => p.department === ctx.config.departments.office && p.role === 'staff');
  const head = people.find((p) => p.department === top.department && p.role === 'staff');
  const speaker = ctx.config.people.spokesperson.standing ?? people.find((p) => p.role === 'head')?.id;
  if (!office || !head || !speaker) return undefined;
  const c: ActionContext = { store: ctx.store, config: ctx.config, now: ctx.now() };
  try {
    await acknowledge(c, { incidentId: top.id, by: office.id });
    await provideFacts(c, {
      incidentId: top.id,
      by: head.id,
      text: 'Đơn vị đã xác minh tại cơ sở: số học sinh bị ảnh hưởng, tình trạng sức khỏe và biện pháp đã áp dụng.',
    });
    const press = await recordPressRequest(c, {
      incidentId: top.id,
      by: office.id,
      outlet: 'Báo Lào Cai',
      question: 'Đề nghị Sở cho biết tình hình sức khỏe học sinh và nguyên nhân ban đầu.',
    });
    await recordStatement(c, {
      incidentId: top.id,
      by: office.id,
      speaker,
      channel: 'portal',
      text: 'Thông tin ban đầu của Sở về sự việc và các biện pháp đã chỉ đạo.',
    });
    await answerPressRequest(c, {
      requestId: press.requestId,
      by: office.id,
      speaker,
      text: 'Sở đã trả lời bằng văn bản các nội dung báo đề nghị.',
    });
    return `#${top.id}: tiếp nhận, thông tin xác minh, phát ngôn, trả lời báo chí`;
  } catch (err) {
    ctx.log.warn({ err: (err as Error).message }, 'demo handling skipped');
    return undefined;
  }
}
