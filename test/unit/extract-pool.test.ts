import { afterAll, describe, expect, it } from 'vitest';
import { extractArticle } from '../../crawlers/index.ts';
import { contentHash, simhash } from '../../pipeline/dedup.ts';
import { ExtractPool } from '../../pipeline/extract-pool.ts';

const body =
  'Sở Giáo dục và Đào tạo tỉnh Lào Cai tổ chức tập huấn cho giáo viên vùng cao về chương trình mới. ';
const page = `<html lang="vi"><head><title>Tập huấn giáo viên vùng cao - Báo X</title></head><body>
<nav><a href="/">Trang chủ</a></nav><article><h1>Tập huấn giáo viên vùng cao</h1>
<p>${body.repeat(4)}</p><p>${body.repeat(3)}</p></article></body></html>`;

describe('extraction thread', () => {
  const pool = new ExtractPool();
  afterAll(() => pool.close());

  it('gives the article and the dedup keys the main thread would compute', async () => {
    const r = await pool.extract({
      url: 'https://x.vn/a.html',
      finalUrl: 'https://x.vn/a.html',
      html: page,
      hint: {},
    });
    const a = extractArticle(page, 'https://x.vn/a.html');
    expect(r.article).toEqual(a);
    expect(r.contentHash).toBe(contentHash(a.title, `${a.lead}\n${a.text}`));
    expect(r.simhash).toBe(simhash(a.text));
  });

  it('reports a page without article text, and keeps the hint title and time', async () => {
    const none = await pool.extract({
      url: 'https://x.vn/b',
      finalUrl: 'https://x.vn/b',
      html: '<p>ít chữ</p>',
      hint: {},
    });
    expect(none.article).toBeUndefined();
    const hinted = await pool.extract({
      url: 'https://x.vn/c',
      finalUrl: 'https://x.vn/c',
      html: `<html><body><div><p>${body.repeat(3)}</p></div></body></html>`,
      hint: { title: 'Tiêu đề từ sitemap', publishedAt: '2026-12-01T01:00:00.000Z' },
    });
    expect(hinted.article?.title).toBe('Tiêu đề từ sitemap');
    expect(hinted.article?.publishedAt).toEqual(new Date('2026-12-01T01:00:00.000Z'));
  });
});
