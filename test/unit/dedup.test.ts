import { describe, expect, it } from 'vitest';
import { contentHash, hamming, STORY_DISTANCE, simhash } from '../../pipeline/index.ts';
import { loadArticles } from '../fixtures/server/index.ts';

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
});
