import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../crawlers/index.ts';
import { expectedText, loadExtractionSet, tokenF1 } from '../helpers/extraction-set.ts';

const cases = loadExtractionSet();

describe('extraction on the hand-written set of Vietnamese CMS layouts', () => {
  it('has the set', () => expect(cases.length).toBeGreaterThanOrEqual(30));

  it.each(cases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const a = extractArticle(c.html, c.url);
    expect(a.title).toBe(c.title);
    const f = tokenF1([a.lead, a.text].filter(Boolean).join('\n'), expectedText(c));
    expect(f.f1).toBeGreaterThanOrEqual(0.85);
    expect(a.text.normalize('NFC')).toBe(a.text);
  });

  it('finds the publication time on nearly every dated page, and the text averages F1 ≥ 0.95', () => {
    const dated = cases.filter((c) => c.publishedAt);
    const right = dated.filter((c) => {
      const got = extractArticle(c.html, c.url).publishedAt;
      return got && Math.abs(got.getTime() - Date.parse(c.publishedAt!)) < 60_000;
    });
    expect(right.length / dated.length).toBeGreaterThanOrEqual(0.9);
    const f1 = cases.map((c) => {
      const a = extractArticle(c.html, c.url);
      return tokenF1([a.lead, a.text].filter(Boolean).join('\n'), expectedText(c)).f1;
    });
    expect(f1.reduce((x, y) => x + y, 0) / f1.length).toBeGreaterThanOrEqual(0.95);
  });
});
