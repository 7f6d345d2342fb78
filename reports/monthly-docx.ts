import { AlignmentType, Document, ImageRun, Paragraph as P, Packer, type Paragraph, type Table } from 'docx';
import type { ProvinceConfig } from '../config/index.ts';
import { type Chart, topicChart, volumeChart } from './charts.ts';
import { vnShortDate } from './dates.ts';
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
  type Signature,
} from './docx-parts.ts';
import { forecast } from './forecast.ts';
import type { MonthlyData, PeriodFigures } from './monthly-data.ts';
import { incidentsSection } from './monthly-incidents.ts';
import { issuer } from './scope.ts';

const pct = (n: number, of: number) => (of ? `${((n / of) * 100).toFixed(1).replace('.', ',')}%` : '0%');

/** "tăng 12 (+25,0%)" / "giảm 3" / "không đổi" from the previous month. */
export function monthChange(now: number, before: number): string {
  const d = now - before;
  if (d === 0) return 'không đổi';
  const rel = before
    ? ` (${d > 0 ? '+' : '−'}${((Math.abs(d) / before) * 100).toFixed(1).replace('.', ',')}%)`
    : '';
  return `${d > 0 ? 'tăng' : 'giảm'} ${Math.abs(d)}${rel}`;
}

function image(c: Chart, caption: string): Paragraph[] {
  return [
    new P({
      alignment: AlignmentType.CENTER,
      spacing: { before: 160, after: 0 },
      keepNext: true,
      children: [
        new ImageRun({ type: 'png', data: c.png, transformation: { width: c.width, height: c.height } }),
      ],
    }),
    new P({
      alignment: AlignmentType.CENTER,
      spacing: { before: 60, after: 60 },
      children: [run(caption, { italics: true, size: 12 })],
    }),
  ];
}

function overview(d: MonthlyData): (Paragraph | Table)[] {
  const c = d.current;
  const p = d.previous;
  const where = d.scope.kind === 'unit' ? `trên địa bàn ${d.scope.place}` : 'của tỉnh';
  if (c.items === 0 && c.own === 0)
    return [
      para([
        `Trong tháng ${d.month.label}, hệ thống chưa ghi nhận tin, bài nào về giáo dục và đào tạo ${where} (không có dữ liệu theo dõi trong tháng). Tháng trước ghi nhận ${p.own} tin, bài.`,
      ]),
    ];
  const row = (label: string, k: keyof PeriodFigures) => [
    label,
    String(c[k]),
    String(p[k]),
    monthChange(c[k], p[k]),
  ];
  return [
    para([
      `Trong tháng ${d.month.label}, hệ thống theo dõi ghi nhận ${c.items} tin, bài trên báo chí và mạng xã hội, trong đó ${c.relevant} tin, bài về giáo dục và đào tạo; ${c.own} tin, bài về giáo dục và đào tạo ${where} (${monthChange(c.own, p.own)} so với tháng ${d.previousMonth.label}), do ${c.outlets} cơ quan báo chí, trang thông tin đăng tải, thuộc ${c.stories} nội dung (tin cùng nội dung đăng lại ở nhiều nơi được tính một nội dung).`,
    ]),
    para([
      `Về sắc thái: tích cực ${c.positive} tin (${pct(c.positive, c.own)}), trung tính ${c.neutral} tin (${pct(c.neutral, c.own)}), tiêu cực ${c.negative} tin (${pct(c.negative, c.own)}); tỷ lệ tin tiêu cực ${c.own && p.own ? `${c.negative / c.own > p.negative / p.own ? 'tăng' : c.negative / c.own < p.negative / p.own ? 'giảm' : 'không đổi'} so với tháng trước (${pct(p.negative, p.own)})` : 'chưa có số liệu tháng trước để so sánh'}. Báo chí: ${c.news} tin, bài; mạng xã hội: ${c.social} bài đăng.`,
    ]),
    ...dataTable(
      ['Chỉ số', `Tháng ${d.month.label}`, `Tháng ${d.previousMonth.label}`, 'So với tháng trước'],
      [
        row('Tin, bài về giáo dục (cả nước)', 'relevant'),
        row(
          d.scope.kind === 'unit' ? `Tin, bài về ${d.scope.place}` : 'Tin, bài về giáo dục của tỉnh',
          'own',
        ),
        row('Trong đó: tích cực', 'positive'),
        row('Trung tính', 'neutral'),
        row('Tiêu cực', 'negative'),
        row('Bài đăng trên mạng xã hội', 'social'),
      ],
      [70, 30, 30, 46],
      { alignRight: [1, 2] },
    ),
  ];
}

