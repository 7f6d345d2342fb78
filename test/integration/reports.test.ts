import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../crawlers/index.ts';
import { monthlyReport, reportScope, spokespersonReport } from '../../reports/index.ts';
import type { Store } from '../../store/index.ts';
import { fixtureConfig } from '../helpers/factories.ts';
import { plainText, readDocx, seedNovember } from '../helpers/reports.ts';
import { makeStore, STORE_KINDS } from '../helpers/services.ts';

const config = fixtureConfig();
const now = vnDate(2027, 1, 5, 9);

/** Attributes of the first element with this tag. */
const attrs = (xml: string, tag: string) =>
  Object.fromEntries(
    [...(new RegExp(`<${tag} ([^>]*)/?>`).exec(xml)?.[1] ?? '').matchAll(/([\w:]+)="([^"]*)"/g)].map((m) => [
      m[1],
      m[2],
    ]),
  );

describe.each(STORE_KINDS)('monthly report and spokesperson statistics on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ store, drop } = await makeStore(kind));
    await seedNovember(store);
  });
  afterAll(async () => drop());

  it('is an A4 document in the Decree 30/2020 format', async () => {
    const r = await monthlyReport(store, config, '2026-11', { now, issuedOn: '2027-01-05' });
    const x = await readDocx(r.docx);
    // A4, margins 20 mm top and bottom, 30 mm left, 15 mm right (in twentieths of a point).
    expect(attrs(x.document, 'w:pgSz')).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    expect(attrs(x.document, 'w:pgMar')).toMatchObject({
      'w:top': '1134',
      'w:bottom': '1134',
      'w:left': '1701',
      'w:right': '850',
    });
    // Times New Roman 14 pt by default; every run that sets a font sets Times New Roman.
    expect(x.styles).toMatch(/<w:docDefaults>.*w:ascii="Times New Roman".*<w:sz w:val="28"\/>/s);
    const fonts = new Set([...x.document.matchAll(/w:ascii="([^"]+)"/g)].map((m) => m[1]));
    expect([...fonts]).toEqual(['Times New Roman']);
    const sizes = new Set([...x.document.matchAll(/<w:sz w:val="(\d+)"\/>/g)].map((m) => Number(m[1]) / 2));
    for (const s of sizes) expect(s).toBeGreaterThanOrEqual(11);
    // Page numbers from page 2: a different first page, whose header is empty, and a PAGE field in the other.
    expect(x.document).toContain('<w:titlePg/>');
    expect(x.headers.some((h) => /PAGE/.test(h))).toBe(true);
    expect(x.headers.some((h) => !/PAGE/.test(h))).toBe(true);

    const text = plainText(x.document);
    // The header table: agency and number on the left, motto and place and date on the right, no borders.
    const firstTable = x.document.slice(x.document.indexOf('<w:tbl>'), x.document.indexOf('</w:tbl>'));
    expect(firstTable).toMatch(/<w:tblBorders>.*w:val="none"/s);
    for (const s of [
      'ỦY BAN NHÂN DÂN TỈNH LÀO CAI',
      'SỞ GIÁO DỤC VÀ ĐÀO TẠO',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      '/BC-SGDĐT',
      'Lào Cai, ngày 05 tháng 01 năm 2027',
    ])
      expect(plainText(firstTable)).toContain(s);
    expect(firstTable).toMatch(/<w:i\/>.*Lào Cai, ngày 05 tháng 01 năm 2027/s);
    expect(text).toContain(
      'BÁO CÁO\nTình hình dư luận báo chí, mạng xã hội về giáo dục và đào tạo tháng 11/2026',
    );
    expect(text).toMatch(/Kính gửi:\t- Văn phòng Bộ Giáo dục và Đào tạo;/);
    // Body: overview with the change from October, topic lines, positive stories, incidents, forecast.
    expect(text).toContain('Tin, bài về giáo dục của tỉnh');
    expect(text).toMatch(/Thi, tuyển sinh\s*\n*20/);
    expect(text).toContain(
      '1. "Lào Cai tuyên dương 200 nhà giáo tiêu biểu" — Báo Lào Cai và 2 báo khác, ngày 20/11/2026.',
    );
    expect(text).toContain('Phụ huynh phản ánh giáo viên đánh học sinh ở Sa Pa');
    expect(text).toMatch(/Đúng hạn[\s\S]*Trễ hạn/);
    expect(text).toContain(
      '1/1 sự việc đơn vị cung cấp thông tin đúng hạn, 0/1 sự việc phát ngôn đúng thời hạn',
    );
    expect(text).toContain('Yêu cầu của báo chí: 1, đã trả lời 1');
    expect(text).toContain('V. DỰ BÁO TÌNH HÌNH THÁNG 12/2026');
    expect(text).toContain('kiểm tra cuối học kỳ I');
    expect(text).toContain('VI. ĐỀ XUẤT, KIẾN NGHỊ');
    // Roll-up: the units named, with their figures.
    expect(text).toMatch(/Bát Xát\s*\n*10/);
    expect(text).toContain('Nơi nhận:');
    expect(text).toContain('- Lưu: VT, VP.');
    expect(text).toContain('KT. GIÁM ĐỐC');
    expect(text).toContain('Lương Thị Thu Hà');
    // Charts as PNG images.
    expect(x.media.filter((m) => m.endsWith('.png'))).toHaveLength(2);
    expect(x.document.match(/<w:tbl>/g)?.length).toBe(6);
  });

  it("gives a unit's report with the unit's share of the figures", async () => {
    const r = await monthlyReport(store, config, '2026-11', {
      now,
      scope: reportScope({ unit: 'Sa Pa', agency: 'Ủy ban nhân dân phường Sa Pa' }),
    });
    expect(r.data.current.own).toBe(10);
    expect(r.data.current.negative).toBe(10);
    expect(r.data.incidents).toHaveLength(1);
    const text = plainText((await readDocx(r.docx)).document);
    expect(text).toContain('ỦY BAN NHÂN DÂN PHƯỜNG SA PA');
    expect(text).toContain('/BC-UBND');
    expect(text).toContain('Kính gửi: Sở Giáo dục và Đào tạo tỉnh Lào Cai.');
  });

  it('says so for a month without data, and refuses future or malformed months', async () => {
    const r = await monthlyReport(store, config, '2026-06', { now });
    const text = plainText((await readDocx(r.docx)).document);
    expect(text).toContain('chưa ghi nhận tin, bài nào');
    expect(text).toContain('Trong tháng không phát sinh sự việc');
    expect((await readDocx(r.docx)).media).toHaveLength(0);
    await expect(monthlyReport(store, config, '2027-02', { now })).rejects.toThrow(/chưa bắt đầu/);
    await expect(monthlyReport(store, config, '2026-13', { now })).rejects.toThrow(/không hợp lệ/);
    await expect(monthlyReport(store, config, 'tháng 11', { now })).rejects.toThrow(/YYYY-MM/);
  });

  it('counts the yearly spokesperson statistics from the records', async () => {
    const r = await spokespersonReport(store, config, 2026, { now, issuedOn: '2027-01-05' });
    const item = (id: string) => r.stats.items.find((i) => i.id === id);
    expect(item('press-conferences')?.value).toBe(1);
    expect(item('press-requests')).toMatchObject({ value: 1, of: 1 });
    expect(item('unexpected-cases')).toMatchObject({ value: 1, of: 1 });
    expect(item('on-time')).toMatchObject({ value: 0, of: 1 });
    expect(r.csv.startsWith('\uFEFFstt,chi_tieu')).toBe(true);
    expect(r.csv).toContain('"Số cuộc họp báo","press-conferences",1,,"15/12/2025","14/12/2026"');
    const text = plainText((await readDocx(r.docx)).document);
    expect(text).toContain('năm 2026 (từ ngày 15/12/2025 đến ngày 14/12/2026)');
    expect(text).toContain('1/1');
    expect(text).toContain('- Lưu: VT, VP.');
    await expect(spokespersonReport(store, config, 'hai nghìn', { now })).rejects.toThrow(/không hợp lệ/);
    await expect(spokespersonReport(store, config, 2028, { now })).rejects.toThrow(/chưa đến kỳ/);
  });
});
