import type { Article } from '../../crawlers/index.ts';
import { canonicalUrl } from '../../crawlers/index.ts';
import { type StoreItem, storeDocuments } from '../../store/index.ts';
import { Batcher, type BatcherOptions } from '../batcher.ts';
import type { PipelineContext } from '../context.ts';
import { contentHash, simhash } from '../dedup.ts';
import { sourceConfig } from '../source-config.ts';

/** Near-duplicates within this many bits of SimHash join one story. */
export const STORY_DISTANCE = 12;
const STORY_WINDOW_MS = 7 * 86400_000;

/** Pages are stored in batches of up to 100, written at most a few milliseconds after they arrive. */
export const STORE_BATCH: BatcherOptions = { maxItems: 100, maxWaitMs: 5 };

const batchers = new WeakMap<PipelineContext, Batcher<StoreItem, number | undefined>>();

/** The context's store batcher: pages from every fetch and extract job of this process share its batches. */
export function storeBatcher(ctx: PipelineContext): Batcher<StoreItem, number | undefined> {
  let b = batchers.get(ctx);
  if (!b) {
    b = new Batcher(
      (items) => storeDocuments(ctx.store, items, STORY_WINDOW_MS, STORY_DISTANCE),
      STORE_BATCH,
    );
    batchers.set(ctx, b);
  }
  return b;
}

/** The row to store for an article: canonical URL, content hash, SimHash, outlet (pure but for the source). */
export async function storeItem(
  ctx: PipelineContext,
  sourceId: string,
  fetchedAt: Date,
  article: Article,
): Promise<StoreItem> {
  const source = await sourceConfig(ctx, sourceId);
  return {
    url: article.url,
    canonicalUrl: canonicalUrl(article.canonicalUrl ?? article.url),
    sourceId,
    outlet: source?.outlet ?? new URL(article.url).hostname,
    kind: article.kind,
    title: article.title,
    lead: article.lead,
    text: article.text,
    author: article.author,
    publishedAt: article.publishedAt,
    fetchedAt,
    lang: article.lang,
    engagement: article.engagement,
    contentHash: contentHash(article.title, `${article.lead}\n${article.text}`),
    // Copies rewrite titles and leads most; the body carries the story (short posts: everything).
    simhash: simhash(
      article.text.length >= 200 ? article.text : `${article.title}\n${article.lead}\n${article.text}`,
    ),
    storyTitle: article.title || article.text.slice(0, 120),
  };
}

/**
 * Dedups an article (URL, canonical URL, exact content), groups it into a story by SimHash and stores it,
 * in a batch with the other pages of this process (one transaction, one round trip per batch), then queues
 * its classification. Resolves once stored with the new document id, or undefined for a copy.
 */
export async function storeArticle(
  ctx: PipelineContext,
  sourceId: string,
  fetchedAt: Date,
  article: Article,
): Promise<number | undefined> {
  const documentId = await storeBatcher(ctx).add(await storeItem(ctx, sourceId, fetchedAt, article));
  if (documentId !== undefined) await ctx.queues.add('analyse', { documentId });
  return documentId;
}
