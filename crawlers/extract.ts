// htmlparser2 (cheerio/slim): linear on deeply nested hostile pages, where parse5 is quadratic, and forgiving of bad markup.
import { type CheerioAPI, load } from 'cheerio/slim';
import type { Element } from 'domhandler';
import type { Source } from '../config/index.ts';
import type { Article } from './article.ts';
import { parseVietnameseDate } from './dates.ts';
import { absolute } from './url.ts';

type Selectors = NonNullable<Source['selectors']>;

/** Blocks inside article bodies that are not the article (related links, comments, share bars, ads). */
const BOILERPLATE = [
  'script',
  'style',
  'noscript',
  'iframe',
  'form',
  'nav',
  'header',
  'footer',
  'aside',
  'figure figcaption',
  '[class*="related"]',
  '[class*="lien-quan"]',
  '[class*="lienquan"]',
  '[class*="comment"]',
  '[id*="comment"]',
  '[class*="share"]',
  '[class*="social"]',
  '[class*="banner"]',
  '[class*="advert"]',
  '[class*="ads"]',
  '[class*="morenews"]',
  '[class*="tag"]',
  '[class*="breadcrumb"]',
  '[class*="menu"]',
  '[class*="popup"]',
  '.box-related',
  '.box-tinlienquanv2',
  'table.picture',
  '[class*="box-tin"]',
].join(',');

/** Body containers of the CMS families Vietnamese outlets use (docs: shared sources.md), tried before scoring. */
const KNOWN_BODIES = [
  '[itemprop="articleBody"]',
  '.fck_detail',
  '.detail-content',
  '.detail-cmain',
  '.singular-content',
  '.maincontent',
  '.article__body',
  '.art-body',
  '.text-long',
  '.content-body',
  '.entry-content',
  '.post-content',
  '.article-content',
  '.news-content',
  '#content-detail',
  '.NewsContent',
].join(',');

/** Title elements of CMSs without an <h1> (old ASP.NET portals). */
const KNOWN_TITLES = '.NewsTitle, .news-title, .title-news, .post-title, .entry-title';
/** Elements that show the date on pages without date metadata. */
const DATE_ELEMENTS = '.NewsDate, .post-date, .posted-on, .entry-date, [class*="date"], [class*="time"]';

/**
 * Page chrome that never holds the article, however much text it has. ("sidebar" is not here: VnExpress calls
 * its main column div.sidebar-1.)
 */
const NOT_CONTENT =
  'footer, header, nav, aside, [class*="footer"], [id*="footer"], [class*="comment"], [id*="comment"], [class~="menu"], [class*="related"], [class*="box-category"]';

const MAX_DEPTH = 400;
const VOID = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'source',
  'track',
  'wbr',
]);
const WRAPPERS =
  /<\/?(?:div|span|section|font|center|b|i|u|em|strong|small|big|table|tbody|thead|tr|td|th|ul|ol|li)\b[^>]*>/gi;

/**
 * Hostile pages nest elements tens of thousands deep, which makes every selector walk a huge spine. Past
 * MAX_DEPTH the wrapper tags are dropped (their text stays), so extraction stays linear.
 */
export function limitNesting(html: string): string {
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const tag = m[2]!.toLowerCase();
    if (VOID.has(tag) || m[3]) continue;
    depth += m[1] ? -1 : 1;
    if (depth > max) max = depth;
    if (max > MAX_DEPTH) return html.replace(WRAPPERS, ' ');
  }
  return html;
}

export interface ExtractOptions {
  selectors?: Selectors;
  maxTextChars?: number;
}

/** Title, lead, main text, author, time and canonical URL of an article page. Pure: HTML in, fields out. */
export function extractArticle(html: string, url: string, options: ExtractOptions = {}): Article {
  const $ = load(limitNesting(html));
  const sel = options.selectors;
  const ld = jsonLdArticle($);
  const meta = (q: string) => $(q).first().attr('content')?.trim() || undefined;

  const title = clean(
    (sel?.title && $(sel.title).first().text()) ||
      (typeof ld?.headline === 'string' ? ld.headline : '') ||
      meta('meta[property="og:title"]') ||
      $('h1').first().text() ||
      $(KNOWN_TITLES).first().text() ||
      // <title> usually ends with the site's name: "Tiêu đề - Báo X".
      $('title')
        .text()
        .replace(/\s+[-|–]\s+[^-|–]{2,60}$/, ''),
  );
  const lead = clean(
    (sel?.lead && $(sel.lead).first().text()) ||
      meta('meta[property="og:description"]') ||
      meta('meta[name="description"]') ||
      (typeof ld?.description === 'string' ? ld.description : ''),
  );
  const timeText =
    (typeof ld?.datePublished === 'string' ? ld.datePublished : undefined) ??
    meta('meta[property="article:published_time"]') ??
    meta('meta[name="pubdate"]') ??
    meta('meta[itemprop="datePublished"]') ??
    $('[itemprop="datePublished"]').first().attr('datetime') ??
    (sel?.time ? ($(sel.time).first().attr('datetime') ?? $(sel.time).first().text()) : undefined) ??
    $('time[datetime]').first().attr('datetime') ??
    $(DATE_ELEMENTS)
      .toArray()
      .map((el) => $(el).text())
      .find((t) => parseVietnameseDate(t) !== undefined);
  const author = clean(
    authorOf(ld) ||
      (sel?.author && $(sel.author).first().text()) ||
      meta('meta[name="author"]') ||
      $('[rel="author"], .author, .article__author').first().text(),
  );
  const canonical = absolute($('link[rel="canonical"]').attr('href') ?? meta('meta[property="og:url"]'), url);

  let text = mainText($, sel);
  if (lead && text.startsWith(lead)) text = text.slice(lead.length).trim();
  const max = options.maxTextChars ?? 100_000;
  return {
    url,
    canonicalUrl: canonical,
    kind: 'news',
    title,
    lead,
    text: text.length > max ? text.slice(0, max) : text,
    author: author || null,
    publishedAt: parseVietnameseDate(timeText) ?? null,
    lang: ($('html').attr('lang') ?? 'vi').slice(0, 2).toLowerCase(),
    engagement: {},
  };
}