function topicsSection(d: MonthlyData, charts: boolean): (Paragraph | Table)[] {
  const rows = d.topics.filter((t) => t.total > 0 || t.previous > 0);
  if (rows.length === 0) return [para(['Không có tin, bài theo các tuyến thông tin trong tháng.'])];
  const top = rows.slice(0, 3).map((t) => `${t.name.toLowerCase()} (${t.total} tin)`);
  const out: (Paragraph | Table)[] = [
    para([
      `Các tuyến thông tin được quan tâm nhiều nhất: ${top.join('; ')}. Một tin, bài có thể thuộc nhiều tuyến.`,
    ]),
    ...dataTable(
      ['STT', 'Tuyến thông tin', 'Số tin', 'Tích cực', 'Trung tính', 'Tiêu cực', 'So với tháng trước'],
      rows.map((t, i) => [
        String(i + 1),
        t.name,
        String(t.total),
        String(t.positive),
        String(t.neutral),
        String(t.negative),
        monthChange(t.total, t.previous),
      ]),
      [13, 64, 16, 17, 19, 17, 33],
      { alignRight: [2, 3, 4, 5] },
    ),
  ];
  if (charts) {
    out.push(
      ...image(volumeChart(d), `Biểu đồ 1. Số tin, bài về giáo dục theo ngày trong tháng ${d.month.label}`),
    );
    out.push(...image(topicChart(d), 'Biểu đồ 2. Sắc thái thông tin theo tuyến thông tin'));
  }
  if (d.units.length > 0) {
    out.push(
      para([
        'Phân theo địa bàn được nêu trong tin, bài (số liệu của từng địa bàn trùng với báo cáo của đơn vị đó, được tổng hợp vào báo cáo này):',
      ]),
      ...dataTable(
        ['STT', 'Địa bàn', 'Số tin', 'Tiêu cực'],
        d.units.map((u, i) => [String(i + 1), u.unit, String(u.count), String(u.negative)]),
        [12, 100, 30, 30],
        { alignRight: [2, 3] },
      ),
    );
  }
  if (d.outlets.length > 0)
    out.push(
      para([
        `Các nguồn đăng nhiều tin, bài nhất: ${d.outlets
          .slice(0, 5)
          .map((o) => `${o.outlet} (${o.count}${o.negative ? `, ${o.negative} tiêu cực` : ''})`)
          .join('; ')}.`,
      ]),
    );
  return out;
}

function positiveSection(d: MonthlyData): Paragraph[] {
  if (d.positiveStories.length === 0) return [para(['Trong tháng chưa ghi nhận tin, bài tích cực nổi bật.'])];
  return d.positiveStories.map((s, i) =>
    para([
      `${i + 1}. `,
      run(`"${s.title}"`, { italics: true }),
      ` — ${s.outlet}${s.outlets > 1 ? ` và ${s.outlets - 1} báo khác` : ''}, ngày ${vnShortDate(s.at)}.`,
    ]),
  );
}

export interface MonthlyOptions {
  /** The day the report is signed ("YYYY-MM-DD", Vietnam time). */
  issuedOn: string;
  /** When the figures were read: before the month's end the report says it covers the month so far. */
  asOf: Date;
  signature: Signature;
}

/** The monthly opinion report as a .docx in the format of Decree 30/2020/NĐ-CP. */
export async function monthlyDocx(
  d: MonthlyData,
  config: ProvinceConfig,
  o: MonthlyOptions,
): Promise<Buffer> {
  const who = issuer(config, d.scope);
  const r = config.province.reports;
  const to = d.scope.kind === 'unit' ? [config.province.agency] : r.monthlyTo;
  const subject = `Tình hình dư luận báo chí, mạng xã hội về giáo dục và đào tạo tháng ${d.month.label}`;
  const hasData = d.current.own > 0;
  const children: (Paragraph | Table)[] = [
    documentHeader(who, 'BC', o.issuedOn),
    ...documentTitle('BÁO CÁO', [subject]),
    ...addressees(to),
    para([
      `${who.name} báo cáo tình hình dư luận báo chí, mạng xã hội về giáo dục và đào tạo${d.scope.kind === 'unit' ? ` trên địa bàn ${d.scope.place}` : ''} tháng ${d.month.label} (từ ngày 01/${d.month.label} đến ${o.asOf < d.month.to ? `ngày ${vnShortDate(o.asOf)}, tháng chưa kết thúc` : `hết ngày ${d.month.days}/${d.month.label}`}) và kết quả xử lý như sau:`,
    ]),
    heading('I. TÌNH HÌNH CHUNG'),
    ...overview(d),
    heading('II. THÔNG TIN THEO TUYẾN THÔNG TIN VÀ SẮC THÁI'),
    ...topicsSection(d, hasData),
    heading('III. THÔNG TIN TÍCH CỰC NỔI BẬT'),
    ...positiveSection(d),
    heading('IV. CÁC SỰ VIỆC VÀ KẾT QUẢ XỬ LÝ, PHÁT NGÔN'),
    ...incidentsSection(d, config, o.asOf),
    heading(`V. DỰ BÁO TÌNH HÌNH THÁNG ${d.nextMonth.label}`),
    ...forecast(d, config).map((f) => para([`- ${f}`])),
    heading('VI. ĐỀ XUẤT, KIẾN NGHỊ'),
    para([run('(Văn phòng Sở bổ sung trước khi trình ký.)', { italics: true })]),
    ...[1, 2, 3].map(() => para([`- ${'.'.repeat(110)}`])),
    para([
      `Trên đây là báo cáo tình hình dư luận báo chí, mạng xã hội về giáo dục và đào tạo tháng ${d.month.label} của ${who.name}./.`,
    ]),
    closing(r.copies, r.keep, o.signature),
  ];
  const doc = new Document({
    creator: 'diemtin',
    title: `Báo cáo ${subject}`,
    styles: { default: { document: { run: { font: FONT, size: pt(BODY_PT) } } } },
    sections: [{ properties: { page: PAGE, titlePage: true }, headers: pageNumberHeaders(), children }],
  });
  return Packer.toBuffer(doc);
}
