import type { Article } from '../../crawlers/index.ts';
import { canonicalUrl } from '../../crawlers/index.ts';
import { type StoreItem, searchVector, storeDocuments } from '../../store/index.ts';
import { Batcher, type BatcherOptions } from '../batcher.ts';
import type { PipelineContext } from '../context.ts';
import { fingerprints } from '../dedup.ts';
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
    b = new Batcher(async (items) => {
      const ids = await storeDocuments(ctx.store, items, STORY_WINDOW_MS, STORY_DISTANCE);
      // The batch's classifications queued together (one round trip on Redis). Stored is stored: if queueing
      // fails, the scheduler finds the documents without a classification and queues them again.
      const documentIds = ids.filter((id): id is number => id !== undefined);
      await ctx.queues
        .addMany(
          'analyse',
          documentIds.map((documentId) => ({ documentId })),
        )
        .catch((err) =>
          ctx.log.error(
            { err: (err as Error).message, documents: documentIds.length },
            'analysis not queued; the scheduler queues it again',
          ),
        );
      return ids;
    }, STORE_BATCH);
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
    // Content hash of everything; SimHash of the body (copies rewrite titles and leads most; short posts: all).
    ...fingerprints(article.title, article.lead, article.text),
    storyTitle: article.title || article.text.slice(0, 120),
    search: searchVector(article.title, article.lead, article.text),
  };
}

/**
 * Dedups an article (URL, canonical URL, exact content), groups it into a story by SimHash and stores it,
 * in a batch with the other pages of this process (one transaction, one round trip per batch), and queues
 * its classification with the batch's. Resolves once stored with the new document id, or undefined for a copy.
 */
export async function storeArticle(
  ctx: PipelineContext,
  sourceId: string,
  fetchedAt: Date,
  article: Article,
): Promise<number | undefined> {
  return storeBatcher(ctx).add(await storeItem(ctx, sourceId, fetchedAt, article));
}
