import { existsSync, readFileSync } from 'node:fs';
import { Configuration } from '@crawlee/core';
import type { BrowserContext, Route } from 'playwright';
import type { Source } from '../config/index.ts';
import type { SocialProfile } from '../config/schema/profiles.ts';
import type { Article } from './article.ts';
import { assertFetchable, type Resolver } from './net-guard.ts';
import { parseEngagement, parseRelativeTime } from './social-parse.ts';
import { absolute } from './url.ts';

/** Flags that keep Chromium quiet on a machine without a network beyond its sources. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface SocialPollDeps {
  profile: SocialProfile;
  chromiumPath: string;
  allowPrivate: boolean;
  userAgent: string;
  now?: () => Date;
  /** Name resolution for the private-address checks (tests); default node:dns. */
  resolve?: Resolver;
  /** More Chromium flags (tests map a name to this machine with --host-resolver-rules). */
  chromiumArgs?: string[];
}

interface RawPost {
  author: string;
  text: string;
  time: string;
  timeTitle: string;
  permalink: string;
  bar: string;
  reactions: string;
}

/**
 * Runs in the page. Kept as source text: the TypeScript loader adds helpers (__name) to compiled functions
 * that do not exist inside the browser.
 */
const READ_POSTS = new Function(
  'els',
  'sel',
  `return els.map((el) => {
    const q = (s) => el.querySelector(s);
    const time = q(sel.time);
    const reactions = q(sel.reactions);
    return {
      author: (q(sel.author)?.textContent ?? '').trim(),
      text: (q(sel.text)?.innerText ?? '').trim(),
      time: (time?.textContent ?? '').trim(),
      timeTitle: time?.getAttribute('title') ?? time?.getAttribute('aria-label') ?? '',
      permalink: q(sel.permalink)?.getAttribute('href') ?? '',
      bar: q(sel.engagement)?.innerText ?? '',
      reactions: reactions?.getAttribute('aria-label') ?? reactions?.textContent ?? '',
    };
  });`,
);

/** True when the configured Chromium exists (the demo and tests skip social pages without it, and say so). */
export function chromiumAvailable(path: string): boolean {
  return existsSync(path);
}

/**
 * Lets the page's own requests (scripts, images, API calls, redirects) through only to public addresses, each
 * host checked once per poll: a public page must not make the office's browser reach its intranet. Chromium
 * resolves names itself afterwards, so a name that changes its address in between is not caught here (fetchPage
 * checks at connect time; the browser cannot be given a resolver).
 */
function publicRequestsOnly(resolve?: Resolver) {
  const verdicts = new Map<string, Promise<boolean>>();
  return async (route: Route) => {
    const url = route.request().url();
    const u = URL.canParse(url) ? new URL(url) : undefined;
    if (u?.protocol !== 'http:' && u?.protocol !== 'https:') return route.continue(); // data:, blob:
    const host = u.host;
    let allowed = verdicts.get(host);
    if (!allowed) {
      allowed = assertFetchable(url, false, resolve).then(
        () => true,
        () => false,
      );
      verdicts.set(host, allowed);
    }
    return (await allowed) ? route.continue() : route.abort('blockedbyclient');
  };
}

/** Reads the posts of a public social page rendered by JavaScript, in the OS's Chromium. */
export async function pollSocialSource(source: Source, deps: SocialPollDeps): Promise<Article[]> {
  await assertFetchable(source.url, deps.allowPrivate, deps.resolve);
  const p = deps.profile;
  const posts: Article[] = [];
  let failure: string | undefined;
  const cookies = source.cookies ? loadCookies(source.cookies) : [];
  // Loaded on first use: Playwright and its crawler cost a process that never reads a social page ~40 MB.
  const [{ PlaywrightCrawler }, { chromium }] = await Promise.all([
    import('@crawlee/playwright'),
    import('playwright'),
  ]);
  const crawler = new PlaywrightCrawler(
    {
      launchContext: {
        launcher: chromium,
        userAgent: deps.userAgent,
        launchOptions: {
          executablePath: deps.chromiumPath,
          headless: true,
          args: [...CHROMIUM_ARGS, ...(deps.chromiumArgs ?? [])],
        },
      },
      browserPoolOptions: { useFingerprints: false },
      maxConcurrency: 1,
      maxRequestRetries: 1,
      requestHandlerTimeoutSecs: 90,
      navigationTimeoutSecs: 30,
      preNavigationHooks: [
        async ({ page }) => {
          if (!deps.allowPrivate) await page.route('**/*', publicRequestsOnly(deps.resolve));
          if (cookies.length > 0) await page.context().addCookies(cookies);
        },
      ],
      requestHandler: async ({ page, request }) => {
        await page.waitForSelector(p.post, { timeout: 15_000 });
        for (let i = 0; i < p.maxLoads; i++) {
          const overlay = page.locator(p.overlayClose).first();
          if (await overlay.isVisible().catch(() => false)) await overlay.click().catch(() => {});
          const before = await page.locator(p.post).count();
          const more = page.locator(p.more).first();
          if (await more.isVisible().catch(() => false)) await more.click().catch(() => {});
          else await page.mouse.wheel(0, 4000);
          await page
            .waitForFunction(
              ([sel, n]) => document.querySelectorAll(sel as string).length > (n as number),
              [p.post, before] as const,
              { timeout: 3000 },
            )
            .catch(() => {});
          if ((await page.locator(p.post).count()) === before) break;
        }
        const raw = (await page.$$eval(p.post, READ_POSTS as never, {
          time: p.time,
          author: p.author,
          text: p.text,
          permalink: p.permalink,
          engagement: p.engagement,
          reactions: p.reactions,
        })) as RawPost[];
        const now = deps.now?.() ?? new Date();
        for (const r of raw) {
          const url = absolute(r.permalink, request.loadedUrl ?? request.url);
          if (!url || !r.text) continue;
          posts.push({
            url,
            kind: 'social',
            title: '',
            lead: '',
            text: r.text,
            author: r.author || null,
            publishedAt: parseRelativeTime(r.time, now) ?? parseRelativeTime(r.timeTitle, now) ?? null,
            lang: 'vi',
            engagement: parseEngagement(r.bar, r.reactions),
          });
        }
      },
      failedRequestHandler: async ({ request }, error) => {
        failure = `${request.url}: ${(error as Error).message.split('\n')[0]}`;
      },
    },
    new Configuration({ persistStorage: false, purgeOnStart: true }),
  );
  await crawler.run([source.url]);
  await crawler.teardown();
  if (failure) throw new Error(failure);
  return posts;
}

/** A Playwright storage-state file ({cookies: [...]}) or a bare cookie array. */
function loadCookies(file: string) {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  return (Array.isArray(data) ? data : data.cookies) as Parameters<BrowserContext['addCookies']>[0];
}
