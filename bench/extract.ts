/**
 * npm run bench:extract — our extractor beside @mozilla/readability (on jsdom) on the hand-written
 * extraction set: text F1 against the expected main text, title and date accuracy, and speed
 * (HTML parse included for both), in the same run.
 */
import { Readability } from '@mozilla/readability';
import { JSDOM, VirtualConsole } from 'jsdom';
import { extractArticle } from '../crawlers/index.ts';
import { expectedText, loadExtractionSet, tokenF1 } from '../test/helpers/extraction-set.ts';

const cases = loadExtractionSet();
if (cases.length === 0) throw new Error('no extraction test set in test/fixtures/extraction/pages');
const REPEAT = Number(process.env.BENCH_REPEAT ?? 5);
const quiet = new VirtualConsole();

function ours(c: (typeof cases)[number]) {
  const a = extractArticle(c.html, c.url);
  return {
    title: a.title,
    text: [a.lead, a.text].filter(Boolean).join('\n'),
    publishedAt: a.publishedAt?.toISOString() ?? null,
  };
}
function readability(c: (typeof cases)[number]) {
  const dom = new JSDOM(c.html, { url: c.url, virtualConsole: quiet });
  const r = new Readability(dom.window.document).parse();
  dom.window.close();
  const published = r?.publishedTime ? new Date(r.publishedTime) : null;
  return {
    title: r?.title ?? '',
    text: r?.textContent ?? '',
    publishedAt: published && !Number.isNaN(published.getTime()) ? published.toISOString() : null,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const rows: string[] = [];
const score = (name: string, fn: typeof ours) => {
  const f1s: number[] = [];
  let titles = 0;
  let dates = 0;
  let dated = 0;
  for (const c of cases) {
    const r = fn(c);
    const f = tokenF1(r.text, expectedText(c));
    f1s.push(f.f1);
    if (r.title.trim() === c.title.trim()) titles++;
    if (c.publishedAt) {
      dated++;
      if (r.publishedAt && Math.abs(Date.parse(r.publishedAt) - Date.parse(c.publishedAt)) < 60_000) dates++;
    }
    if (name === 'diemtin' && f.f1 < 0.9)
      rows.push(
        `  low F1 ${f.f1.toFixed(2)} (P ${f.precision.toFixed(2)} R ${f.recall.toFixed(2)}): ${c.name}`,
      );
  }
  const times: number[] = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    for (const c of cases) fn(c);
    times.push(performance.now() - t);
  }
  const perPage = median(times) / cases.length;
  return { name, f1: mean(f1s), f1Median: median(f1s), titles, dates, dated, perPage };
};

const a = score('diemtin', ours);
const b = score('readability', readability);
console.log(`bench:extract — ${cases.length} pages, ${REPEAT} timed passes (median)`);
for (const r of [a, b])
  console.log(
    `  ${r.name.padEnd(12)} text F1 mean ${r.f1.toFixed(3)} (median ${r.f1Median.toFixed(3)}), titles ${r.titles}/${cases.length}, dates ${r.dates}/${r.dated}, ${r.perPage.toFixed(2)} ms/page (${(1000 / r.perPage).toFixed(0)} pages/s)`,
  );
console.log(
  `  speed ratio diemtin/readability: ${(b.perPage / a.perPage).toFixed(1)}× (goal ≥ 3×); F1 difference: ${(a.f1 - b.f1).toFixed(3)} (goal > 0)`,
);
if (rows.length) console.log(rows.join('\n'));
