import type { z } from 'zod';
import { type Article, extractArticle } from '../../crawlers/index.ts';
import { markFrontier } from '../../store/index.ts';
import type { PipelineContext } from '../context.ts';
import { ExtractPayload } from '../payloads.ts';
import { sourceConfig } from '../source-config.ts';
import { storeArticle } from './store.ts';

/** A fetched page, as the fetch stage hands it over (parsed payload of an extract job). */
export type PageJob = Extract<z.infer<typeof ExtractPayload>, { kind: 'page' }>;

/** Turns a fetched page into an article (posts arrive already structured), dedups, groups and stores it. */
export async function extractStage(payload: unknown, ctx: PipelineContext): Promise<void> {
  const job = ExtractPayload.parse(payload);
  if (job.kind === 'post') {
    await storeArticle(ctx, job.sourceId, job.fetchedAt, job.article);
    return;
  }
  const article = await extractPage(ctx, job);
  if (article) await storeArticle(ctx, job.sourceId, job.fetchedAt, article);
}

/** The article of a fetched page; undefined (and the frontier row marked failed) when the page has none. */
export async function extractPage(ctx: PipelineContext, job: PageJob): Promise<Article | undefined> {
  const source = await sourceConfig(ctx, job.sourceId);
  const article = extractArticle(job.html, job.finalUrl, { selectors: source?.selectors });
  article.url = job.url;
  if (!article.title && job.hint.title) article.title = job.hint.title;
  if (!article.publishedAt && job.hint.publishedAt) article.publishedAt = new Date(job.hint.publishedAt);
  if (!article.title || article.text.length < 40) {
    ctx.log.warn({ source: job.sourceId, url: job.url }, 'page has no article text; skipped');
    await markFrontier(ctx.store, job.url, 'failed', 'no article text found');
    return undefined;
  }
  return article;
}
