import { json, type Queryable } from '../db.ts';
import { OPEN_STATES } from './incidents.ts';

/** The read side of the dashboard (issue 7): the Tin bài search and the Tổng quan figures. */

export type Sentiment = 'positive' | 'neutral' | 'negative';
export type Scope = 'province' | 'national' | 'other-province' | 'none';

export interface MentionFilters {
  /**
   * Accent-insensitive full text over title, lead and text: "hoc phi" and "học phí" find the same items. The
   * words are a phrase: every pair of neighbouring syllables must appear as neighbours ("phi hoc" is not "hoc
   * phi"); with double quotes, each quoted part is a phrase and all parts must appear ("hoc phi" "lao cai").
   */
  q?: string;
  /** Published (else fetched) at or after. */
  from?: Date;
  /** Published (else fetched) before (exclusive). */
  to?: Date;
  /** Any of these topic lines. */
  topics?: string[];
  sentiment?: Sentiment;
  /** One scope or any of several. */
  scope?: Scope | Scope[];
  /** Any of these risks. */
  risks?: string[];
  outlet?: string;
  sourceKind?: 'news' | 'social';
  /** Only items about education (true) or not (false); all when absent. */
  education?: boolean;
  /** Only items that belong to an incident routed to this department (a department user's view). */
  department?: string;
}

export interface PageRequest {
  /** 1-based. */
  page: number;
  perPage: number;
}

export interface MentionItem {
  id: number;
  title: string;
  url: string;
  outlet: string;
  kind: 'news' | 'social';
  /** Published time, else the time it was fetched. */
  publishedAt: Date;
  education: boolean;
  sentiment: Sentiment;
  scope: Scope;
  topics: string[];
  risks: string[];
  storyId: number;
  /** Outlets that carried the story (this item's included). */
  storyOutlets: string[];
  storyOutletCount: number;
  storyDocCount: number;
  /** Incidents of this item and of the other copies in its story. */
  incidentIds: number[];
}

export interface MentionPage {
  items: MentionItem[];
  /** Matching items: exact when totalExact, else the planner's estimate (at least COUNT_CAP). */
  total: number;
  totalExact: boolean;
  page: number;
  perPage: number;
}

/**
 * Counting beyond this many matches costs more than the page itself (tens of milliseconds per thousand on the
 * benchmark machine when the filters are not selective); past it the total is the planner's estimate.
 */
export const COUNT_CAP = 1_000;
/** A text query matching fewer items than this is looked up in the search index first. */
const RARE_TEXT = 5_000;
/** A text query the planner expects this many items to match is common: walk newest first. */
const COMMON_TEXT = 20_000;
export const MAX_PER_PAGE = 200;

const AT = 'COALESCE(d.published_at, d.fetched_at)';

/** As search_fold() and search_words() in SQL (0006_search.sql): accent-free, lower-case words. */
export function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Words longer than this are not indexed (a pasted blob, a long number; as search_terms() in 0008_search_terms.sql). */
const MAX_SEARCH_WORD = 64;
/** Only the first characters of a document are indexed (a tsvector has at most 1 MB). */
const MAX_SEARCH_CHARS = 200_000;

/**
 * A document's search column as a tsvector literal, computed by the storing process: each syllable and each
 * pair of neighbouring syllables of title, lead and text, the same terms as search_terms() in SQL (tested equal
 * on both backends), which PostgreSQL would otherwise spend ~1.5 ms of CPU on per article.
 */
export function searchVector(title: string, lead: string, text: string): string {
  let all = `${title} ${lead} ${text}`;
  // left(t, 200000) counts characters (code points), not UTF-16 units.
  if (all.length > MAX_SEARCH_CHARS) all = Array.from(all).slice(0, MAX_SEARCH_CHARS).join('');
  const words = searchWords(all).filter((w) => w.length <= MAX_SEARCH_WORD);
  const terms = new Set(words);
  for (let i = 0; i + 1 < words.length; i++) terms.add(`${words[i]} ${words[i + 1]}`);
  // Terms are letters, digits and one space: quoting needs no escapes.
  return [...terms].map((t) => `'${t}'`).join(' ');
}

