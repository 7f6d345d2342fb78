import { isIP } from 'node:net';
import {
  BasicCrawler,
  type BasicCrawlingContext,
  Configuration,
  log as crawleeLog,
  type RequestProvider,
} from '@crawlee/basic';
import type { Source } from '../config/index.ts';
import { type Discovered, discoverFeeds, parseFeed, parseListing, parseSitemap } from './discover.ts';
import { FetchError, type FetchedResponse, fetchPage } from './http-fetch.ts';
import { assertFetchable, isPrivateAddress } from './net-guard.ts';
import { PollRequests } from './poll-requests.ts';
import { robotsRefusal } from './robots.ts';

crawleeLog.setLevel(crawleeLog.LEVELS.OFF);

/** A fetched article page, before extraction. */
export interface FetchedPage {
  url: string;
  finalUrl: string;
  html: string;
  status: number;
  hint?: Discovered['hint'];
}

export interface PollDeps {
  /** Records discovered links; returns the ones to fetch (not stored before). */
  toFetch(items: Discovered[]): Promise<Discovered[]>;
  /** Links found earlier and never stored (resumes an interrupted run). */
  leftovers: Discovered[];
  onPage(page: FetchedPage): Promise<void>;
  onPageError(url: string, error: string): Promise<void>;
  /** Links refused before fetching (robots.txt, private address): not retried. */
  onSkipped?(url: string, reason: string): Promise<void>;
  allowPrivate: boolean;
  userAgent: string;
  /** Validators from the last poll of the index page, for a conditional GET. */
  validators?: { etag?: string | null; lastModified?: string | null };
  /** Seconds between requests to one host. */
  hostDelaySecs?: number;
  /** Requests in flight for this poll at most (politeness: one poll reads one source). */
  maxConcurrency?: number;
  maxBytes?: number;
  /** Per request, including redirects and body (default 30 s). */
  timeoutMs?: number;
}

export interface PollResult {
  ok: boolean;
  httpStatus?: number;
  discovered: number;
  fetched: number;
  error?: string;
  /** The index answered 304 Not Modified. */
  notModified?: boolean;
  etag?: string | null;
  lastModified?: string | null;
  /** Seconds the server asked us to wait (Retry-After on 429/503). */
  retryAfterSecs?: number;
}

/** Retry-After as seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - now) / 1000));
}

/**
 * Polls a feed, sitemap, listing or single page. Crawlee's BasicCrawler runs the queue, per-host delay,
 * concurrency and retries (memory only, no disk); each request goes through `fetchPage`, our careful client.
 */
