import {
  CheerioCrawler,
  type CheerioCrawlingContext,
  Configuration,
  log as crawleeLog,
} from '@crawlee/cheerio';
import type { Source } from '../config/index.ts';
import { type Discovered, parseFeed, parseListing, parseSitemap } from './discover.ts';
import { assertFetchable } from './net-guard.ts';
import { robotsRefusal } from './robots.ts';

crawleeLog.setLevel(crawleeLog.LEVELS.ERROR);

const XML_TYPES = [
  'application/rss+xml',
  'application/atom+xml',
  'application/xml',
  'text/xml',
  'application/feed+json',
  'application/json',
  'text/plain',
];

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
  maxConcurrency?: number;
  maxBytes?: number;
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
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim());
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.round((at - now) / 1000));
}

/** Polls a feed, sitemap, listing or single page with Crawlee's CheerioCrawler (memory only, no disk). */
export async function pollHttpSource(source: Source, deps: PollDeps): Promise<PollResult> {
  const result: PollResult = { ok: true, discovered: 0, fetched: 0 };
  let indexFailed: string | undefined;
  const maxBytes = deps.maxBytes ?? 5 * 1024 * 1024;
  const guard = hostGuard(deps.allowPrivate);
  const skip = async (url: string, reason: string) => {
    await (deps.onSkipped ?? deps.onPageError)(url, reason);
  };
  /** Article requests for links that pass the address guard and robots.txt; the others are skipped with the reason. */
  const articleRequests = async (items: Discovered[]) => {
    const out = [];
    for (const d of items) {
      const refused = (await guard(d.url)) ?? (await robotsRefusal(d.url, deps.userAgent));
      if (refused) await skip(d.url, refused);
      else out.push(articleRequest(d));
    }
    return out;
  };
  const sourceRefused = (await guard(source.url)) ?? (await robotsRefusal(source.url, deps.userAgent));
  if (sourceRefused) return { ...result, ok: false, error: `${source.url}: ${sourceRefused}` };

  const crawler = new CheerioCrawler(
    {
      maxConcurrency: deps.maxConcurrency ?? 2,
      sameDomainDelaySecs: deps.hostDelaySecs ?? 1,
      maxRequestRetries: 2,
      requestHandlerTimeoutSecs: 60,
      navigationTimeoutSecs: 30,
      additionalMimeTypes: XML_TYPES,
      // 429 and 503 reach the handler so Retry-After can be read.
      ignoreHttpErrorStatusCodes: [429, 503],
      useSessionPool: false,
      persistCookiesPerSession: false,
      preNavigationHooks: [
        async ({ request }, gotOptions) => {
          await assertFetchable(request.url, deps.allowPrivate);
          const headers: Record<string, string> = { 'user-agent': deps.userAgent };
          // Conditional GET for the first index page only: a 304 means nothing new was published.
          if (request.label === 'INDEX' && request.userData.page === 1) {
            if (deps.validators?.etag) headers['if-none-match'] = deps.validators.etag;
            if (deps.validators?.lastModified) headers['if-modified-since'] = deps.validators.lastModified;
          }
          gotOptions.headers = { ...gotOptions.headers, ...headers };
        },
      ],
      requestHandler: async (ctx) => {
        const size = Buffer.byteLength(ctx.body);
        if (size > maxBytes) throw new Error(`response of ${size} bytes exceeds the ${maxBytes}-byte cap`);
        const status = ctx.response.statusCode ?? 200;
        if (status === 429 || status === 503) {
          const wait = parseRetryAfter(ctx.response.headers['retry-after']);
          if (wait !== undefined) result.retryAfterSecs = Math.max(result.retryAfterSecs ?? 0, wait);
          ctx.request.noRetry = true;
          throw new Error(`HTTP ${status}${wait !== undefined ? `, retry after ${wait} s` : ''}`);
        }
        if (ctx.request.label === 'ARTICLE') {
          if (status >= 400) {
            await deps.onPageError(ctx.request.url, `HTTP ${status}`);
            return;
          }
          result.fetched++;
          await deps.onPage({
            url: ctx.request.url,
            finalUrl: ctx.request.loadedUrl ?? ctx.request.url,
            html: ctx.body.toString(),
            status: ctx.response.statusCode ?? 200,
            hint: ctx.request.userData.hint as Discovered['hint'],
          });
          return;
        }
        if (ctx.request.userData.page === 1) {
          result.httpStatus = status;
          if (status === 304) {
            result.notModified = true;
            return;
          }
          result.etag = header(ctx.response.headers.etag);
          result.lastModified = header(ctx.response.headers['last-modified']);
        }
        if (status >= 400) throw new Error(`HTTP ${status}`);
        const found = indexItems(source, ctx);
        result.discovered += found.items.length;
        const todo = await deps.toFetch(found.items.slice(0, source.maxItems));
        await ctx.addRequests(await articleRequests(todo));
        for (const next of found.more)
          await ctx.addRequests([{ url: next.url, label: 'INDEX', userData: { page: next.page } }]);
      },
      failedRequestHandler: async ({ request }, error) => {
        const message = describe(error);
        if (request.label === 'ARTICLE') await deps.onPageError(request.url, message);
        else indexFailed ??= `${request.url}: ${message}`;
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
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

const header = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? null;

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
  ctx: CheerioCrawlingContext,
): { items: Discovered[]; more: { url: string; page: number }[] } {
  const body = ctx.body.toString();
  const base = ctx.request.loadedUrl ?? ctx.request.url;
  const page = (ctx.request.userData.page as number) ?? 1;
  switch (source.kind) {
    case 'rss':
      return { items: parseFeed(body, base), more: [] };
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

/** One line saying what went wrong, with the network cause Crawlee wraps ("session error" → ECONNREFUSED). */
function describe(error: unknown): string {
  const parts: string[] = [];
  let e = error as (Error & { code?: string; cause?: unknown }) | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    parts.push(e.code ? `${e.code}: ${e.message}` : (e.message ?? String(e)));
    e = e.cause as typeof e;
  }
  // Crawlee reports connection failures as "Detected a session error, rotating session...\n<the real error>".
  return parts
    .join(' ← ')
    .replace(/^Detected a session error, rotating session\.*\s*/, '')
    .replace(/\s*\n\s*/g, ' ')
    .slice(0, 400);
}