/**
 * The tsquery of a search: each double-quoted part, and the rest, is a phrase; a phrase of one syllable is that
 * syllable, a longer one all its neighbouring pairs ("hoc phi tang" → 'hoc phi' & 'phi tang'), the terms the
 * search column holds (search_terms() in 0006_search.sql). Undefined for a blank query (no text filter), '' for
 * one with no letters or digits (matches nothing).
 */
export function searchQuery(q: string): string | undefined {
  if (!q.trim()) return undefined;
  const quoted = [...q.matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  const phrases = [...quoted, q.replace(/"[^"]*"/g, ' ')].map(searchWords).filter((w) => w.length > 0);
  const terms = new Set<string>();
  for (const w of phrases) {
    if (w.length === 1) terms.add(w[0]!);
    for (let i = 0; i + 1 < w.length; i++) terms.add(`${w[i]} ${w[i + 1]}`);
  }
  return [...terms].map((t) => `'${t}'`).join(' & ');
}

/** A PostgreSQL array literal of strings, sent as one text parameter (the same on both backends). */
const textArray = (xs: string[]) => `{${xs.map((x) => `"${x.replace(/["\\]/g, '\\$&')}"`).join(',')}}`;

/**
 * The WHERE clause and its parameters. Labels, time, outlet and kind are read from the classification (c), which
 * carries a copy of its document's (0006_search_mentions.sql); only the text query needs the document (d).
 */
function where(f: MentionFilters, params: unknown[]): { conds: string[]; text: string | undefined } {
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const conds: string[] = [];
  const terms = f.q === undefined ? undefined : searchQuery(f.q);
  const text = terms === undefined ? undefined : terms ? `d.search @@ ${p(terms)}::tsquery` : 'false';
  if (f.from) conds.push(`c.at >= ${p(f.from)}`);
  if (f.to) conds.push(`c.at < ${p(f.to)}`);
  if (f.topics?.length) conds.push(`c.topics ?| ${p(textArray(f.topics))}::text[]`);
  if (f.risks?.length) conds.push(`c.risks ?| ${p(textArray(f.risks))}::text[]`);
  if (f.sentiment) conds.push(`c.sentiment = ${p(f.sentiment)}`);
  if (f.scope !== undefined) {
    const scopes = Array.isArray(f.scope) ? f.scope : [f.scope];
    if (scopes.length === 1) conds.push(`c.scope = ${p(scopes[0])}`);
    else conds.push(`c.scope = ANY(${p(textArray(scopes))}::text[])`);
  }
  if (f.outlet) conds.push(`c.outlet = ${p(f.outlet)}`);
  if (f.sourceKind) conds.push(`c.kind = ${p(f.sourceKind)}`);
  if (f.education !== undefined) conds.push(`c.education = ${p(f.education)}`);
  if (f.department)
    conds.push(
      `c.document_id IN (SELECT m.document_id FROM incident_mentions m JOIN incidents i ON i.id = m.incident_id
                         WHERE i.department = ${p(f.department)})`,
    );
  return { conds, text };
}

const whereSql = (conds: string[]) => (conds.length ? `WHERE ${conds.join(' AND ')}` : '');

interface ItemRow {
  id: number;
  title: string;
  url: string;
  outlet: string;
  kind: 'news' | 'social';
  at: Date;
  education: boolean;
  sentiment: Sentiment;
  scope: Scope;
  topics: string[];
  risks: string[];
  story_id: number;
  story_outlets: string[];
  story_doc_count: number;
  incident_ids: number[];
}

