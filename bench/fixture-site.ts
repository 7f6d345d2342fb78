/**
 * A fixture news site with thousands of generated articles, run as its own process by the benchmarks so its
 * CPU and memory are not counted against the crawler under test. Prints its address, stops when stdin closes.
 * Usage: tsx bench/fixture-site.ts PAGES ROUND
 */
import { loadArticles } from '../test/fixtures/server/index.ts';
import { articlePath } from '../test/fixtures/server/layouts.ts';
import { startNewsSite } from '../test/fixtures/server/news-site.ts';

const pages = Number(process.argv[2] ?? 3000);
const round = Number(process.argv[3] ?? 0);
const now = new Date();
const base = loadArticles(now);
/** Fixture texts reshuffled with a unique sentence, so none is a copy of another. */
const articles = Array.from({ length: pages }, (_, i) => {
  const a = base[i % base.length]!;
  const body = [...a.body]
    .sort(() => ((i * 7919 + round) % 3) - 1)
    .concat(`Bài số ${i} của lượt ${round}, cập nhật lúc ${i % 24} giờ.`);
  return {
    ...a,
    id: 300_000 + round * 100_000 + i,
    slug: `${a.slug}-${round}-${i}`,
    outlet: 'thoibaoviet' as const,
    body,
    publishedAt: new Date(now.getTime() - i * 60_000),
  };
});
const site = await startNewsSite('thoibaoviet', articles, () => new Date());
process.stdout.write(`${JSON.stringify({ url: site.url, paths: articles.map(articlePath) })}\n`);
process.stdin.resume();
process.stdin.on('end', () => site.close().then(() => process.exit(0)));
