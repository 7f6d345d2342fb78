/**
 * The baseline of bench:crawl, as its own process (a fresh heap each run, like the processes it is compared
 * with): Crawlee's CheerioCrawler fetching and parsing the URLs of a file (one per line), nothing else.
 * Prints the pages per second, timed from the first request to the last response.
 * Usage: tsx bench/bare-crawl.ts URLS_FILE CONCURRENCY
 */
import { readFileSync } from 'node:fs';
import { CheerioCrawler, Configuration, log } from '@crawlee/cheerio';

log.setLevel(log.LEVELS.OFF);
const urls = readFileSync(process.argv[2]!, 'utf8').split('\n').filter(Boolean);
const crawler = new CheerioCrawler(
  {
    maxConcurrency: Number(process.argv[3] ?? 4),
    // Local pages at full concurrency from the start, as the crawl process runs local sources.
    minConcurrency: Number(process.argv[3] ?? 4),
    maxRequestRetries: 0,
    useSessionPool: false,
    requestHandler: async () => {},
  },
  new Configuration({ persistStorage: false, purgeOnStart: true }),
);
const t = performance.now();
await crawler.run(urls);
const rate = urls.length / ((performance.now() - t) / 1000);
await crawler.teardown();
process.stdout.write(`${rate}\n`);
process.exit(0);