export async function pollHttpSource(source: Source, deps: PollDeps): Promise<PollResult> {
  const result: PollResult = { ok: true, discovered: 0, fetched: 0 };
  let indexFailed: string | undefined;
  const guard = hostGuard(deps.allowPrivate);
  const skip = async (url: string, reason: string) => {
    await (deps.onSkipped ?? deps.onPageError)(url, reason);
  };
  /** Article requests for links that pass the address guard and robots.txt; the others are skipped with the reason. */
  const articleRequests = async (items: Discovered[]) => {
    const out = [];
    for (const d of items) {
      const refused = (await guard(d.url)) ?? (await robotsRefusal(d.url, deps.userAgent, deps.allowPrivate));
      if (refused) await skip(d.url, refused);
      else out.push(articleRequest(d));
    }
    return out;
  };
  const sourceRefused =
    (await guard(source.url)) ?? (await robotsRefusal(source.url, deps.userAgent, deps.allowPrivate));
  if (sourceRefused) return { ...result, ok: false, error: `${source.url}: ${sourceRefused}` };

  const handle = async (ctx: BasicCrawlingContext, res: FetchedResponse) => {
    const { status } = res;
    if (status === 429 || status === 503) {
      const wait = parseRetryAfter(res.headers.get('retry-after'));
      if (wait !== undefined) result.retryAfterSecs = Math.max(result.retryAfterSecs ?? 0, wait);
      ctx.request.noRetry = true;
      throw new Error(`HTTP ${status}${wait !== undefined ? `, retry after ${wait} s` : ''}`);
    }
    if (status >= 500) throw new Error(`HTTP ${status}`);
    if (ctx.request.label === 'ARTICLE') {
      if (status >= 400) {
        await deps.onPageError(ctx.request.url, `HTTP ${status}`);
        return;
      }
      result.fetched++;
      await deps.onPage({
        url: ctx.request.url,
        finalUrl: res.finalUrl,
        html: res.body,
        status,
        hint: ctx.request.userData.hint,
      });
      return;
    }
    if (ctx.request.userData.page === 1) {
      result.httpStatus = status;
      if (status === 304) {
        result.notModified = true;
        return;
      }
      result.etag = res.headers.get('etag');
      result.lastModified = res.headers.get('last-modified');
    }
    if (status >= 400) {
      ctx.request.noRetry = true;
      throw new Error(`HTTP ${status}`);
    }
    const found = indexItems(source, res.body, res.finalUrl, ctx.request.userData.page ?? 1);
    result.discovered += found.items.length;
    const todo = await deps.toFetch(found.items.slice(0, source.maxItems));
    await ctx.addRequests(await articleRequests(todo));
    for (const next of found.more)
      await ctx.addRequests([{ url: next.url, label: 'INDEX', userData: { page: next.page } }]);
  };

  const maxConcurrency = deps.maxConcurrency ?? 2;
  // A source on this machine or the local network (fixtures, an intranet portal): the pool runs at the
  // configured concurrency from the start. Crawlee's autoscaling starts at one request in flight and adds one
  // every 10 s, sampling the machine's load (a `ps` child process a second); on a poll of a few seconds it
  // never gets there. Remote sources keep autoscaling (up to the same limit).
  const local = isLocalHost(source.url);
  const crawler = new BasicCrawler(
    {
      // In-memory requests (BasicCrawler's own option for this, requestManager, fails its option check in
      // Crawlee 3.18; a request queue is anything with the queue's methods, which PollRequests has).
      requestQueue: new PollRequests() as unknown as RequestProvider,
      maxConcurrency,
      ...(local ? { minConcurrency: maxConcurrency } : {}),
      sameDomainDelaySecs: deps.hostDelaySecs ?? 1,
      maxRequestRetries: 2,
      requestHandlerTimeoutSecs: 120,
      // Requests go through fetchPage, which keeps no cookies or sessions.
      useSessionPool: false,
      requestHandler: async (ctx) => {
        const conditional: Record<string, string> = {};
        // Conditional GET for the first index page only: a 304 means nothing new was published.
        if (ctx.request.label === 'INDEX' && ctx.request.userData.page === 1) {
          if (deps.validators?.etag) conditional['if-none-match'] = deps.validators.etag;
          if (deps.validators?.lastModified) conditional['if-modified-since'] = deps.validators.lastModified;
        }
        let res: FetchedResponse;
        try {
          res = await fetchPage(ctx.request.url, {
            userAgent: deps.userAgent,
            allowPrivate: deps.allowPrivate,
            headers: conditional,
            ...(deps.maxBytes ? { maxBytes: deps.maxBytes } : {}),
            ...(deps.timeoutMs
              ? { timeoutMs: deps.timeoutMs, idleMs: Math.min(deps.timeoutMs, 15_000) }
              : {}),
          });
        } catch (err) {
          if (!(err instanceof FetchError) || !err.retryable) ctx.request.noRetry = true;
          throw err;
        }
        await handle(ctx, res);
      },
      failedRequestHandler: async ({ request }, error) => {
        const message = describe(error);
        if (request.label === 'ARTICLE') await deps.onPageError(request.url, message);
        else indexFailed ??= message.includes(request.url) ? message : `${request.url}: ${message}`;
      },
    },
    new Configuration({
      persistStorage: false,
      purgeOnStart: true,
      ...(local ? { systemInfoIntervalMillis: 60_000 } : {}),
    }),
  );

  if (source.kind === 'page') {
    const todo = await deps.toFetch([{ url: source.url }]);
    await crawler.run(await articleRequests(todo));
    result.discovered = 1;
  } else {
    await crawler.run([
      { url: source.url, label: 'INDEX', userData: { page: 1 } },
      ...(await articleRequests(deps.leftovers)),
    ]);
  }
  await crawler.teardown();
  if (indexFailed) return { ...result, ok: false, error: indexFailed };
  return result;
}

/** True for a URL on localhost or a private or loopback address literal. */
function isLocalHost(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || (isIP(host) !== 0 && isPrivateAddress(host));
  } catch {
    return false;
  }
}

/** Checks each host once per poll: a refusal reason, or undefined when the URL may be fetched. */
function hostGuard(allowPrivate: boolean) {
  const seen = new Map<string, Promise<string | undefined>>();
  return (url: string) => {
    let host: string;
    try {
      host = new URL(url).host;
    } catch {
      return Promise.resolve(`not a URL: ${url}`);
    }
    let verdict = seen.get(host);
    if (!verdict) {
      verdict = assertFetchable(url, allowPrivate).then(
        () => undefined,
        (err: Error) => err.message,
      );
      seen.set(host, verdict);
    }
    return verdict;
  };
}

function articleRequest(d: Discovered) {
  return { url: d.url, label: 'ARTICLE', userData: { hint: d.hint ?? {} } };
}

function indexItems(
  source: Source,
  body: string,
  base: string,
  page: number,
): { items: Discovered[]; more: { url: string; page: number }[] } {
  switch (source.kind) {
    case 'rss':
      try {
        return { items: parseFeed(body, base), more: [] };
      } catch (err) {
        // A site's page instead of its feed: follow the feed it declares (<link rel="alternate">).
        const feed = page === 1 ? discoverFeeds(body, base)[0] : undefined;
        if (!feed) throw err;
        return { items: [], more: [{ url: feed, page: page + 1 }] };
      }
    case 'sitemap': {
      const s = parseSitemap(body, base);
      return { items: s.items, more: page < 20 ? s.sitemaps.map((url) => ({ url, page: page + 1 })) : [] };
    }
    case 'listing': {
      if (!source.listing) throw new Error(`source ${source.id}: listing without "listing.item" selector`);
      const l = parseListing(body, base, source.listing.item, source.listing.next);
      const more = l.next && page < source.listing.maxPages ? [{ url: l.next, page: page + 1 }] : [];
      return { items: l.items, more };
    }
    default:
      throw new Error(`source kind ${source.kind} is not fetched over HTTP`);
  }
}

/** One line saying what went wrong. */
function describe(error: unknown): string {
  const e = error as Error | undefined;
  return (e?.message ?? String(error)).replace(/\s*\n\s*/g, ' ').slice(0, 400);
}
