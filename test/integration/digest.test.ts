import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vnDate } from '../../crawlers/index.ts';
import { writeDigest } from '../../reports/index.ts';
import { createStory, insertDocument, type Store, saveClassification } from '../../store/index.ts';
import { buildDocument, fixtureConfig } from '../helpers/factories.ts';
import { pgliteStore } from '../helpers/services.ts';

describe('daily digest', () => {
  let store: Store;
  let drop: () => Promise<void>;
  const config = fixtureConfig();
  beforeAll(async () => {
    ({ store, drop } = await pgliteStore());
    const at = vnDate(2026, 11, 22, 9, 0);
    const story = await createStory(store, 's', 'A', at);
    const add = async (
      over: Parameters<typeof buildDocument>[0],
      c: Partial<Parameters<typeof saveClassification>[3]>,
      sid = story,
    ) => {
      const id = await insertDocument(store, buildDocument({ publishedAt: at, ...over }), sid);
      await saveClassification(store, id!, 'test', {
        education: true,
        scope: 'province',
        places: [],
        topics: ['exams'],
        sentiment: 'neutral',
        risks: [],
        scores: {},
        explanations: {},
        ...c,
      });
    };
    await add(
      {
        title: '<script>alert("x")</script> Tuyển sinh lớp 10 ở Lào Cai',
        outlet: 'Tin Lào Cai',
        lead: 'Sở GD&ĐT công bố lịch tuyển sinh. Thí sinh đăng ký trực tuyến. Câu thứ ba không vào tóm tắt.',
      },
      {},
    );
    await add({ title: 'Bản in lại', outlet: 'Tây Bắc Mới' }, {});
    const other = await createStory(store, 'n', 'B', at);
    await add(
      { title: 'Bộ GD&ĐT ban hành quy chế thi', outlet: 'Giáo dục Hôm nay' },
      { scope: 'national', sentiment: 'negative' },
      other,
    );
  });
  afterAll(async () => drop());

  it('groups by topic line, collapses copies, summarises, and escapes crawled text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-'));
    const d = await writeDigest(store, config, '2026-11-22', dir);
    expect(d.figures).toMatchObject({ items: 3, relevant: 3, province: 2 });
    expect(d.markdown).toContain('ngày 22 tháng 11 năm 2026');
    expect(d.markdown).toContain('Tin Lào Cai và 1 báo khác');
    expect(d.markdown).toContain('### Thi, tuyển sinh');
    expect(d.markdown).toContain('Sở GD&ĐT công bố lịch tuyển sinh. Thí sinh đăng ký trực tuyến.');
    expect(d.markdown).not.toContain('Câu thứ ba');
    expect(d.html).not.toContain('<script>');
    expect(d.html).toContain('&lt;script&gt;');
    expect(readFileSync(d.files.html, 'utf8')).toBe(d.html);
    await expect(writeDigest(store, config, '2026-13-45', dir)).rejects.toThrow(/bad date/);
  });
});
