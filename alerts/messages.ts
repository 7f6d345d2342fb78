import type { ProvinceConfig } from '../config/index.ts';
import type { IncidentRow, PersonRow } from '../store/index.ts';
import { statementBasis } from './clock.ts';
import { departmentName, LEAD_NAMES, type Lead } from './routing.ts';
import type { RuleSet } from './rule-sets.ts';
import { LEVEL_NAMES, type Level } from './severity.ts';
import { vnRemaining, vnTime } from './time.ts';

export { vnTime } from './time.ts';

/** Escapes text for HTML; crawled titles are attacker-controlled. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

export type DeadlineKind = 'facts' | 'statement' | 'press-request' | 'correction';

/** What happened, to tell people about. */
export type Notice =
  | { kind: 'opened' }
  | { kind: 'escalated'; from: string }
  | { kind: 'reopened' }
  | { kind: 'assigned'; from: string }
  | { kind: 'warning'; deadline: DeadlineKind; refId: number; dueAt: Date; label: string; about?: string }
  | { kind: 'overdue'; deadline: DeadlineKind; refId: number; dueAt: Date; about?: string }
  | { kind: 'statement'; statementId: number; speaker: string; channel: string; text: string }
  | { kind: 'delivery-failed'; notificationId: number; recipient: string; error: string };

export interface MessageContext {
  config: ProvinceConfig;
  inc: IncidentRow;
  rules: RuleSet;
  spokespeople: PersonRow[];
  links: { outlet: string; url: string }[];
  now: Date;
}

const DEADLINE_NAMES: Record<DeadlineKind, string> = {
  facts: 'cung cấp thông tin đã kiểm chứng cho người phát ngôn',
  statement: 'cung cấp thông tin ban đầu cho báo chí (phát ngôn)',
  'press-request': 'trả lời yêu cầu của báo chí',
  correction: 'kiểm tra việc đăng cải chính',
};

function heading(n: Notice, ctx: MessageContext): string {
  const level = LEVEL_NAMES[ctx.inc.level as Level] ?? ctx.inc.level;
  switch (n.kind) {
    case 'opened':
      return 'Sự việc mới cần xử lý';
    case 'escalated':
      return `Sự việc tăng mức độ: ${level} (trước đó: ${LEVEL_NAMES[n.from as Level] ?? n.from})`;
    case 'reopened':
      return 'Sự việc đã kết thúc nay có tin mới';
    case 'assigned':
      return `Sự việc được giao cho ${departmentName(ctx.config, ctx.inc.department)}`;
    case 'warning':
      return `Sắp đến hạn ${DEADLINE_NAMES[n.deadline]} (${vnRemaining(n.dueAt, ctx.now)})${n.about ? `: ${n.about}` : ''}`;
    case 'overdue':
      return `Quá hạn ${DEADLINE_NAMES[n.deadline]}${n.about ? `: ${n.about}` : ''}`;
    case 'statement':
      return 'Sở đã phát ngôn về sự việc';
    case 'delivery-failed':
      return `Không gửi được thông báo tới ${n.recipient}`;
  }
}

function detail(n: Notice): string[] {
  if (n.kind === 'statement')
    return [
      `Người phát ngôn: ${n.speaker}; hình thức: ${n.channel}`,
      `Nội dung: ${n.text.slice(0, 600)}`,
      '',
    ];
  if (n.kind === 'delivery-failed')
    return [`Lỗi: ${n.error}`, 'Đề nghị Văn phòng báo trực tiếp cho người nhận.', ''];
  if (n.kind === 'warning' || n.kind === 'overdue')
    return [`Hạn ${DEADLINE_NAMES[n.deadline]}: ${vnTime(n.dueAt)}`, ''];
  return [];
}

