import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document, Packer, type Paragraph, type Table } from 'docx';
import { z } from 'zod';
import { ruleSet, ruleSetFor, statisticsPeriod, yearlyStatistics } from '../alerts/index.ts';
import type { ProvinceConfig } from '../config/index.ts';
import type { Queryable } from '../store/index.ts';
import { vnDayOf, vnShortDate } from './dates.ts';
import {
  addressees,
  BODY_PT,
  closing,
  dataTable,
  documentHeader,
  documentTitle,
  FONT,
  heading,
  PAGE,
  pageNumberHeaders,
  para,
  pt,
  run,
} from './docx-parts.ts';
import { ReportInputError, signatureOf } from './monthly.ts';
import { issuer } from './scope.ts';

export const YearSchema = z.coerce
  .number({ message: 'năm phải là số, ví dụ 2026' })
  .int('năm phải là số nguyên')
  .min(2017, 'từ năm 2017 (Nghị định 09/2017/NĐ-CP)')
  .max(2100);

type Stats = Awaited<ReturnType<typeof yearlyStatistics>>;

/** CSV (RFC 4180, UTF-8 with BOM so spreadsheet programs read the Vietnamese letters). */
export function statisticsCsv(s: Stats): string {
  const q = (v: string | number) => (typeof v === 'number' ? String(v) : `"${v.replace(/"/g, '""')}"`);
  const lines = [
    ['stt', 'chi_tieu', 'ma', 'so_lieu', 'tong_so', 'tu_ngay', 'den_ngay', 'can_cu'].join(','),
    ...s.items.map((i, n) =>
      [
        n + 1,
        q(i.label),
        q(i.id),
        i.value,
        i.of ?? '',
        q(vnShortDate(s.from)),
        q(vnShortDate(new Date(s.to.getTime() - 1))),
        q(s.basis),
      ].join(','),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The yearly statistics of the spokesperson's work as a Decree 30 report with the form's table. */
async function statisticsDocx(
  s: Stats,
  config: ProvinceConfig,
  issuedOn: string,
  partial: boolean,
): Promise<Buffer> {
  const who = issuer(config, { kind: 'province' });
  const r = config.province.reports;
  const last = vnShortDate(new Date(s.to.getTime() - 1));
  const children: (Paragraph | Table)[] = [
    documentHeader(who, 'BC', issuedOn),
    ...documentTitle('BÁO CÁO', [
      'Thống kê kết quả phát ngôn và cung cấp thông tin cho báo chí',
      `năm ${s.year} (từ ngày ${vnShortDate(s.from)} đến ngày ${last})`,
    ]),
    ...addressees([config.province.parentAgency]),
    para([
      `Thực hiện ${s.basis}, ${who.name} báo cáo số liệu thống kê kết quả phát ngôn và cung cấp thông tin cho báo chí kỳ báo cáo từ ngày ${vnShortDate(s.from)} đến ngày ${last}${partial ? ` (số liệu tính đến ngày ${vnShortDate(new Date())}, kỳ báo cáo chưa kết thúc)` : ''}${s.dueBy ? `, hạn gửi trước ngày ${vnShortDate(s.dueBy)}` : ''} như sau:`,
    ]),
    heading('I. SỐ LIỆU THỐNG KÊ'),
    ...dataTable(
      ['STT', 'Nội dung', 'Số liệu', 'Ghi chú'],
      s.items.map((i, n) => [
        String(n + 1),
        i.label,
        i.of === undefined ? String(i.value) : `${i.value}/${i.of}`,
        i.of ? `${Math.round((i.value / i.of) * 100)}%` : '',
      ]),
      [12, 110, 24, 24],
      { alignRight: [2] },
    ),
    heading('II. ĐÁNH GIÁ, ĐỀ XUẤT'),
    para([run('(Văn phòng Sở bổ sung trước khi trình ký.)', { italics: true })]),
    para([`- ${'.'.repeat(110)}`]),
    para([
      `Trên đây là báo cáo thống kê kết quả phát ngôn và cung cấp thông tin cho báo chí năm ${s.year} của ${who.name}./.`,
    ]),
    closing(
      ['Như trên', ...r.copies.filter((c) => c !== 'Như trên')],
      r.keep,
      signatureOf(config, { kind: 'province' }),
    ),
  ];
  const doc = new Document({
    creator: 'diemtin',
    styles: { default: { document: { run: { font: FONT, size: pt(BODY_PT) } } } },
    sections: [{ properties: { page: PAGE, titlePage: true }, headers: pageNumberHeaders(), children }],
  });
  return Packer.toBuffer(doc);
}

export interface SpokespersonReport {
  stats: Stats;
  docx: Buffer;
  csv: string;
  files?: { docx: string; csv: string };
}

/** The yearly spokesperson statistics (Decree 244/2026 Art. 10: 15/12 of the year before to 14/12) as .docx and CSV. */
export async function spokespersonReport(
  db: Queryable,
  config: ProvinceConfig,
  yearInput: string | number,
  o: { now?: Date; ruleSet?: string; outDir?: string; issuedOn?: string } = {},
): Promise<SpokespersonReport> {
  const parsed = YearSchema.safeParse(yearInput);
  if (!parsed.success)
    throw new ReportInputError(`năm "${yearInput}" không hợp lệ: ${parsed.error.issues[0]?.message}`);
  const year = parsed.data;
  const now = o.now ?? new Date();
  const pinned = o.ruleSet ?? (config.province.ruleSet === 'auto' ? undefined : config.province.ruleSet);
  const rules = pinned ? ruleSet(pinned) : ruleSetFor(new Date(Date.UTC(year, 11, 14)));
  const period = statisticsPeriod(rules, year);
  if (period.from > now)
    throw new ReportInputError(
      `kỳ thống kê năm ${year} bắt đầu từ ngày ${vnShortDate(period.from)}: chưa đến kỳ`,
    );
  const stats = await yearlyStatistics(db, config, year, pinned);
  const docx = await statisticsDocx(stats, config, o.issuedOn ?? vnDayOf(now), period.to > now);
  const csv = statisticsCsv(stats);
  const report: SpokespersonReport = { stats, docx, csv };
  if (o.outDir) {
    mkdirSync(o.outDir, { recursive: true });
    report.files = {
      docx: join(o.outDir, `thong-ke-phat-ngon-${year}.docx`),
      csv: join(o.outDir, `thong-ke-phat-ngon-${year}.csv`),
    };
    writeFileSync(report.files.docx, docx);
    writeFileSync(report.files.csv, csv);
  }
  return report;
}
