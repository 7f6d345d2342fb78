/**
 * The extraction thread (see extract-pool.ts): fetched page in, article with its content hash and SimHash out.
 * Pure work, no store or queue.
 */
import { parentPort } from 'node:worker_threads';
// The extraction module alone, not the crawlers' index: the thread does not need Crawlee.
import { extractArticle } from '../crawlers/extract.ts';
import { contentHash, simhash } from './dedup.ts';
import type { Extracted, ExtractTask } from './extract-pool.ts';

/** What extractPage and storeArticle did on the main thread, minus the store. */
export function extractTask(t: ExtractTask): Extracted {
  const article = extractArticle(t.html, t.finalUrl, { selectors: t.selectors });
  article.url = t.url;
  if (!article.title && t.hint.title) article.title = t.hint.title;
  if (!article.publishedAt && t.hint.publishedAt) article.publishedAt = new Date(t.hint.publishedAt);
  if (!article.title || article.text.length < 40) return { article: undefined };
  return {
    article,
    contentHash: contentHash(article.title, `${article.lead}\n${article.text}`),
    // Copies rewrite titles and leads most; the body carries the story (short posts: everything).
    simhash: simhash(
      article.text.length >= 200 ? article.text : `${article.title}\n${article.lead}\n${article.text}`,
    ),
  };
}

parentPort?.on('message', (msg: { id: number; task: ExtractTask }) => {
  try {
    parentPort!.postMessage({ id: msg.id, result: extractTask(msg.task) });
  } catch (err) {
    parentPort!.postMessage({ id: msg.id, error: (err as Error).message ?? String(err) });
  }
});
