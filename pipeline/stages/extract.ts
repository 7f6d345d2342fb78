import type { z } from 'zod';
import { markFrontier } from '../../store/index.ts';
import type { PipelineContext } from '../context.ts';
import { type Extracted, extractPool } from '../extract-pool.ts';
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
  const extracted = await extractPage(ctx, job);
  if (extracted) await storeArticle(ctx, job.sourceId, job.fetchedAt, extracted.article, extracted);
}

/**
 * The article of a fetched page with its dedup keys, extracted in the extraction thread; undefined (and the
 * frontier row marked failed) when the page has none.
 */
export async function extractPage(
  ctx: PipelineContext,
  job: PageJob,
): Promise<Extract<Extracted, { contentHash: string }> | undefined> {
  const source = await sourceConfig(ctx, job.sourceId);
  const extracted = await extractPool().extract({
    url: job.url,
    finalUrl: job.finalUrl,
    html: job.html,
    hint: job.hint,
    selectors: source?.selectors,
  });
  if (!extracted.article) {
    ctx.log.warn({ source: job.sourceId, url: job.url }, 'page has no article text; skipped');
    await markFrontier(ctx.store, job.url, 'failed', 'no article text found');
    return undefined;
  }
  return extracted;
}
