import { type CheerioAPI, load } from 'cheerio';
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

export interface ExtractOptions {
  selectors?: Selectors;
  maxTextChars?: number;
}

/** Title, lead, main text, author, time and canonical URL of an article page. Pure: HTML in, fields out. */
export function extractArticle(html: string, url: string, options: ExtractOptions = {}): Article {
  const $ = load(html);
  const sel = options.selectors;
  const ld = jsonLdArticle($);
  const meta = (q: string) => $(q).first().attr('content')?.trim() || undefined;

  const title = clean(
    (sel?.title && $(sel.title).first().text()) ||
      (typeof ld?.headline === 'string' ? ld.headline : '') ||
      meta('meta[property="og:title"]') ||
      $('h1').first().text() ||
      $('title').text(),
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
    $('time[datetime]').first().attr('datetime');
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
  const root = configured?.length ? configured : bestContainer($);
  if (!root) return '';
  root.find(BOILERPLATE).remove();
  const blocks = root
    .find('p, h2, h3, li, blockquote')
    .toArray()
    .filter((el) => !$(el).parents('p, li, blockquote').length)
    .map((el) => clean($(el).text()))
    .filter((t) => t.length > 0);
  return (blocks.length > 0 ? blocks : [clean(root.text())]).join('\n\n');
}

function bestContainer($: CheerioAPI) {
  let best: { el: Element; score: number } | undefined;
  const candidates = $('article, [itemprop="articleBody"], main, div, section').toArray();
  for (const el of candidates) {
    const node = $(el);
    const paragraphs = node.children('p');
    if (paragraphs.length === 0) continue;
    let textLen = 0;
    let linkLen = 0;
    paragraphs.each((_, p) => {
      textLen += $(p).text().trim().length;
      linkLen += $(p).find('a').text().length;
    });
    const score = textLen * (1 - linkLen / Math.max(textLen, 1)) + paragraphs.length * 20;
    if (!best || score > best.score) best = { el, score };
  }
  return best ? $(best.el) : undefined;
}

function clean(s: string | undefined): string {
  return (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}
