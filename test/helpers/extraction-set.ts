import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { words } from '../../classifiers/index.ts';

const dir = fileURLToPath(new URL('../fixtures/extraction/pages/', import.meta.url));

export interface ExtractionCase {
  name: string;
  html: string;
  url: string;
  title: string;
  publishedAt: string | null;
  author: string | null;
  lead: string;
  paragraphs: string[];
}

/** The hand-written extraction test set (test/fixtures/extraction/pages: NN-name.html + NN-name.json). */
export function loadExtractionSet(): ExtractionCase[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.html'))
    .sort()
    .map((f) => {
      const name = f.replace(/\.html$/, '');
      const expected = JSON.parse(readFileSync(`${dir}${name}.json`, 'utf8'));
      return { name, html: readFileSync(`${dir}${f}`, 'utf8'), ...expected };
    });
}

/** Bag-of-words F1 between extracted and expected text (case and diacritics kept, punctuation ignored). */
export function tokenF1(got: string, want: string): { precision: number; recall: number; f1: number } {
  const count = (s: string) => {
    const m = new Map<string, number>();
    for (const w of words(s)) m.set(w, (m.get(w) ?? 0) + 1);
    return m;
  };
  const g = count(got);
  const w = count(want);
  let overlap = 0;
  for (const [k, n] of g) overlap += Math.min(n, w.get(k) ?? 0);
  const gt = [...g.values()].reduce((a, b) => a + b, 0);
  const wt = [...w.values()].reduce((a, b) => a + b, 0);
  const precision = gt ? overlap / gt : 0;
  const recall = wt ? overlap / wt : 0;
  return { precision, recall, f1: precision + recall ? (2 * precision * recall) / (precision + recall) : 0 };
}

/** The expected main text: lead and paragraphs. */
export const expectedText = (c: ExtractionCase) => [c.lead, ...c.paragraphs].filter(Boolean).join('\n');
