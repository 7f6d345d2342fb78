import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';
import type { ProvinceConfig } from '../config/index.ts';
import type { MonthlyData } from './monthly-data.ts';

const CalendarFile = z.object({
  months: z.record(
    z.string().regex(/^([1-9]|1[0-2])$/),
    z.object({
      events: z.array(z.string().min(1)).default([]),
      topics: z.array(z.string()).default([]),
      risks: z.array(z.string()).default([]),
    }),
  ),
});

let calendar: z.infer<typeof CalendarFile> | undefined;

/** The school calendar (reports/school-calendar.yaml), read once. */
export function schoolCalendar() {
  calendar ??= CalendarFile.parse(
    parse(readFileSync(new URL('./school-calendar.yaml', import.meta.url), 'utf8')),
  );
  return calendar;
}

/**
 * Issues likely to draw coverage next month, in Vietnamese sentences: from the school calendar, the topic lines
 * rising this month, the crisis risks seen, incidents still open, and what was covered a year before.
 */
export function forecast(d: MonthlyData, config: ProvinceConfig): string[] {
  const out: string[] = [];
  const next = schoolCalendar().months[String(d.nextMonth.month)];
  const topicName = new Map(config.topics.map((t) => [t.id, t.name]));
  const riskName = new Map(config.risks.map((r) => [r.id, r.name.toLowerCase()]));
  if (next?.events.length)
    out.push(
      `Theo kế hoạch năm học, tháng ${d.nextMonth.label} có các hoạt động: ${next.events.map(lower).join('; ')}.`,
    );
  const rising = d.topics
    .filter((t) => t.total >= 3 && t.total >= t.previous * 1.3 && t.total - t.previous >= 2)
    .slice(0, 3);
  for (const t of rising)
    out.push(
      `Thông tin về ${lower(t.name)} tăng (từ ${t.previous} lên ${t.total} tin, bài${t.negative ? `, trong đó ${t.negative} tin tiêu cực` : ''}); dự báo tiếp tục được dư luận quan tâm.`,
    );
  const seen = d.risks.filter((r) => r.current > 0).slice(0, 4);
  if (seen.length)
    out.push(
      `Các nguy cơ đã xuất hiện trong tháng cần tiếp tục theo dõi: ${seen.map((r) => `${r.name.toLowerCase()} (${r.current} tin)`).join('; ')}.`,
    );
  const coming = (next?.risks ?? [])
    .filter((r) => !seen.some((s) => s.risk === r))
    .map((r) => riskName.get(r) ?? r);
  if (coming.length) out.push(`Theo mùa vụ năm học, cần chủ động phòng ngừa nguy cơ: ${coming.join('; ')}.`);
  const open = d.incidents.filter((i) => !i.incident.closed_at || i.incident.closed_at >= d.month.to);
  if (open.length)
    out.push(
      `${open.length} sự việc chưa kết thúc trong tháng (${open.map((i) => `#${i.incident.id}`).join(', ')}); báo chí có thể tiếp tục đưa tin, cần cập nhật thông tin kịp thời.`,
    );
  if (d.lastYearNext.length)
    out.push(
      `Cùng kỳ năm trước (tháng ${String(d.nextMonth.month).padStart(2, '0')}/${d.nextMonth.year - 1}), các tuyến thông tin được quan tâm nhiều nhất: ${d.lastYearNext.map((t) => `${lower(topicName.get(t.topic) ?? t.topic)} (${t.count})`).join(', ')}.`,
    );
  if (out.length === 0) out.push('Chưa đủ dữ liệu để dự báo; Văn phòng Sở tiếp tục theo dõi.');
  return out;
}

/** Lower-cases the first letter unless the word is an acronym or a proper name in capitals ("CTGDPT", "Tết"). */
const lower = (s: string) =>
  /^\p{Lu}{2}/u.test(s) || /^(Tết|Ngày|Hội)\b/u.test(s) ? s : s.charAt(0).toLowerCase() + s.slice(1);