function jsonLdArticle($: CheerioAPI): Record<string, unknown> | undefined {
  for (const el of $('script[type="application/ld+json"]').toArray()) {
    try {
      const data = JSON.parse($(el).text());
      const items: unknown[] = Array.isArray(data) ? data : data?.['@graph'] ? data['@graph'] : [data];
      const found = items.find((i) => {
        const type = (i as Record<string, unknown>)?.['@type'];
        const types = Array.isArray(type) ? type : [type];
        return types.some(
          (t) => typeof t === 'string' && /Article|NewsArticle|BlogPosting|ReportageNewsArticle/.test(t),
        );
      });
      if (found) return found as Record<string, unknown>;
    } catch {
      // Broken JSON-LD is common; fall back to other metadata.
    }
  }
  return undefined;
}

function authorOf(ld: Record<string, unknown> | undefined): string {
  const a = ld?.author;
  const first = Array.isArray(a) ? a[0] : a;
  if (typeof first === 'string') return first;
  if (first && typeof first === 'object' && typeof (first as { name?: unknown }).name === 'string')
    return (first as { name: string }).name;
  return '';
}

/** The configured body, else the container whose paragraphs hold the most text with the fewest links. */
function mainText($: CheerioAPI, sel: Selectors | undefined): string {
  if (sel?.remove?.length) $(sel.remove.join(',')).remove();
  const configured = sel?.body ? $(sel.body).first() : undefined;
  const known = $(KNOWN_BODIES)
    .toArray()
    .find((el) => $(el).text().trim().length >= 150 && !$(el).closest(NOT_CONTENT).length);
  const root = configured?.length ? configured : known ? $(known) : bestContainer($);
  if (!root) return '';
  root.find(BOILERPLATE).remove();
  const blocks = root
    .find('p, h2, h3, li, blockquote')
    .toArray()
    .filter((el) => !$(el).parents('p, li, blockquote').length)
    .map((el) => clean($(el).text()))
    .filter((t) => t.length > 0);
  const all = clean(root.text());
  // Bodies written with <br><br> instead of paragraphs: split the text at the line breaks.
  if (blocks.join(' ').length < all.length * 0.6) {
    root.find('br').replaceWith('\n');
    root.find('p, div, h2, h3, li, blockquote, table, tr').each((_, el) => {
      $(el).append('\n');
    });
    return root
      .text()
      .split(/\n+/)
      .map((line) => clean(line))
      .filter((line) => line.length > 0)
      .join('\n\n');
  }
  return (blocks.length > 0 ? blocks : [all]).join('\n\n');
}

function bestContainer($: CheerioAPI) {
  let best: { el: Element; score: number } | undefined;
  const candidates = $('article, [itemprop="articleBody"], main, div, section, td, body').toArray();
  for (const el of candidates) {
    const node = $(el);
    const paragraphs = node.children('p');
    // Text directly in the container counts too: bodies written with <br> line breaks have no <p>.
    const direct = node
      .contents()
      .toArray()
      .filter((c) => c.type === 'text')
      .reduce((n, c) => n + ($(c).text().trim().length > 30 ? $(c).text().trim().length : 0), 0);
    if (paragraphs.length === 0 && direct === 0) continue;
    // Walk up only for the few candidates holding text: on a deeply nested page every div is a candidate.
    if (node.closest(NOT_CONTENT).length) continue;
    let textLen = direct;
    let linkLen = 0;
    paragraphs.each((_, p) => {
      textLen += $(p).text().trim().length;
      linkLen += $(p).find('a').text().length;
    });
    const score =
      textLen * (1 - linkLen / Math.max(textLen, 1)) +
      paragraphs.length * 20 +
      node.children('br').length * 10;
    if (!best || score > best.score) best = { el, score };
  }
  return best ? $(best.el) : undefined;
}

function clean(s: string | undefined): string {
  return (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}