/** The e-mail about an incident for one recipient, in Vietnamese: plain text and the same as simple HTML. */
export function incidentMessage(n: Notice, ctx: MessageContext, to: { name: string; why: string }) {
  const { config, inc, rules } = ctx;
  const head = heading(n, ctx);
  const title = inc.title.replace(/\s+/g, ' ').slice(0, 200);
  const level = LEVEL_NAMES[inc.level as Level] ?? inc.level;
  const riskNames = inc.risks.map((r) => config.risks.find((x) => x.id === r)?.name ?? r);
  const lines = [
    `${head} (mã #${inc.id}, mức độ: ${level})`,
    '',
    ...detail(n),
    `Sự việc: ${title}`,
    `Đơn vị chủ trì: ${departmentName(config, inc.department)}${inc.lead_by !== 'department' ? ` — ${LEAD_NAMES[inc.lead_by as Lead]}` : ''}`,
    `Rủi ro: ${riskNames.join(', ') || '(chưa xác định)'}`,
    `Đã có ${inc.mention_count} tin từ ${inc.outlet_count} nguồn (${inc.news_count} bài báo, ${inc.social_count} bài mạng xã hội); tin đầu tiên lúc ${vnTime(inc.first_seen_at)}${inc.reach > 0 ? `; ${inc.reach.toLocaleString('vi-VN')} lượt tương tác` : ''}`,
    `Hạn cung cấp thông tin đã kiểm chứng: ${vnTime(inc.facts_due_at)}${inc.facts_at ? ' (đã cung cấp)' : ` (${vnRemaining(inc.facts_due_at, ctx.now)})`} — ${rules.clock.facts.basis}`,
    `Hạn phát ngôn ban đầu: ${vnTime(inc.statement_due_at)}${inc.statement_at ? ' (đã phát ngôn)' : ` (${vnRemaining(inc.statement_due_at, ctx.now)})`} — ${statementBasis(rules, inc)}`,
    `Người được phát ngôn: ${ctx.spokespeople.map((p) => `${p.name} (${p.title})`).join('; ') || '(chưa có)'}`,
    ...ctx.links.slice(0, 3).map((l, i) => `${i === 0 ? 'Nguồn tin' : '         '}: ${l.outlet} — ${l.url}`),
    '',
    `Gửi tới: ${to.name} (${to.why})`,
    `Xem chi tiết: diemtin incidents show ${inc.id}`,
    `${config.province.agency} — hệ thống theo dõi báo chí diemtin`,
  ];
  const text = lines.join('\n');
  const html = `<div style="font-family:Arial,sans-serif;font-size:14px">${lines
    .map((l) => (l ? `<p style="margin:4px 0">${escapeHtml(l)}</p>` : '<br>'))
    .join('')}</div>`;
  return { subject: `[diemtin] ${head}: ${title.slice(0, 90)}`, text, html };
}

/** Structured content of a webhook about an incident (for a Zalo or Telegram bridge). */
export function incidentPayload(n: Notice, ctx: MessageContext) {
  const { inc, config } = ctx;
  return {
    event: n.kind,
    notice: n,
    text: heading(n, ctx),
    incident: {
      id: inc.id,
      title: inc.title,
      level: inc.level,
      levelName: LEVEL_NAMES[inc.level as Level] ?? inc.level,
      state: inc.state,
      department: inc.department,
      departmentName: departmentName(config, inc.department),
      leadBy: inc.lead_by,
      ruleSet: inc.rule_set,
      factsDueAt: inc.facts_due_at,
      statementDueAt: inc.statement_due_at,
      mentions: inc.mention_count,
      outlets: inc.outlet_count,
      links: ctx.links.slice(0, 3),
    },
    agency: config.province.agency,
  };
}

export interface SpikeNotice {
  labelKind: 'topic' | 'risk';
  label: string;
  labelName: string;
  count: number;
  /** Expected mentions in a window of that length. */
  expected: number;
  windowMinutes: number;
  departmentName: string;
  links: { outlet: string; title: string; url: string }[];
}

/** The e-mail about a spike in mentions of a topic line or risk. */
export function spikeMessage(s: SpikeNotice, config: ProvinceConfig, to: { name: string }) {
  const what = s.labelKind === 'topic' ? `tuyến tin "${s.labelName}"` : `rủi ro "${s.labelName}"`;
  const head = `Tin về ${what} tăng đột biến: ${s.count} tin trong ${s.windowMinutes} phút (bình thường khoảng ${s.expected.toFixed(1)})`;
  const lines = [
    head,
    '',
    'Nhiều tin, bài cùng chủ đề xuất hiện dồn dập dù từng tin chưa đủ mức mở sự việc. Đề nghị theo dõi sát.',
    `Đơn vị theo dõi: ${s.departmentName}`,
    ...s.links.slice(0, 8).map((l) => `- ${l.outlet}: ${l.title || '(bài đăng mạng xã hội)'} — ${l.url}`),
    '',
    `Gửi tới: ${to.name}`,
    `${config.province.agency} — hệ thống theo dõi báo chí diemtin`,
  ];
  const text = lines.join('\n');
  const html = `<div style="font-family:Arial,sans-serif;font-size:14px">${lines
    .map((l) => (l ? `<p style="margin:4px 0">${escapeHtml(l)}</p>` : '<br>'))
    .join('')}</div>`;
  return { subject: `[diemtin] ${head}`, text, html };
}
