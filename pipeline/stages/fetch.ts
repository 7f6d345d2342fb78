import { chromiumAvailable, pollHttpSource, pollSocialSource } from '../../crawlers/index.ts';
import {
  addDiscovered,
  getSource,
  markFrontier,
  type PollOutcome,
  pendingUrls,
  recordPoll,
  type SourceRow,
} from '../../store/index.ts';
import type { PipelineContext } from '../context.ts';
import { FetchPayload } from '../payloads.ts';
import { planNextPoll } from '../poll-policy.ts';
import { extractPage } from './extract.ts';
import { STORE_BATCH, storeArticle } from './store.ts';

const MAX_ATTEMPTS = 5;
/** Extracted pages waiting for their batch to be stored, at most, before fetching waits for the store. */
const MAX_UNSTORED = 2 * STORE_BATCH.maxItems;

/** Polls one source: discovers article links, fetches new pages, hands them to extract (posts go straight on). */
export async function fetchStage(payload: unknown, ctx: PipelineContext): Promise<void> {
  const { sourceId } = FetchPayload.parse(payload);
  const row = await getSource(ctx.store, sourceId);
  if (!row?.enabled) return;
  const source = row.config;
  const startedAt = ctx.now();
  const log = ctx.log.child({ source: sourceId });

  if (source.kind === 'social') {
    if (!ctx.browser || !chromiumAvailable(ctx.env.CHROMIUM_PATH)) {
      log.warn({ chromium: ctx.env.CHROMIUM_PATH }, 'social source skipped: Chromium not available');
      return;
    }
    try {
      const posts = await pollSocialSource(source, {
        profile: ctx.config.profiles[source.profile!]!,
        chromiumPath: ctx.env.CHROMIUM_PATH,
        allowPrivate: ctx.env.ALLOW_PRIVATE_SOURCES,
        userAgent: ctx.env.USER_AGENT,
        now: ctx.now,
      });
      const todo = await addDiscovered(
        ctx.store,
        sourceId,
        posts.map((p) => ({ url: p.url })),
        MAX_ATTEMPTS,
      );
      const wanted = new Set(todo.map((t) => t.url));
      for (const article of posts.filter((p) => wanted.has(p.url)))
        await ctx.queues.add('extract', { kind: 'post', sourceId, fetchedAt: ctx.now(), article });
      await recordPoll(ctx.store, {
        sourceId,
        url: source.url,
        startedAt,
        ok: true,
        discovered: posts.length,
        fetched: todo.length,
      });
    } catch (err) {
      const error = (err as Error).message.split('\n')[0]!;
      log.warn({ err: error }, 'social source failed');
      await recordPoll(ctx.store, {
        sourceId,
        url: source.url,
        startedAt,
        ok: false,
        discovered: 0,
        fetched: 0,
        error,
      });
    }
    return;
  }

  // Pages extracted here are stored in batches while fetching goes on; the poll ends once all are stored.
  // A page not stored (crash, failed batch) keeps its 'pending' frontier row and is fetched again.
  const unstored = new Set<Promise<void>>();
  const result = await pollHttpSource(source, {
    toFetch: (items) => addDiscovered(ctx.store, sourceId, items, MAX_ATTEMPTS),
    leftovers: await pendingUrls(ctx.store, sourceId, MAX_ATTEMPTS),
    onPage: async (page) => {
      const job = { kind: 'page' as const, sourceId, fetchedAt: ctx.now(), ...page, hint: page.hint ?? {} };
      // A process that also extracts does it here: the page is not copied through the queue (Redis) and back.
      if (!ctx.working?.has('extract')) {
        await ctx.queues.add('extract', job);
        return;
      }
      const article = await extractPage(ctx, job);
      if (!article) return;
      const stored: Promise<void> = storeArticle(ctx, sourceId, job.fetchedAt, article)
        .then(
          () => {},
          async (err) => {
            const error = (err as Error).message;
            log.warn({ url: page.url, err: error }, 'article not stored; fetched again next poll');
            await markFrontier(ctx.store, page.url, 'pending', error).catch(() => {});
          },
        )
        .finally(() => unstored.delete(stored));
      unstored.add(stored);
      while (unstored.size >= MAX_UNSTORED) await Promise.race(unstored);
    },
    onPageError: async (url, error) => {
      log.warn({ url, err: error }, 'article fetch failed');
      await markFrontier(ctx.store, url, 'pending', error);
    },
    onSkipped: async (url, reason) => {
      log.info({ url, reason }, 'article skipped');
      await markFrontier(ctx.store, url, 'failed', reason);
    },
    validators: { etag: row.etag, lastModified: row.last_modified },
    allowPrivate: ctx.env.ALLOW_PRIVATE_SOURCES,
    userAgent: ctx.env.USER_AGENT,
    hostDelaySecs: ctx.hostDelaySecs,
    maxConcurrency: ctx.env.CRAWL_CONCURRENCY,
  });
  await Promise.all(unstored);
  if (!result.ok) log.warn({ err: result.error }, 'source poll failed');
  await finish(ctx, row, { sourceId, url: source.url, startedAt, ...result }, result.retryAfterSecs);
}

/** Records the poll and schedules the next one by the polling policy. */
async function finish(
  ctx: PipelineContext,
  row: SourceRow,
  outcome: PollOutcome,
  retryAfterSecs?: number,
): Promise<void> {
  const plan = planNextPoll(
    {
      baseInterval: row.interval_s,
      interval: row.poll_interval_s ?? row.interval_s,
      failures: row.consecutive_failures,
    },
    { ok: outcome.ok, newItems: outcome.fetched, retryAfterSecs },
  );
  if (plan.disable) ctx.log.error({ source: row.id, err: outcome.error }, plan.disable);
  await recordPoll(ctx.store, outcome, plan);
}
