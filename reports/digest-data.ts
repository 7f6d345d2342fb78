import type { ProvinceConfig } from '../config/index.ts';
import type { IncidentRow, Queryable } from '../store/index.ts';
import { dayBounds } from './dates.ts';
import { splitSentences, summarize } from './sentences.ts';

export type Sentiment = 'positive' | 'neutral' | 'negative';

export interface DigestItem {
  storyId: number;
  title: string;
  url: string;
  outlet: string;
  /** Other outlets that carried the same story up to the end of the day. */
  otherOutlets: number;
  kind: 'news' | 'social';
  publishedAt: Date;
  sentiment: Sentiment;
  scope: string;
  topics: string[];
  risks: string[];
  summary: string;
}

export interface DayFigures {
  items: number;
  relevant: number;
  province: number;
  national: number;
  negative: number;
  negativeShare: number;
}

export interface DigestData {
  day: string;
  /** The time the clocks are read at (the send time, or now). */
  at: Date;
  agency: string;
  figures: DayFigures;
  previous: DayFigures;
  incidents: IncidentRow[];
  province: { topic: string; name: string; items: DigestItem[] }[];
  national: DigestItem[];
  /** Negative items with a crisis signal in other provinces: early warning of a kind of story spreading. */
  elsewhere: DigestItem[];
}

interface Row {
  story_id: number;
  title: string;
  lead: string;
  text: string;
  url: string;
  outlet: string;
  kind: 'news' | 'social';
  at: Date;
  education: boolean;
  scope: string;
  sentiment: Sentiment;
  topics: string[];
  risks: string[];
  outlets: number;
}

const AT = 'COALESCE(d.published_at, d.fetched_at)';

async function dayFigures(db: Queryable, from: Date, to: Date): Promise<DayFigures> {
  const [r] = await db.query<Omit<DayFigures, 'negativeShare'>>(
    `SELECT count(*)::int AS items, count(*) FILTER (WHERE c.education)::int AS relevant,
            count(*) FILTER (WHERE c.education AND c.scope = 'province')::int AS province,
            count(*) FILTER (WHERE c.education AND c.scope = 'national')::int AS national,
            count(*) FILTER (WHERE c.education AND c.sentiment = 'negative')::int AS negative
     FROM documents d JOIN classifications c ON c.document_id = d.id WHERE ${AT} >= $1 AND ${AT} < $2`,
    [from, to],
  );
  const f = r ?? { items: 0, relevant: 0, province: 0, national: 0, negative: 0 };
  return { ...f, negativeShare: f.relevant ? f.negative / f.relevant : 0 };
}

/** Gathers a day's coverage: figures against the day before, live incidents, items by topic line and scope. */
export async function digestData(
  db: Queryable,
  config: ProvinceConfig,
  day: string,
  at: Date = new Date(),
): Promise<DigestData> {
  const [start, end] = dayBounds(day);
  const rows = await db.query<Row>(
    `SELECT d.story_id, d.title, d.lead, d.text, d.url, d.outlet, d.kind, ${AT} AS at,
            c.education, c.scope, c.sentiment, c.topics, c.risks,
            (SELECT count(DISTINCT o.outlet)::int FROM documents o
              WHERE o.story_id = d.story_id AND COALESCE(o.published_at, o.fetched_at) < $2) AS outlets
     FROM documents d JOIN classifications c ON c.document_id = d.id
     WHERE ${AT} >= $1 AND ${AT} < $2 AND c.education AND c.scope IN ('province', 'national', 'other-province')
     ORDER BY at, d.id`,
    [start, end],
  );
  const incidents = await db.query<IncidentRow>(
    `SELECT * FROM incidents WHERE province = $1 AND state <> 'dismissed' AND first_seen_at < $2
       AND (closed_at IS NULL OR closed_at >= $2) ORDER BY statement_due_at, id`,
    [config.province.slug, end],
  );
  const stories = collapse(rows);
  const topicName = new Map(config.topics.map((t) => [t.id, t.name]));
  const groups = new Map<string, DigestItem[]>();
  for (const item of stories.filter((s) => s.scope === 'province')) {
    const key = item.topics[0] ?? 'other';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const order = config.topics.map((t) => t.id);
  const idx = (id: string) => (order.includes(id) ? order.indexOf(id) : order.length);
  return {
    day,
    at,
    agency: config.province.agency,
    figures: await dayFigures(db, start, end),
    previous: await dayFigures(db, new Date(start.getTime() - 86400_000), start),
    incidents,
    province: [...groups.entries()]
      .sort(([a], [b]) => idx(a) - idx(b))
      .map(([topic, items]) => ({ topic, name: topicName.get(topic) ?? 'Chủ đề khác', items: rank(items) })),
    national: rank(stories.filter((s) => s.scope === 'national')),
    elsewhere: rank(
      stories.filter((s) => s.scope === 'other-province' && s.sentiment === 'negative' && s.risks.length > 0),
    ).slice(0, 5),
  };
}

/** Most important first: crisis signals, then negative coverage, then the most widely carried, then time. */
function rank(items: DigestItem[]): DigestItem[] {
  const weight = (i: DigestItem) => (i.risks.length > 0 ? 2 : 0) + (i.sentiment === 'negative' ? 1 : 0);
  return [...items].sort(
    (a, b) =>
      weight(b) - weight(a) ||
      b.otherOutlets - a.otherOutlets ||
      a.publishedAt.getTime() - b.publishedAt.getTime(),
  );
}

/** One entry per story: its earliest copy of the day, with how many other outlets carried it. */
function collapse(rows: Row[]): DigestItem[] {
  const byStory = new Map<number, Row[]>();
  for (const r of rows) byStory.set(r.story_id, [...(byStory.get(r.story_id) ?? []), r]);
  return [...byStory.values()].map((copies) => {
    const first = copies.find((c) => c.kind === 'news') ?? copies[0]!;
    const outlets = Math.max(first.outlets, new Set(copies.map((c) => c.outlet)).size);
    const negative = copies.some((c) => c.sentiment === 'negative');
    return {
      storyId: first.story_id,
      title: first.title || summarize(first.text, 1, 120),
      url: first.url,
      outlet: first.outlet,
      otherOutlets: outlets - 1,
      kind: first.kind,
      publishedAt: first.at,
      sentiment: negative ? 'negative' : first.sentiment,
      scope: first.scope,
      topics: first.topics,
      risks: [...new Set(copies.flatMap((c) => c.risks))],
      // A post without a title shows its first sentence as the title; the summary goes on from there.
      summary: first.title
        ? summarize(first.lead || first.text, 2)
        : summarize(splitSentences(first.text).slice(1).join(' '), 2),
    };
  });
}
