import { load } from 'cheerio';
import type { Element } from 'domhandler';
import { findAll, isTag, textContent } from 'domutils';
import { parseVietnameseDate } from './dates.ts';
import { absolute } from './url.ts';

/** An article link found on a feed, sitemap or listing, with what the index said about it. */
export interface Discovered {
  url: string;
  hint?: { title?: string; publishedAt?: string };
}

/** Items of an RSS 2.0, Atom or JSON Feed document. Throws on a body that is none of them. */
export function parseFeed(body: string, base: string): Discovered[] {
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{')) {
    const feed = JSON.parse(trimmed) as {
      items?: { url?: string; id?: string; title?: string; date_published?: string }[];
    };
    if (!Array.isArray(feed.items)) throw new Error('JSON feed without "items"');
    return feed.items.flatMap((i) => item(absolute(i.url ?? i.id, base), i.title, i.date_published));
  }
  const $ = load(body, { xml: true });
  const rss = $('rss, rdf\\:RDF, channel').length > 0;
  const atom = $('feed').length > 0;
  if (!rss && !atom) throw new Error('not an RSS, Atom or JSON feed');
  const out: Discovered[] = [];
  $('item').each((_, el) => {
    const e = $(el);
    const link = e.children('link').text().trim() || e.children('guid').text().trim();
    out.push(
      ...item(
        absolute(link, base),
        e.children('title').text(),
        e.children('pubDate, dc\\:date').first().text(),
      ),
    );
  });
  $('entry').each((_, el) => {
    const e = $(el);
    const link = e.children('link[rel="alternate"], link:not([rel])').first().attr('href');
    out.push(
      ...item(
        absolute(link, base),
        e.children('title').text(),
        e.children('published, updated').first().text(),
      ),
    );
  });
  return out;
}

/** Article URLs and child sitemaps of an XML sitemap, Google News sitemap or sitemap index. */
export function parseSitemap(body: string, base: string): { items: Discovered[]; sitemaps: string[] } {
  const $ = load(body, { xml: true });
  if ($('urlset, sitemapindex').length === 0)
    throw new Error('not a sitemap (no <urlset> or <sitemapindex>)');
  const sitemaps = $('sitemapindex > sitemap > loc')
    .toArray()
    .flatMap((el) => absolute($(el).text(), base) ?? []);
  // Per <url>, its children are walked directly: a selector per entry (compiled by cheerio on each call) cost
  // more than the parse on a sitemap of thousands of entries.
  const items = $('urlset > url')
    .toArray()
    .flatMap((el) => {
      const title = textContent(findAll((n) => n.name === 'news:title', el.children));
      const date =
        textContent(findAll((n) => n.name === 'news:publication_date', el.children)) ||
        textContent(childrenNamed(el, 'lastmod'));
      return item(absolute(textContent(childrenNamed(el, 'loc')), base), title, date);
    });
  return { items, sitemaps };
}

const childrenNamed = (el: Element, name: string) => el.children.filter((c) => isTag(c) && c.name === name);

/** Links to articles on a section page, and the next page if any. */
export function parseListing(html: string, base: string, itemSelector: string, nextSelector?: string) {
  const $ = load(html);
  const items = $(itemSelector)
    .toArray()
    .flatMap((el) => item(absolute($(el).attr('href'), base), $(el).text(), undefined));
  const next = nextSelector ? absolute($(nextSelector).first().attr('href'), base) : undefined;
  return { items, next };
}

/** Feed links a page declares (`<link rel="alternate" type="application/rss+xml">`). */
export function discoverFeeds(html: string, base: string): string[] {
  const $ = load(html);
  return $('link[rel="alternate"]')
    .toArray()
    .filter((el) => /(rss|atom|feed)\+?(xml|json)?/i.test($(el).attr('type') ?? ''))
    .flatMap((el) => absolute($(el).attr('href'), base) ?? []);
}

function item(url: string | undefined, title: string | undefined, date: string | undefined): Discovered[] {
  if (!url) return [];
  const publishedAt = parseVietnameseDate(date?.trim())?.toISOString();
  const t = title?.replace(/\s+/g, ' ').trim();
  return [{ url, hint: { ...(t ? { title: t } : {}), ...(publishedAt ? { publishedAt } : {}) } }];
}
