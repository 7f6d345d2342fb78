import { describe, expect, it } from 'vitest';
import {
  canonicalUrl,
  extractArticle,
  isPrivateAddress,
  parseCount,
  parseEngagement,
  parseFeed,
  parseListing,
  parseRelativeTime,
  parseSitemap,
  parseVietnameseDate,
} from '../../crawlers/index.ts';
import { loadArticles } from '../fixtures/server/index.ts';
import { OUTLETS, type OutletId, renderArticle } from '../fixtures/server/layouts.ts';

describe('Vietnamese dates', () => {
  const iso = (s: string) => parseVietnameseDate(s)?.toISOString();
  it.each([
    ['Thứ hai, 23/11/2026, 07:15 (GMT+7)', '2026-11-23T00:15:00.000Z'],
    ['Thứ sáu, 9/5/2025 - 11:02', '2025-05-09T04:02:00.000Z'],
    ['Thứ Hai, 16:54, 29/12/2025', '2025-12-29T09:54:00.000Z'],
    ['2025-05-09 11:02', '2025-05-09T04:02:00.000Z'],
    ['2026-11-23T07:15:00+07:00', '2026-11-23T00:15:00.000Z'],
    ['01/01/2026 21:35 GMT+7', '2026-01-01T14:35:00.000Z'],
    ['ngày 05 tháng 01 năm 2026', '2026-01-04T17:00:00.000Z'],
  ])('%s', (text, want) => expect(iso(text)).toBe(want));
  it('rejects nonsense', () => expect(parseVietnameseDate('hôm nọ')).toBeUndefined());
});

describe('social page text', () => {
  const now = new Date('2026-11-23T05:00:00Z'); // 12:00 in Vietnam
  it('parses relative times', () => {
    expect(parseRelativeTime('5 phút', now)?.toISOString()).toBe('2026-11-23T04:55:00.000Z');
    expect(parseRelativeTime('2 giờ trước', now)?.toISOString()).toBe('2026-11-23T03:00:00.000Z');
    expect(parseRelativeTime('Hôm qua lúc 14:30', now)?.toISOString()).toBe('2026-11-22T07:30:00.000Z');
    expect(parseRelativeTime('12 tháng 11', now)?.toISOString()).toBe('2026-11-11T17:00:00.000Z');
    expect(parseRelativeTime('28 tháng 12', now)?.getUTCFullYear()).toBe(2025);
  });
  it('parses engagement counts', () => {
    expect(parseCount('1,2K')).toBe(1200);
    expect(parseCount('3,4 Tr')).toBe(3_400_000);
    expect(parseCount('1.234')).toBe(1234);
    expect(parseEngagement('1,2K · 87 bình luận · 15 lượt chia sẻ', 'Cảm xúc: 1,2K')).toEqual({
      reactions: 1200,
      comments: 87,
      shares: 15,
    });
  });
});

describe('URLs and addresses', () => {
  it('canonicalises article URLs', () => {
    expect(canonicalUrl('http://m.vnexpress.net/giao-duc/bai-viet-123.html?utm_source=fb&fbclid=x#top')).toBe(
      'https://vnexpress.net/giao-duc/bai-viet-123.html',
    );
    expect(canonicalUrl('https://www.baolaocai.vn/bai-viet/amp/')).toBe('https://baolaocai.vn/bai-viet');
    expect(canonicalUrl('https://baolaocai.vn/a.amp.html?b=2&a=1')).toBe(
      'https://baolaocai.vn/a.html?a=1&b=2',
    );
  });
  it('knows private addresses', () => {
    for (const ip of [
      '127.0.0.1',
      '10.1.2.3',
      '172.20.0.1',
      '192.168.1.1',
      '169.254.1.1',
      '::1',
      'fd00::1',
      '::ffff:10.0.0.1',
    ])
      expect(isPrivateAddress(ip), ip).toBe(true);
    for (const ip of ['8.8.8.8', '203.113.131.1', '2001:4860::1'])
      expect(isPrivateAddress(ip), ip).toBe(false);
  });
});

describe('discovery', () => {
  it('reads RSS, Atom and JSON feeds', () => {
    const rss =
      '<rss version="2.0"><channel><item><title>A</title><link>https://a.vn/1.html</link><pubDate>Mon, 23 Nov 2026 00:15:00 GMT</pubDate></item></channel></rss>';
    expect(parseFeed(rss, 'https://a.vn/')).toEqual([
      { url: 'https://a.vn/1.html', hint: { title: 'A', publishedAt: '2026-11-23T00:15:00.000Z' } },
    ]);
    const atom =
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>B</title><link href="/2.html"/><published>2026-11-23T07:00:00+07:00</published></entry></feed>';
    expect(parseFeed(atom, 'https://a.vn/')[0]?.url).toBe('https://a.vn/2.html');
    expect(parseFeed('{"items":[{"url":"https://a.vn/3.html","title":"C"}]}', 'https://a.vn/')[0]?.url).toBe(
      'https://a.vn/3.html',
    );
    expect(() => parseFeed('<html><body>Trang lỗi</body></html>', 'https://a.vn/')).toThrow(/not an RSS/);
  });
  it('reads sitemaps, sitemap indexes and listings', () => {
    const idx = parseSitemap(
      '<sitemapindex><sitemap><loc>https://a.vn/s1.xml</loc></sitemap></sitemapindex>',
      'https://a.vn/',
    );
    expect(idx.sitemaps).toEqual(['https://a.vn/s1.xml']);
    const s = parseSitemap(
      '<urlset><url><loc>https://a.vn/x.html</loc><lastmod>2026-11-22</lastmod></url></urlset>',
      'https://a.vn/',
    );
    expect(s.items[0]?.url).toBe('https://a.vn/x.html');
    const l = parseListing(
      '<div><article class="n"><a href="/a.html">A</a></article><a class="next" href="?page=2">›</a></div>',
      'https://a.vn/s.htm',
      'article.n a',
      'a.next',
    );
    expect(l).toEqual({
      items: [{ url: 'https://a.vn/a.html', hint: { title: 'A' } }],
      next: 'https://a.vn/s.htm?page=2',
    });
  });
});

describe('article extraction on the four fixture layouts', () => {
  const articles = loadArticles(new Date('2026-11-23T05:00:00Z'));
  for (const outlet of Object.keys(OUTLETS) as OutletId[]) {
    it(`${outlet}: title, time, lead and body without related links, comments or menus`, () => {
      const a = articles.find((x) => x.outlet === outlet)!;
      const html = renderArticle(
        a,
        articles.filter((x) => x !== a),
        'https://fixture.example',
      );
      const r = extractArticle(html, 'https://fixture.example/a.html');
      expect(r.title).toBe(a.title);
      expect(r.publishedAt?.getTime()).toBe(Math.floor(a.publishedAt.getTime() / 60000) * 60000);
      expect(r.text).toContain(a.body[0]);
      expect(r.text).toContain(a.body.at(-1));
      expect(r.text).not.toMatch(/Tin liên quan|Ý kiến bạn đọc|Chia sẻ Facebook|Trang chủ|Quảng cáo/);
      expect(r.canonicalUrl).toMatch(/^https:\/\/fixture\.example\//);
    });
  }
});
