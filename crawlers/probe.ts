import type { SocialProfile, Source } from '../config/index.ts';
import { discoverFeeds, parseFeed, parseListing, parseSitemap } from './discover.ts';
import { extractArticle } from './extract.ts';
import { fetchPage } from './http-fetch.ts';
import { robotsRefusal } from './robots.ts';
import { chromiumAvailable, pollSocialSource } from './social-crawl.ts';

export interface ProbeResult {
  ok: boolean;
  status?: number;
  items: number;
  ms: number;
  note?: string;
  error?: string;
}

export interface ProbeOptions {
  userAgent: string;
  allowPrivate: boolean;
  chromiumPath: string;
  profile?: SocialProfile;
}

/** Fetches a source once and checks that it still yields items with its configuration (feed, selectors, profile). */
export async function probeSource(source: Source, o: ProbeOptions): Promise<ProbeResult> {
  const started = Date.now();
  const done = (r: Omit<ProbeResult, 'ms'>): ProbeResult => ({ ...r, ms: Date.now() - started });
  try {
    if (source.kind === 'social') {
      if (!chromiumAvailable(o.chromiumPath))
        return done({ ok: false, items: 0, error: `Chromium not found at ${o.chromiumPath}` });
      const posts = await pollSocialSource(source, {
        profile: o.profile!,
        chromiumPath: o.chromiumPath,
        allowPrivate: o.allowPrivate,
        userAgent: o.userAgent,
      });
      return posts.length > 0
        ? done({ ok: true, items: posts.length })
        : done({ ok: false, items: 0, error: 'the profile matches no post (markup changed?)' });
    }
    const refused = await robotsRefusal(source.url, o.userAgent, o.allowPrivate);
    if (refused) return done({ ok: false, items: 0, error: refused });
    const res = await fetchPage(source.url, {
      userAgent: o.userAgent,
      allowPrivate: o.allowPrivate,
      timeoutMs: 20_000,
    });
    if (res.status >= 400)
      return done({ ok: false, status: res.status, items: 0, error: `HTTP ${res.status}` });
    const base = res.finalUrl;
    switch (source.kind) {
      case 'rss': {
        try {
          const items = parseFeed(res.body, base).length;
          return done({
            ok: items > 0,
            status: res.status,
            items,
            ...(items ? {} : { error: 'feed has no items' }),
          });
        } catch (err) {
          const feeds = discoverFeeds(res.body, base);
          if (feeds.length)
            return done({
              ok: false,
              status: res.status,
              items: 0,
              error: `not a feed; the page declares ${feeds.join(', ')}`,
            });
          throw err;
        }
      }
      case 'sitemap': {
        const s = parseSitemap(res.body, base);
        const items = s.items.length + s.sitemaps.length;
        return done({
          ok: items > 0,
          status: res.status,
          items,
          ...(s.sitemaps.length ? { note: `${s.sitemaps.length} child sitemaps` } : {}),
        });
      }
      case 'listing': {
        const l = parseListing(res.body, base, source.listing?.item ?? 'a', source.listing?.next);
        return done({
          ok: l.items.length > 0,
          status: res.status,
          items: l.items.length,
          ...(l.items.length
            ? {}
            : { error: `selector "${source.listing?.item}" matches no link (markup changed?)` }),
          ...(source.listing?.next && !l.next ? { note: 'no next-page link' } : {}),
        });
      }
      default: {
        const a = extractArticle(res.body, base, { selectors: source.selectors });
        const ok = a.title.length > 0 && a.text.length > 100;
        return done({
          ok,
          status: res.status,
          items: ok ? 1 : 0,
          ...(ok ? {} : { error: 'no article title or text found' }),
        });
      }
    }
  } catch (err) {
    return done({ ok: false, items: 0, error: (err as Error).message.replace(/\s+/g, ' ').slice(0, 200) });
  }
}
