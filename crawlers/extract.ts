// htmlparser2 (cheerio/slim): linear on deeply nested hostile pages, where parse5 is quadratic, and forgiving of bad markup.
import { type CheerioAPI, load } from 'cheerio/slim';
import { compile, is, selectAll, selectOne } from 'css-select';
import type { AnyNode, Document, Element } from 'domhandler';
import { isTag, isText, removeElement, textContent } from 'domutils';
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

// The fixed selectors below are compiled once: cheerio parses and compiles a selector string on every call,
// which on a news page (a query per paragraph) cost more than matching.
type Compiled = ReturnType<typeof compile<AnyNode, Element>>;
const compiled = new Map<string, Compiled>();
function query(selector: string): Compiled {
  let q = compiled.get(selector);
  if (!q) {
    q = compile<AnyNode, Element>(selector, { xmlMode: false });
    compiled.set(selector, q);
  }
  return q;
}
/** Elements below `root` (not itself) matching a fixed selector, in document order. */
const findAll = (root: AnyNode, selector: string) => selectAll<AnyNode, Element>(query(selector), root);
const findOne = (root: AnyNode, selector: string) => selectOne<AnyNode, Element>(query(selector), root);
/** The element or one of its ancestors matches (cheerio's closest). */
function closest(el: Element, selector: string): boolean {
  const q = query(selector);
  for (let e: AnyNode | null = el; e && isTag(e); e = e.parent) if (is(e, q)) return true;
  return false;
}
/** Some ancestor element is one of these tags (cheerio's parents('p, li')). */
function insideTag(el: Element, tags: Set<string>): boolean {
  for (let e = el.parent; e && isTag(e); e = e.parent) if (tags.has(e.name)) return true;
  return false;
}
const childTags = (el: Element, name: string) => el.children.filter((c) => isTag(c) && c.name === name);
const BLOCK_PARENTS = new Set(['p', 'li', 'blockquote']);

export interface ExtractOptions {
  selectors?: Selectors;
  maxTextChars?: number;
}

/** Title, lead, main text, author, time and canonical URL of an article page. Pure: HTML in, fields out. */
export function extractArticle(html: string, url: string, options: ExtractOptions = {}): Article {
  const $ = load(limitNesting(html));
  const doc = $.root()[0] as Document;
  const sel = options.selectors;
  const ld = jsonLdArticle(doc);
  const meta = (q: string) => findOne(doc, q)?.attribs.content?.trim() || undefined;
  const firstText = (q: string) => {
    const el = findOne(doc, q);
    return el ? textContent(el) : '';
  };

  const title = clean(
    (sel?.title && $(sel.title).first().text()) ||
      (typeof ld?.headline === 'string' ? ld.headline : '') ||
      meta('meta[property="og:title"]') ||
      firstText('h1') ||
      firstText(KNOWN_TITLES) ||
      // <title> usually ends with the site's name: "Tiêu đề - Báo X".
      textContent(findAll(doc, 'title')).replace(/\s+[-|–]\s+[^-|–]{2,60}$/, ''),
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
    findOne(doc, '[itemprop="datePublished"]')?.attribs.datetime ??
    (sel?.time ? ($(sel.time).first().attr('datetime') ?? $(sel.time).first().text()) : undefined) ??
    findOne(doc, 'time[datetime]')?.attribs.datetime ??
    findAll(doc, DATE_ELEMENTS)
      .map((el) => textContent(el))
      .find((t) => parseVietnameseDate(t) !== undefined);
  const author = clean(
    authorOf(ld) ||
      (sel?.author && $(sel.author).first().text()) ||
      meta('meta[name="author"]') ||
      firstText('[rel="author"], .author, .article__author'),
  );
  const canonical = absolute(
    findOne(doc, 'link[rel="canonical"]')?.attribs.href ?? meta('meta[property="og:url"]'),
    url,
  );

  let text = mainText($, doc, sel);
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
    lang: (findOne(doc, 'html')?.attribs.lang ?? 'vi').slice(0, 2).toLowerCase(),
    engagement: {},
  };
}

function jsonLdArticle(doc: Document): Record<string, unknown> | undefined {
  for (const el of findAll(doc, 'script[type="application/ld+json"]')) {
    try {
      const data = JSON.parse(textContent(el));
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
function mainText($: CheerioAPI, doc: Document, sel: Selectors | undefined): string {
  if (sel?.remove?.length) $(sel.remove.join(',')).remove();
  const configured = sel?.body ? $(sel.body).first() : undefined;
  const known = findAll(doc, KNOWN_BODIES).find(
    (el) => textContent(el).trim().length >= 150 && !closest(el, NOT_CONTENT),
  );
  const rootEl = configured?.length ? (configured[0] as Element) : (known ?? bestContainer(doc));
  if (!rootEl) return '';
  const root = $(rootEl);
  for (const el of findAll(rootEl, BOILERPLATE)) removeElement(el);
  const blocks = findAll(rootEl, 'p, h2, h3, li, blockquote')
    .filter((el) => !insideTag(el, BLOCK_PARENTS))
    .map((el) => clean(textContent(el)))
    .filter((t) => t.length > 0);
  const all = clean(textContent(rootEl));
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

function bestContainer(doc: Document): Element | undefined {
  let best: { el: Element; score: number } | undefined;
  for (const el of findAll(doc, 'article, [itemprop="articleBody"], main, div, section, td, body')) {
    const paragraphs = childTags(el, 'p');
    // Text directly in the container counts too: bodies written with <br> line breaks have no <p>.
    let direct = 0;
    for (const c of el.children) {
      if (!isText(c)) continue;
      const n = c.data.trim().length;
      if (n > 30) direct += n;
    }
    if (paragraphs.length === 0 && direct === 0) continue;
    // Walk up only for the few candidates holding text: on a deeply nested page every div is a candidate.
    if (closest(el, NOT_CONTENT)) continue;
    let textLen = direct;
    let linkLen = 0;
    for (const p of paragraphs) {
      textLen += textContent(p).trim().length;
      linkLen += textContent(findAll(p, 'a')).length;
    }
    const score =
      textLen * (1 - linkLen / Math.max(textLen, 1)) +
      paragraphs.length * 20 +
      childTags(el, 'br').length * 10;
    if (!best || score > best.score) best = { el, score };
  }
  return best?.el;
}

function clean(s: string | undefined): string {
  return (s ?? '').normalize('NFC').replace(/\s+/g, ' ').trim();
}
