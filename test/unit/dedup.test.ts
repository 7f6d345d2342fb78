import { describe, expect, it } from 'vitest';
import { fingerprints } from '../../pipeline/dedup.ts';
import { contentHash, hamming, STORY_DISTANCE, simhash } from '../../pipeline/index.ts';
import { loadArticles, loadSocial } from '../fixtures/server/index.ts';

const articles = loadArticles(new Date('2026-11-23T05:00:00Z'));
const text = (a: (typeof articles)[number]) => a.body.join('\n\n');

describe('dedup', () => {
  it('gives the same content hash whatever the case or diacritics', () => {
    expect(contentHash('Học sinh', 'Trường THCS')).toBe(contentHash('HOC SINH', 'truong thcs'));
    expect(contentHash('Học sinh', 'Trường THCS')).not.toBe(contentHash('Học sinh', 'Trường THPT'));
  });

  it('puts syndicated copies of one story within the story distance, and other stories far away', () => {
    const story = articles.filter((a) => a.story === 'ngo-doc-ban-tru-bat-xat');
    const original = story[0]!;
    const copies = story.filter((a) => a !== original && /Theo Tin Lào Cai/.test(a.body.join(' ')));
    expect(copies.length).toBeGreaterThanOrEqual(2);
    for (const c of copies)
      expect(hamming(simhash(text(original)), simhash(text(c)))).toBeLessThanOrEqual(STORY_DISTANCE);
    const others = articles.filter((a) => !a.story);
    const close = others.filter((o) => hamming(simhash(text(original)), simhash(text(o))) <= STORY_DISTANCE);
    expect(close).toEqual([]);
  });

  it('keeps the fingerprints of stored documents: the values of the first version', () => {
    // Computed by the first implementation: a change here would split stories and miss copies against
    // everything already stored.
    const sentence =
      'Trường THCS Nguyễn Trãi tổ chức lễ khai giảng năm học mới với sự tham dự của phụ huynh và học sinh.';
    expect(simhash(sentence)).toBe('1085550683178929852');
    expect(simhash('Học phí')).toBe('-6368043389733806130');
    expect(simhash('hai tu')).toBe('-7821615276452568864');
    expect(simhash('')).toBe('998417574492151237');
    expect(contentHash('Tiêu đề', sentence)).toBe(
      'e1665110d92cd53917b299894a99ac78784206ab3343ea9a8dc2faa816d20ac5',
    );
    expect(contentHash('Tiêu đề', 'Học phí')).toBe(
      '58de20ea699c8ac588af66f13a863443d83102dcac03929a75314b049214a9aa',
    );
  });

  it('computes both fingerprints of an article in one pass, equal to the separate functions', () => {
    const items: [string, string, string][] = [
      ...articles.map((a): [string, string, string] => [a.title, a.lead, text(a)]),
      ...loadSocial(new Date('2026-11-23T05:00:00Z')).posts.map((p): [string, string, string] => [
        '',
        '',
        p.text,
      ]),
      ['', '', ''],
      ['Một', '', ''],
      ['Hai từ', 'ba', 'bốn năm'],
    ];
    for (const [title, lead, body] of items)
      expect(fingerprints(title, lead, body)).toEqual({
        contentHash: contentHash(title, `${lead}\n${body}`),
        simhash: simhash(body.length >= 200 ? body : `${title}\n${lead}\n${body}`),
      });
  });
});