/** One page of matching mentions, newest first, with their stories and incidents. */
export async function searchMentions(
  db: Queryable,
  filters: MentionFilters,
  page: PageRequest,
  /** countCap: see COUNT_CAP; rareText: see RARE_TEXT (tests set them low to take every path). */
  opts: { countCap?: number; rareText?: number } = {},
): Promise<MentionPage> {
  const rare = opts.rareText ?? RARE_TEXT;
  const cap = Math.max(1, Math.floor(opts.countCap ?? COUNT_CAP));
  const perPage = Math.min(MAX_PER_PAGE, Math.max(1, Math.floor(page.perPage) || 20));
  const pageNo = Math.max(1, Math.floor(page.page) || 1);
  const params: unknown[] = [];
  const cond = where(filters, params);
  // Three shapes. Without text: the classifications alone (their covering index in time order). With text
  // that few items match (fewer than RARE_TEXT, found by a capped probe of the GIN index): those items first,
  // then the filters and the order. With common text: walk newest first and check the text per item; the
  // planner, left alone, misjudges rare pairs of syllables (it may walk a year of items to find four).
  let prefix = '';
  let from = 'FROM classifications c';
  let conds = cond.conds;
  let walk = false;
  if (cond.text) {
    // The planner's estimate is right for common terms (they are in its statistics) and says little about
    // others; those are counted in the index, up to `rare`.
    const textParams = params.slice(0, cond.text.includes('$1') ? 1 : 0);
    const probeSql = `SELECT 1 FROM documents d WHERE ${cond.text}`;
    walk = (await planRows(db, probeSql, textParams)) >= COMMON_TEXT;
    if (!walk) {
      const [probe] = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (${probeSql} LIMIT ${Math.max(0, Math.floor(rare))}) x`,
        textParams,
      );
      walk = (probe?.n ?? 0) >= rare;
    }
    if (walk) {
      from = 'FROM classifications c JOIN documents d ON d.id = c.document_id';
      conds = [cond.text, ...conds];
    } else {
      prefix = `t AS MATERIALIZED (SELECT d.id FROM documents d WHERE ${cond.text}),`;
      // One primary-key lookup per match (OFFSET 0 keeps the planner from hashing months of classifications).
      from =
        'FROM t CROSS JOIN LATERAL (SELECT * FROM classifications x WHERE x.document_id = t.id OFFSET 0) c';
    }
  }
  const filter = whereSql(conds);
  const n = params.length;
  // The page is chosen on the narrow rows first; only its items are read in full. The page and the capped
  // count run concurrently on a server pool.
  const [rows, [count]] = await Promise.all([
    db.query<ItemRow>(
      `WITH ${prefix} hit AS (
       SELECT c.document_id, c.at ${from} ${filter}
       ORDER BY c.at DESC, c.document_id DESC LIMIT $${n + 1} OFFSET $${n + 2})
     SELECT d.id, d.title, d.url, d.outlet, d.kind, ${AT} AS at, d.story_id,
            c.education, c.sentiment, c.scope, c.topics, c.risks,
            s.outlets AS story_outlets, s.doc_count AS story_doc_count,
            COALESCE((SELECT jsonb_agg(DISTINCT m.incident_id ORDER BY m.incident_id)
                      FROM documents o JOIN incident_mentions m ON m.document_id = o.id
                      WHERE o.story_id = d.story_id), '[]'::jsonb) AS incident_ids
     FROM hit JOIN documents d ON d.id = hit.document_id
       JOIN classifications c ON c.document_id = hit.document_id
       JOIN stories s ON s.id = d.story_id
     ORDER BY hit.at DESC, hit.document_id DESC`,
      [...params, perPage, (pageNo - 1) * perPage],
    ),
    // Walking for common text, counting would check the text of every item up to the cap: not counted.
    walk
      ? Promise.resolve([{ n: cap }])
      : db.query<{ n: number }>(
          `${prefix ? `WITH ${prefix.slice(0, -1)}` : ''}
           SELECT count(*)::int AS n FROM (SELECT 1 ${from} ${filter} LIMIT ${cap}) x`,
          params,
        ),
  ]);
  const offset = (pageNo - 1) * perPage;
  // A short page is the last one: its end is the exact total.
  const last = rows.length < perPage && (rows.length > 0 || pageNo === 1);
  const capped = (count?.n ?? 0) >= cap && !last;
  return {
    items: rows.map((r) => ({
      id: r.id,
      title: r.title,
      url: r.url,
      outlet: r.outlet,
      kind: r.kind,
      publishedAt: r.at,
      education: r.education,
      sentiment: r.sentiment,
      scope: r.scope,
      topics: r.topics,
      risks: r.risks,
      storyId: r.story_id,
      storyOutlets: r.story_outlets,
      storyOutletCount: r.story_outlets.length,
      storyDocCount: r.story_doc_count,
      incidentIds: r.incident_ids,
    })),
    total: capped
      ? await estimate(
          db,
          `${prefix ? `WITH ${prefix.slice(0, -1)}` : ''} SELECT 1 ${from} ${filter}`,
          params,
          cap,
        )
      : last
        ? offset + rows.length
        : (count?.n ?? 0),
    totalExact: !capped,
    page: pageNo,
    perPage,
  };
}

/** The planner's row estimate of a query. */
async function planRows(db: Queryable, sql: string, params: unknown[]): Promise<number> {
  const rows = await db.query<Record<string, unknown>>(`EXPLAIN (FORMAT JSON) ${sql}`, params);
  const plan = Object.values(rows[0] ?? {})[0];
  const parsed = (typeof plan === 'string' ? JSON.parse(plan) : plan) as {
    Plan?: { 'Plan Rows'?: number };
  }[];
  return Math.round(parsed?.[0]?.Plan?.['Plan Rows'] ?? 0);
}

/** The planner's row estimate of a query, never below the cap (at least that many were counted). */
async function estimate(db: Queryable, sql: string, params: unknown[], cap: number): Promise<number> {
  return Math.max(cap, await planRows(db, sql, params));
}

// ---------------------------------------------------------------------------------------------------------
// Tổng quan

/** Vietnam has used UTC+7 without daylight saving since 1975. */
const VN_OFFSET = 7 * 3600_000;
const DAY = 86_400_000;

/** The Vietnam calendar day "YYYY-MM-DD" of an instant and the instant that day starts. */
function vnDay(at: Date): { day: string; start: Date } {
  const local = at.getTime() + VN_OFFSET;
  const startLocal = local - (((local % DAY) + DAY) % DAY);
  return { day: new Date(startLocal).toISOString().slice(0, 10), start: new Date(startLocal - VN_OFFSET) };
}

export interface DayFigures {
  /** Classified items. */
  items: number;
  /** Of them, about education. */
  relevant: number;
  /** Relevant and negative. */
  negative: number;
  /** negative / relevant (0 when nothing is relevant). */
  negativeShare: number;
}

export interface TrendDay {
  /** "YYYY-MM-DD", Vietnam time. */
  day: string;
  items: number;
  relevant: number;
  negative: number;
}

export interface OpenIncident {
  id: number;
  title: string;
  level: string;
  state: string;
  department: string;
  mentionCount: number;
  lastSeenAt: Date;
  factsDueAt: Date | null;
  statementDueAt: Date | null;
  /** The earliest unmet due time: verified facts, the statement, or an open press request. */
  nextDeadline: { kind: 'facts' | 'statement' | 'press-request'; at: Date } | null;
}

export interface Overview {
  /** Today, "YYYY-MM-DD" in Asia/Ho_Chi_Minh. */
  day: string;
  now: Date;
  /** From today's midnight (Vietnam) to now. */
  today: DayFigures;
  /** The whole of yesterday. */
  yesterday: DayFigures;
  /** Yesterday from midnight to the same time of day as now: what today's figures are compared with. */
  yesterdaySoFar: DayFigures;
  /** Today against yesterday at the same time of day (items, relevant: counts; negativeShare: points). */
  change: { items: number; relevant: number; negativeShare: number };
  /** One entry per day, oldest first, ending today. */
  trend: TrendDay[];
  incidents: OpenIncident[];
}

export interface OverviewOptions {
  /** Only this province's incidents (all when absent). */
  province?: string;
  /** Days of the trend, today included (default 30). */
  days?: number;
}

const COUNTS = `count(*)::int AS items, count(*) FILTER (WHERE c.education)::int AS relevant,
  count(*) FILTER (WHERE c.education AND c.sentiment = 'negative')::int AS negative`;

const figures = (r: { items: number; relevant: number; negative: number } | undefined): DayFigures => {
  const items = r?.items ?? 0;
  const relevant = r?.relevant ?? 0;
  const negative = r?.negative ?? 0;
  return { items, relevant, negative, negativeShare: relevant ? negative / relevant : 0 };
};

/** Today's figures against yesterday, the trend per day, and the open incidents with their next due time. */
export async function overview(db: Queryable, now: Date, opts: OverviewOptions = {}): Promise<Overview> {
  const days = Math.max(2, opts.days ?? 30);
  const { day, start } = vnDay(now);
  const yStart = new Date(start.getTime() - DAY);
  const ySame = new Date(now.getTime() - DAY);
  const trendStart = new Date(start.getTime() - (days - 1) * DAY);
  // Day numbers since the epoch in Vietnam time, in floating point: cheaper per row than formatting a date or
  // numeric arithmetic (extract() returns numeric).
  const trendRows = db.query<{ dayno: number; items: number; relevant: number; negative: number }>(
    `SELECT floor((date_part('epoch', c.at) + ${VN_OFFSET / 1000}) / 86400)::int AS dayno, ${COUNTS}
     FROM classifications c WHERE c.at >= $1 AND c.at <= $2
     GROUP BY 1`,
    [trendStart, now],
  );
  const sameTime = db.query<{ items: number; relevant: number; negative: number }>(
    `SELECT ${COUNTS} FROM classifications c WHERE c.at >= $1 AND c.at <= $2`,
    [yStart, ySame],
  );
  // Concurrent on a server pool (PGlite runs them one after the other).
  const [rows, [ys], incidents] = await Promise.all([
    trendRows,
    sameTime,
    openIncidents(db, now, opts.province),
  ]);
  const byDay = new Map(rows.map((r) => [new Date(r.dayno * DAY).toISOString().slice(0, 10), r]));
  const trend: TrendDay[] = [];
  for (let i = 0; i < days; i++) {
    const d = vnDay(new Date(trendStart.getTime() + i * DAY + VN_OFFSET)).day;
    const r = byDay.get(d);
    trend.push({ day: d, items: r?.items ?? 0, relevant: r?.relevant ?? 0, negative: r?.negative ?? 0 });
  }
  const today = figures(byDay.get(day));
  const yesterday = figures(byDay.get(vnDay(yStart).day));
  const yesterdaySoFar = figures(ys);
  return {
    day,
    now,
    today,
    yesterday,
    yesterdaySoFar,
    change: {
      items: today.items - yesterdaySoFar.items,
      relevant: today.relevant - yesterdaySoFar.relevant,
      negativeShare: today.negativeShare - yesterdaySoFar.negativeShare,
    },
    trend,
    incidents,
  };
}

interface IncidentItemRow {
  id: number;
  title: string;
  level: string;
  state: string;
  department: string;
  mention_count: number;
  last_seen_at: Date;
  facts_due: Date | null;
  statement_due: Date | null;
  press_due: Date | null;
}

async function openIncidents(db: Queryable, _now: Date, province?: string): Promise<OpenIncident[]> {
  const rows = await db.query<IncidentItemRow>(
    `SELECT i.id, i.title, i.level, i.state, i.department, i.mention_count, i.last_seen_at,
            CASE WHEN i.facts_at IS NULL AND i.statement_at IS NULL THEN i.facts_due_at END AS facts_due,
            CASE WHEN i.statement_at IS NULL THEN i.statement_due_at END AS statement_due,
            (SELECT min(p.due_at) FROM press_requests p WHERE p.incident_id = i.id AND p.state = 'open') AS press_due
     FROM incidents i
     WHERE i.state IN (SELECT jsonb_array_elements_text($1::jsonb)) AND ($2::text IS NULL OR i.province = $2)
     ORDER BY i.id`,
    [json(OPEN_STATES), province ?? null],
  );
  const items = rows.map((r) => {
    const due = (
      [
        ['facts', r.facts_due],
        ['statement', r.statement_due],
        ['press-request', r.press_due],
      ] as const
    )
      .filter((x): x is readonly ['facts' | 'statement' | 'press-request', Date] => x[1] !== null)
      .sort((a, b) => a[1].getTime() - b[1].getTime())[0];
    return {
      id: r.id,
      title: r.title,
      level: r.level,
      state: r.state,
      department: r.department,
      mentionCount: r.mention_count,
      lastSeenAt: r.last_seen_at,
      factsDueAt: r.facts_due,
      statementDueAt: r.statement_due,
      nextDeadline: due ? { kind: due[0], at: due[1] } : null,
    };
  });
  // Most urgent first; incidents without a pending due time last, newest activity first.
  return items.sort(
    (a, b) =>
      (a.nextDeadline?.at.getTime() ?? Number.POSITIVE_INFINITY) -
        (b.nextDeadline?.at.getTime() ?? Number.POSITIVE_INFINITY) ||
      b.lastSeenAt.getTime() - a.lastSeenAt.getTime(),
  );
}
