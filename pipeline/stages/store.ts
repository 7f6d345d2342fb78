import type { Article } from '../../crawlers/index.ts';
import { canonicalUrl } from '../../crawlers/index.ts';
import {
  createStory,
  findExisting,
  insertDocument,
  markFrontier,
  mergeStories,
  nearStories,
} from '../../store/index.ts';
import type { PipelineContext } from '../context.ts';
import { contentHash, simhash } from '../dedup.ts';
import { sourceConfig } from '../source-config.ts';

/** Near-duplicates within this many bits of SimHash join one story. */
export const STORY_DISTANCE = 12;
const STORY_WINDOW_MS = 7 * 86400_000;

/**
 * Dedups an article (URL, canonical URL, exact content), groups it into a story by SimHash and stores it in
 * one transaction, then queues its classification. Returns the new document id, or undefined for a copy.
 */
export async function storeArticle(
  ctx: PipelineContext,
  sourceId: string,
  fetchedAt: Date,
  article: Article,
): Promise<number | undefined> {
  const source = await sourceConfig(ctx, sourceId);
  const canonical = canonicalUrl(article.canonicalUrl ?? article.url);
  const hash = contentHash(article.title, `${article.lead}\n${article.text}`);
  // Copies rewrite titles and leads most; the body carries the story (short posts: everything).
  const sim = simhash(
    article.text.length >= 200 ? article.text : `${article.title}\n${article.lead}\n${article.text}`,
  );
  const outlet = source?.outlet ?? new URL(article.url).hostname;

  const documentId = await ctx.store.transaction(async (tx) => {
    if (await findExisting(tx, { url: article.url, canonicalUrl: canonical, contentHash: hash }))
      return undefined;
    const near = await nearStories(tx, sim, new Date(fetchedAt.getTime() - STORY_WINDOW_MS), STORY_DISTANCE);
    const storyId =
      near[0] ??
      (await createStory(
        tx,
        article.title || article.text.slice(0, 120),
        outlet,
        article.publishedAt ?? fetchedAt,
      ));
    // A copy close to two stories links them (single linkage), so grouping does not depend on arrival order.
    await mergeStories(tx, storyId, near.slice(1));
    const id = await insertDocument(
      tx,
      {
        url: article.url,
        canonicalUrl: canonical,
        sourceId,
        outlet,
        kind: article.kind,
        title: article.title,
        lead: article.lead,
        text: article.text,
        author: article.author,
        publishedAt: article.publishedAt,
        fetchedAt,
        lang: article.lang,
        engagement: article.engagement,
        contentHash: hash,
        simhash: sim,
      },
      storyId,
    );
    if (id !== undefined) await markFrontier(tx, article.url, 'stored');
    return id;
  });
  if (documentId === undefined) {
    await markFrontier(ctx.store, article.url, 'duplicate');
    return undefined;
  }
  await ctx.queues.add('analyse', { documentId });
  return documentId;
}
