import { describe, expect, it } from 'vitest';
import { vnDate } from '../../crawlers/index.ts';
import {
  checkMonth,
  csvField,
  dueDigestDay,
  ExportFilter,
  monthChange,
  monthOf,
  schoolCalendar,
  splitSentences,
  summarize,
} from '../../reports/index.ts';
import { fixtureConfig } from '../helpers/factories.ts';

describe('Vietnamese sentences', () => {
  it('splits at sentence ends, not after abbreviations, initials or inside numbers', () => {
    expect(
      splitSentences(
        'Sáng 5/9, PGS.TS. Nguyễn Văn A dự lễ khai giảng tại TP. Lào Cai. Trường có 1.200 học sinh! Ông Nguyễn V. Bình nói: "Năm nay tốt hơn." Hết',
      ),
    ).toEqual([
      'Sáng 5/9, PGS.TS. Nguyễn Văn A dự lễ khai giảng tại TP. Lào Cai.',
      'Trường có 1.200 học sinh!',
      'Ông Nguyễn V. Bình nói: "Năm nay tốt hơn."',
      'Hết',
    ]);
  });

  it('summarises with one or two sentences, without a dateline, within the length', () => {
    expect(summarize('LÀO CAI - Câu một. Câu hai. Câu ba.')).toBe('Câu một. Câu hai.');
    expect(summarize('(GD&TĐ) - Câu một? Câu hai.', 1)).toBe('Câu một?');
    const long = `${'Rất dài '.repeat(60)}. Câu sau.`;
    expect(summarize(long).length).toBeLessThanOrEqual(320);
    expect(summarize('')).toBe('');
  });
});

describe('months and changes', () => {
  it('bounds a month in Vietnam time', () => {
    const m = monthOf('2027-01');
    expect(m.from.toISOString()).toBe('2026-12-31T17:00:00.000Z');
    expect(m.days).toBe(31);
    expect(monthOf('2028-02').days).toBe(29);
    expect(m.label).toBe('01/2027');
  });

  it('refuses malformed and future months', () => {
    const now = vnDate(2027, 1, 5);
    expect(() => checkMonth('2027-1', now)).toThrow(/YYYY-MM/);
    expect(() => checkMonth('2027-00', now)).toThrow(/không hợp lệ/);
    expect(() => checkMonth('2027-02', now)).toThrow(/chưa bắt đầu/);
    expect(() => checkMonth('2027-01', now)).not.toThrow();
  });

  it('states the change from the previous month', () => {
    expect(monthChange(12, 8)).toBe('tăng 4 (+50,0%)');
    expect(monthChange(3, 4)).toBe('giảm 1 (−25,0%)');
    expect(monthChange(5, 0)).toBe('tăng 5');
    expect(monthChange(2, 2)).toBe('không đổi');
  });

  it('knows when the morning digest is due', () => {
    const config = fixtureConfig();
    expect(dueDigestDay(config, vnDate(2026, 11, 23, 6, 59))).toBeUndefined();
    expect(dueDigestDay(config, vnDate(2026, 11, 23, 7, 0))).toBe('2026-11-22');
    expect(dueDigestDay(config, vnDate(2027, 1, 1, 23, 0))).toBe('2026-12-31');
  });

  it('has a school calendar for every month', () => {
    const c = schoolCalendar();
    for (let m = 1; m <= 12; m++) expect(c.months[String(m)]?.events.length).toBeGreaterThan(0);
    const config = fixtureConfig();
    const topics = new Set(config.topics.map((t) => t.id));
    const risks = new Set(config.risks.map((r) => r.id));
    for (const m of Object.values(c.months)) {
      for (const t of m.topics) expect(topics).toContain(t);
      for (const r of m.risks) expect(risks).toContain(r);
    }
  });
});

describe('export', () => {
  it('neutralises spreadsheet formulas and quotes fields', () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField('-1+2')).toBe('"\'-1+2"');
    expect(csvField('Tin "nóng", mới')).toBe('"Tin ""nóng"", mới"');
    expect(csvField(42)).toBe('42');
  });

  it('validates filters', () => {
    expect(ExportFilter.parse({ sentiment: 'negative,neutral', from: '2026-11-01' })).toMatchObject({
      sentiment: ['negative', 'neutral'],
      education: true,
    });
    expect(() => ExportFilter.parse({ sentiment: 'angry' })).toThrow();
    expect(() => ExportFilter.parse({ from: '2026-12-01', to: '2026-11-01' })).toThrow(/sau ngày kết thúc/);
    expect(() => ExportFilter.parse({ from: '2026-02-30' })).toThrow();
  });
});
