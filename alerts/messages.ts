import type { ProvinceConfig } from '../config/index.ts';
import type { IncidentRow } from '../store/index.ts';
import { LEVEL_NAMES, type Level, type Recipient } from './routing.ts';
import { ruleSets } from './rule-sets.ts';

/** Vietnam wall-clock time "HH:mm dd/MM/yyyy". */
export function vnTime(d: Date): string {
  const l = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(l.getUTCHours())}:${p(l.getUTCMinutes())} ${p(l.getUTCDate())}/${p(l.getUTCMonth() + 1)}/${l.getUTCFullYear()}`;
}

/** Escapes text for HTML; crawled titles are attacker-controlled. */
export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}

/** The e-mail telling a recipient about a new or escalated incident, in Vietnamese. */
export function incidentMessage(
  config: ProvinceConfig,
  inc: IncidentRow,
  why: 'opened' | 'escalated',
  to: Recipient,
) {
  const dept = config.departments.departments.find((d) => d.id === inc.department)?.name ?? inc.department;
  const rules = ruleSets().get(inc.rule_set);
  const level = LEVEL_NAMES[inc.level as Level] ?? inc.level;
  const head = why === 'opened' ? 'Sự việc mới cần xử lý' : `Sự việc tăng mức độ: ${level}`;
  const title = inc.title.replace(/\s+/g, ' ').slice(0, 160);
  const lines = [
    `${head} (mã #${inc.id}, mức độ: ${level})`,
    '',
    `Nội dung: ${title}`,
    `Đơn vị chủ trì: ${dept}`,
    `Rủi ro: ${inc.risks.join(', ')}`,
    `Hạn cung cấp thông tin đã kiểm chứng cho người phát ngôn: ${vnTime(inc.facts_due_at)}`,
    `Hạn cung cấp thông tin ban đầu cho báo chí: ${vnTime(inc.statement_due_at)}${rules ? ` (${rules.statement.basis})` : ''}`,
    '',
    `Gửi tới: ${to.name}`,
    `${config.province.agency} — hệ thống theo dõi báo chí diemtin`,
  ];
  const text = lines.join('\n');
  const html = `<div style="font-family:Arial,sans-serif;font-size:14px">${lines
    .map((l) => (l ? `<p style="margin:4px 0">${escapeHtml(l)}</p>` : '<br>'))
    .join('')}</div>`;
  return { subject: `[diemtin] ${head}: ${title.slice(0, 90)}`, text, html };
}
