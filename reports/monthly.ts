import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ProvinceConfig } from '../config/index.ts';
import type { Queryable } from '../store/index.ts';
import { MonthSchema, monthOf, vnDayOf, vnShortDate } from './dates.ts';
import type { Signature } from './docx-parts.ts';
import { type MonthlyData, monthlyData } from './monthly-data.ts';
import { monthlyDocx } from './monthly-docx.ts';
import type { ReportScope } from './scope.ts';

/** A report that cannot be made as asked (bad or future month, unknown signer): the message says why. */
export class ReportInputError extends Error {
  override name = 'ReportInputError';
}

/** Checks a month "YYYY-MM": well formed and already begun at `now` (Vietnam time). */
export function checkMonth(month: string, now: Date): void {
  const parsed = MonthSchema.safeParse(month);
  if (!parsed.success)
    throw new ReportInputError(`tháng "${month}" không hợp lệ: dùng dạng YYYY-MM, ví dụ 2027-01`);
  if (monthOf(month).from > now)
    throw new ReportInputError(`tháng ${month} chưa bắt đầu (hôm nay là ngày ${vnShortDate(now)})`);
}

/** The signature block: the configured signer, or the head; a deputy signs for the head ("KT. GIÁM ĐỐC"). */
export function signatureOf(config: ProvinceConfig, scope: ReportScope): Signature {
  if (scope.kind === 'unit') return { onBehalf: 'TM. ỦY BAN NHÂN DÂN', title: 'CHỦ TỊCH', name: '' };
  const people = config.people.people;
  const id = config.province.reports.signer;
  const person = id ? people.find((p) => p.id === id) : people.find((p) => p.role === 'head');
  if (!person) throw new ReportInputError(`không có người ký "${id ?? ''}" (province.yaml, reports.signer)`);
  const title = person.title
    .replace(/\s*\(.*\)\s*$/, '')
    .replace(/\s+Sở$/u, '')
    .trim();
  return person.role === 'head'
    ? { title: title || 'Giám đốc', name: person.name }
    : { onBehalf: 'KT. GIÁM ĐỐC', title: title || 'Phó Giám đốc', name: person.name };
}

export interface MonthlyReport {
  data: MonthlyData;
  docx: Buffer;
  file?: string;
}

/** Builds the monthly opinion report of a month for a scope, and writes it when `out` is given. */
export async function monthlyReport(
  db: Queryable,
  config: ProvinceConfig,
  month: string,
  o: { scope?: ReportScope; now?: Date; issuedOn?: string; out?: string } = {},
): Promise<MonthlyReport> {
  const now = o.now ?? new Date();
  checkMonth(month, now);
  const scope = o.scope ?? { kind: 'province' };
  const signature = signatureOf(config, scope);
  const data = await monthlyData(db, config, month, scope);
  const docx = await monthlyDocx(data, config, {
    issuedOn: o.issuedOn ?? vnDayOf(now),
    signature,
    asOf: now,
  });
  if (o.out) {
    mkdirSync(dirname(o.out), { recursive: true });
    writeFileSync(o.out, docx);
  }
  return { data, docx, file: o.out };
}
