import { z } from 'zod';

/** Vietnam has used UTC+7 without daylight saving since 1975. */
const OFFSET = 7 * 3600_000;
const DAY = 86400_000;

/** Midnight in Vietnam at the start of a calendar day. */
export const vnMidnight = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d) - OFFSET);

/** The Vietnam calendar day "YYYY-MM-DD" of an instant. */
export const vnDayOf = (at: Date) => new Date(at.getTime() + OFFSET).toISOString().slice(0, 10);

/** "ngày 05 tháng 01 năm 2027" for a day "2027-01-05". */
export function vnLongDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

/** "05/01/2027" */
export const vnShortDate = (at: Date) => {
  const [y, m, d] = vnDayOf(at).split('-');
  return `${d}/${m}/${y}`;
};

/** "HH:mm dd/MM" */
export const vnClock = (at: Date) => {
  const l = new Date(at.getTime() + OFFSET);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(l.getUTCHours())}:${p(l.getUTCMinutes())} ${p(l.getUTCDate())}/${p(l.getUTCMonth() + 1)}`;
};

/** A calendar day "YYYY-MM-DD" that exists. */
export const DaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'ngày phải có dạng YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'ngày không tồn tại');

/** A month "YYYY-MM". */
export const MonthSchema = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'tháng phải có dạng YYYY-MM (ví dụ 2027-01)');

export interface Month {
  id: string;
  year: number;
  month: number;
  /** Vietnam midnight of the first day; `to` is the first instant of the next month. */
  from: Date;
  to: Date;
  days: number;
  /** "01/2027" */
  label: string;
}

export function monthOf(id: string): Month {
  const [year, month] = MonthSchema.parse(id).split('-').map(Number) as [number, number];
  const from = vnMidnight(year, month, 1);
  const to = vnMidnight(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1);
  return {
    id,
    year,
    month,
    from,
    to,
    days: Math.round((to.getTime() - from.getTime()) / DAY),
    label: `${String(month).padStart(2, '0')}/${year}`,
  };
}

export const previousMonth = (m: Month) =>
  monthOf(m.month === 1 ? `${m.year - 1}-12` : `${m.year}-${String(m.month - 1).padStart(2, '0')}`);

export const nextMonth = (m: Month) =>
  monthOf(m.month === 12 ? `${m.year + 1}-01` : `${m.year}-${String(m.month + 1).padStart(2, '0')}`);

/** The bounds of a Vietnam calendar day. */
export function dayBounds(day: string): [Date, Date] {
  const [y, m, d] = DaySchema.parse(day).split('-').map(Number) as [number, number, number];
  const start = vnMidnight(y, m, d);
  return [start, new Date(start.getTime() + DAY)];
}

export const addDays = (day: string, n: number) => vnDayOf(new Date(dayBounds(day)[0].getTime() + n * DAY));
