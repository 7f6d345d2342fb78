import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Store, type StoreItem, searchQuery, searchVector, storeDocuments } from '../../store/index.ts';
import { loadArticles, loadSocial } from '../fixtures/server/index.ts';
import { buildDocument } from '../helpers/factories.ts';
import { makeStore, STORE_KINDS } from '../helpers/services.ts';

const WEEK = 7 * 86400_000;
const now = new Date('2026-11-23T03:00:00Z');

/** Every fixture article and post, and text made to find differences between the two implementations. */
const texts: [string, string, string][] = [
  ...loadArticles(now).map((a): [string, string, string] => [a.title, a.lead, a.body.join('\n')]),
  ...loadSocial(now).posts.map((p): [string, string, string] => ['', '', p.text]),
  // Decomposed (NFD) input, upper case with Đ, digits, punctuation runs, emoji and other scripts.
  ['HỌC PHÍ TĂNG 30%', 'Đề thi lớp 10', 'Trường THCS Nguyễn Trãi\u0301 — “lạm thu” 2.500.000đ/tháng!!!'],
  ['', '', 'Phụ huynh phản ánh 😡😡 về bữa ăn bán trú; 学校 ΑΒΓ İstanbul Kelvin \u212a học sinh'],
  ['Tiêu đề', '', 'hoc phi khong dau, giao vien day them, so GD&DT tinh'],
  // A "word" longer than a tsvector lexeme may be (2,047 bytes) and one just at the limit of what is indexed.
  ['Bài có chuỗi dài', '', `mở đầu ${'a'.repeat(3000)} giữa ${'b'.repeat(64)} ${'c'.repeat(65)} cuối bài`],
  ['', '', ''],
  ['   ', ' - ', '...'],
];

function item(title: string, lead: string, text: string, withSearch: boolean): StoreItem {
  const d = buildDocument({ title, lead, text });
  return {
    ...d,
    storyTitle: title || 'bài',
    ...(withSearch ? { search: searchVector(title, lead, text) } : {}),
  };
}

describe.each(STORE_KINDS)('search terms computed by the storing process on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ store, drop } = await makeStore(kind));
  });
  afterAll(async () => drop());

  it('are the terms search_terms() computes in SQL, for every fixture text and the hard cases', async () => {
    const rows = await store.query<{ i: number; sql: string; js: string }>(
      `SELECT (x.n - 1)::int AS i, search_terms(x.e->>0 || ' ' || (x.e->>1) || ' ' || (x.e->>2))::text AS sql,
         (x.e->>3)::tsvector::text AS js
       FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY x(e, n)`,
      [JSON.stringify(texts.map(([t, l, b]) => [t, l, b, searchVector(t, l, b)]))],
    );
    expect(rows).toHaveLength(texts.length);
    for (const r of rows) expect({ i: r.i, terms: r.js }).toEqual({ i: r.i, terms: r.sql });
    // The long word is left out, the neighbours around it pair up; the 64-letter word is kept.
    const long = rows[texts.findIndex(([t]) => t === 'Bài có chuỗi dài')]!.js;
    expect(long).not.toContain('aaaa');
    expect(long).not.toContain('cccc');
    expect(long).toContain(`'${'b'.repeat(64)}'`);
    expect(long).toContain("'dau giua'");
  });

  it('stores pages with and without terms from the process alike, and finds them by search', async () => {
    const given = texts.slice(0, 6).map(([t, l, b]) => item(t, l, b, true));
    const computed = texts
      .slice(0, 6)
      .map(([t, l, b], i) => item(`${t} (bản ${i})`, l, `${b}\nBản sao ${i}.`, false));
    const hostile = item('Bài có chuỗi dài', '', texts.find(([t]) => t === 'Bài có chuỗi dài')![2], false);
    const ids = await storeDocuments(store, [...given, ...computed, hostile], WEEK, 12);
    expect(ids.every((id) => id !== undefined)).toBe(true);
    // Each stored column equals what SQL computes from the stored title, lead and text.
    const [diff] = await store.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM documents
       WHERE search IS DISTINCT FROM search_terms(title || ' ' || lead || ' ' || text)`,
    );
    expect(diff!.n).toBe(0);
    // A change of the title and text recomputes the column.
    await store.query(
      `UPDATE documents SET title = 'Tiêu đề mới', text = 'Nội dung mới về bữa ăn bán trú' WHERE id = $1`,
      [ids[0]],
    );
    const matching = async (q: string) =>
      (
        await store.query<{ id: number }>('SELECT id FROM documents WHERE search @@ $1::tsquery', [
          searchQuery(q),
        ])
      ).map((r) => r.id);
    expect(await matching('ban tru')).toContain(ids[0]);
    expect(await matching('bữa ăn bán trú')).toContain(ids[0]);
    expect(await matching(given[0]!.title)).not.toContain(ids[0]);
    expect(await matching(given[1]!.title)).toContain(ids[1]);
    // The hostile page was stored, and its words around the long one are found.
    expect(await matching('dau giua')).toContain(ids.at(-1));
  });
});
