import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../crawlers/index.ts';
import { exportMentions } from '../../reports/index.ts';
import type { Store } from '../../store/index.ts';
import { fixtureConfig } from '../helpers/factories.ts';
import { addMention } from '../helpers/reports.ts';
import { makeStore, STORE_KINDS } from '../helpers/services.ts';

const config = fixtureConfig();

describe.each(STORE_KINDS)('mention export on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  const dir = mkdtempSync(join(tmpdir(), 'export-'));
  beforeAll(async () => {
    ({ store, drop } = await makeStore(kind));
    await addMention(store, vnDate(2026, 11, 2, 8), {
      title: '=cmd|"/c calc"!A1 Ngộ độc ở bếp ăn bán trú',
      outlet: 'Báo Lào Cai',
      sentiment: 'negative',
      topics: ['health-safety'],
      risks: ['food-safety'],
    });
    await addMention(store, vnDate(2026, 11, 3, 8), {
      title: 'Khai giảng',
      outlet: 'Tin Lào Cai',
      kind: 'social',
    });
    await addMention(store, vnDate(2026, 11, 4, 8), { title: 'Tin tỉnh khác', scope: 'other-province' });
    await addMention(store, vnDate(2026, 11, 5, 8), {
      title: 'Không về giáo dục',
      education: false,
      scope: 'none',
    });
    await addMention(store, vnDate(2026, 12, 1, 8), { title: 'Tháng sau' });
  });
  afterAll(async () => drop());

  it('writes CSV with filters, formulas neutralised', async () => {
    const file = join(dir, `${kind}.csv`);
    expect(await exportMentions(store, config, { from: '2026-11-01', to: '2026-11-30' }, file)).toBe(3);
    const csv = readFileSync(file, 'utf8');
    expect(csv.startsWith('\uFEFF"Mã","Thời gian"')).toBe(true);
    expect(csv).toContain('"\'=cmd|""/c calc""!A1 Ngộ độc ở bếp ăn bán trú"');
    expect(csv).toContain('"Ngộ độc thực phẩm, an toàn bếp ăn bán trú"');
    expect(csv).toContain('"2026-11-02 08:00"');
    expect(await exportMentions(store, config, { risky: true }, file)).toBe(1);
    expect(await exportMentions(store, config, { sentiment: 'neutral', kind: 'social' }, file)).toBe(1);
    expect(
      await exportMentions(store, config, { scope: 'province', outlet: 'Báo Lào Cai,Tin Lào Cai' }, file),
    ).toBe(2);
    expect(await exportMentions(store, config, { topic: 'health-safety' }, file)).toBe(1);
    expect(await exportMentions(store, config, { education: false }, file)).toBe(5);
  });

  it('writes XLSX that a spreadsheet reads back', async () => {
    const file = join(dir, `${kind}.xlsx`);
    expect(await exportMentions(store, config, { to: '2026-11-30', risk: 'food-safety' }, file)).toBe(1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const ws = wb.getWorksheet('Tin bài')!;
    expect(ws.getRow(1).getCell(5).value).toBe('Tiêu đề');
    expect(ws.getRow(2).getCell(5).value).toBe('=cmd|"/c calc"!A1 Ngộ độc ở bếp ăn bán trú');
    expect(ws.getRow(2).getCell(8).value).toBe('Tiêu cực');
    expect(ws.rowCount).toBe(2);
  });
});
