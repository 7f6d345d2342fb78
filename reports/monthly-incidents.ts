import type { Paragraph, Table } from 'docx';
import { CHANNELS, LEVEL_NAMES, type Level, STATE_NAMES, type State, vnTime } from '../alerts/index.ts';
import type { ProvinceConfig } from '../config/index.ts';
import { dataTable, para, run } from './docx-parts.ts';
import type { IncidentRecord, MonthlyData } from './monthly-data.ts';

/** Whether a deadline was met, as the report states it. */
export function deadlineVerdict(due: Date, done: Date | null, asOf: Date): string {
  if (done) return `Thực hiện ${vnTime(done)}\n${done <= due ? 'Đúng hạn' : 'Trễ hạn'}`;
  return due < asOf ? 'Chưa thực hiện\nQuá hạn' : 'Chưa thực hiện\nChưa đến hạn';
}

const COMPLIANCE: Record<string, string> = {
  pending: 'chưa có phản hồi',
  complied: 'đã cải chính',
  partial: 'cải chính một phần',
  refused: 'không cải chính',
};

/** How one incident was handled, in sentences: received, facts, statements, press requests, corrections, result. */
function handling(r: IncidentRecord, config: ProvinceConfig, people: Map<string, string>): string[] {
  const i = r.incident;
  const dept = config.departments.departments.find((d) => d.id === i.department)?.name ?? i.department;
  const out = [
    `Tiếp nhận lúc ${vnTime(i.received_at)}; mức độ: ${(LEVEL_NAMES[i.level as Level] ?? i.level).toLowerCase()}; ${i.mention_count} tin, bài trên ${i.outlet_count} nguồn; đơn vị chủ trì: ${dept}.`,
  ];
  out.push(
    i.facts_at
      ? `Đơn vị cung cấp thông tin xác minh lúc ${vnTime(i.facts_at)} (hạn ${vnTime(i.facts_due_at)}, ${i.facts_at <= i.facts_due_at ? 'đúng hạn' : 'trễ hạn'}).`
      : `Chưa có thông tin xác minh của đơn vị (hạn ${vnTime(i.facts_due_at)}).`,
  );
  for (const s of r.statements)
    out.push(
      `Phát ngôn lúc ${vnTime(s.at)} qua ${CHANNELS[s.channel as keyof typeof CHANNELS] ?? s.channel}, người phát ngôn: ${people.get(s.speaker_id) ?? s.speaker_id} (${s.on_time ? 'đúng thời hạn' : 'quá thời hạn'}).`,
    );
  if (r.statements.length === 0) out.push(`Chưa phát ngôn (hạn ${vnTime(i.statement_due_at)}).`);
  if (r.pressRequests.length) {
    const answered = r.pressRequests.filter((p) => p.state !== 'open').length;
    const late = r.pressRequests.filter((p) => p.answered_at && p.answered_at > p.due_at).length;
    out.push(
      `Yêu cầu của báo chí: ${r.pressRequests.length}, đã trả lời ${answered}${late ? ` (${late} trễ hạn)` : ''}.`,
    );
  }
  for (const c of r.corrections)
    out.push(
      `Đã gửi văn bản đề nghị ${c.outlet} cải chính lúc ${vnTime(c.sent_at)}: ${COMPLIANCE[c.compliance] ?? c.compliance}.`,
    );
  const state = STATE_NAMES[i.state as State] ?? i.state;
  out.push(`Kết quả: ${state.toLowerCase()}${i.closed_reason ? ` — ${i.closed_reason}` : ''}.`);
  return out;
}

/** Section IV: a table of deadlines met, then how each incident was handled. */
export function incidentsSection(d: MonthlyData, config: ProvinceConfig, now: Date): (Paragraph | Table)[] {
  if (d.incidents.length === 0)
    return [
      para([
        `Trong tháng không phát sinh sự việc phải phát ngôn, cung cấp thông tin cho báo chí${d.dismissed ? `; ${d.dismissed} cảnh báo đã được xác minh là báo động nhầm` : ''}.`,
      ]),
    ];
  const asOf = now < d.month.to ? now : d.month.to;
  const people = new Map(config.people.people.map((p) => [p.id, `${p.title} ${p.name}`]));
  const metFacts = d.incidents.filter(
    (r) => r.incident.facts_at && r.incident.facts_at <= r.incident.facts_due_at,
  ).length;
  const metStatement = d.incidents.filter(
    (r) => r.incident.statement_at && r.incident.statement_at <= r.incident.statement_due_at,
  ).length;
  const out: (Paragraph | Table)[] = [
    para([
      `Trong tháng có ${d.incidents.length} sự việc được theo dõi, xử lý; ${metFacts}/${d.incidents.length} sự việc đơn vị cung cấp thông tin đúng hạn, ${metStatement}/${d.incidents.length} sự việc phát ngôn đúng thời hạn${d.dismissed ? `; ${d.dismissed} cảnh báo được xác minh là báo động nhầm` : ''}. Chi tiết như sau:`,
    ]),
    ...dataTable(
      ['STT', 'Sự việc', 'Cung cấp thông tin', 'Phát ngôn'],
      d.incidents.map((r, n) => [
        String(n + 1),
        `#${r.incident.id} ${r.incident.title}`,
        `Hạn ${vnTime(r.incident.facts_due_at)}\n${deadlineVerdict(r.incident.facts_due_at, r.incident.facts_at, asOf)}`,
        `Hạn ${vnTime(r.incident.statement_due_at)}\n${deadlineVerdict(r.incident.statement_due_at, r.incident.statement_at, asOf)}`,
      ]),
      [12, 80, 42, 42],
    ),
  ];
  d.incidents.forEach((r, n) => {
    out.push(para([run(`${n + 1}. ${r.incident.title}`, { bold: true, italics: true })]));
    for (const line of handling(r, config, people)) out.push(para([`- ${line}`]));
  });
  return out;
}
