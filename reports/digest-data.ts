import type { ProvinceConfig } from '../config/index.ts';
import { vnDate } from '../crawlers/index.ts';
import { type IncidentRow, OPEN_STATES, type Queryable } from '../store/index.ts';

export interface DigestItem {
  storyId: number;
  title: string;
  url: string;
  outlet: string;
  otherOutlets: number;
  kind: 'news' | 'social';
  publishedAt: Date;
  sentiment: 'positive' | 'neutral' | 'negative';
  scope: string;
  topics: string[];
  risks: string[];
  summary: string;
}

export interface DigestData {
  day: string;
  agency: string;
  figures: {
    items: number;
    relevant: number;
    province: number;
    negativeShare: number;
    relevantYesterday: number;
  };
  incidents: IncidentRow[];
  province: { topic: string; name: string; items: DigestItem[] }[];
  national: DigestItem[];
}

interface Row {
  id: number;
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
  sentiment: 'positive' | 'neutral' | 'negative';
  topics: string[];
  risks: string[];
}

/** Day bounds of a Vietnam calendar day "YYYY-MM-DD". */
export function dayBounds(day: string): [Date, Date] {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const start = vnDate(y, m, d);
  return [start, new Date(start.getTime() + 86400_000)];
}

/** Gathers a day's coverage: figures, open incidents, province items by topic line, national items. */
export async function digestData(db: Queryable, config: ProvinceConfig, day: string): Promise<DigestData> {
  const [start, end] = dayBounds(day);
  const rows = await db.query<Row>(
    `SELECT d.id, d.story_id, d.title, d.lead, d.text, d.url, d.outlet, d.kind, COALESCE(d.published_at, d.fetched_at) AS at,
            c.education, c.scope, c.sentiment, c.topics, c.risks
     FROM documents d JOIN classifications c ON c.document_id = d.id
     WHERE COALESCE(d.published_at, d.fetched_at) >= $1 AND COALESCE(d.published_at, d.fetched_at) < $2
     ORDER BY at, d.id`,
    [start, end],
  );
  const before = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM documents d JOIN classifications c ON c.document_id = d.id
     WHERE c.education AND COALESCE(d.published_at, d.fetched_at) >= $1 AND COALESCE(d.published_at, d.fetched_at) < $2`,
    [new Date(start.getTime() - 86400_000), start],
  );
  const incidents = await db.query<IncidentRow>(
    `SELECT * FROM incidents WHERE province = $1 AND state = ANY(SELECT jsonb_array_elements_text($2::jsonb))
       AND first_seen_at < $3 ORDER BY statement_due_at`,
    [config.province.slug, JSON.stringify(OPEN_STATES), end],
  );
  const relevant = rows.filter((r) => r.education);
  const stories = collapse(relevant);
  const topicName = new Map(config.topics.map((t) => [t.id, t.name]));
  const provinceItems = stories.filter((s) => s.scope === 'province');
  const groups = new Map<string, DigestItem[]>();
  for (const item of provinceItems) {
    const key = item.topics[0] ?? 'other';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  const order = config.topics.map((t) => t.id);
  return {
    day,
    agency: config.province.agency,
    figures: {
      items: rows.length,
      relevant: relevant.length,
      province: relevant.filter((r) => r.scope === 'province').length,
      negativeShare: relevant.length
        ? relevant.filter((r) => r.sentiment === 'negative').length / relevant.length
        : 0,
      relevantYesterday: before[0]?.n ?? 0,
    },
    incidents,
    province: [...groups.entries()]
      .sort(([a], [b]) => idx(order, a) - idx(order, b))
      .map(([topic, items]) => ({ topic, name: topicName.get(topic) ?? 'Khác', items })),
    national: stories.filter((s) => s.scope === 'national'),
  };
}

const idx = (order: string[], id: string) => (order.includes(id) ? order.indexOf(id) : order.length);

/** One entry per story: the earliest copy, with how many other outlets carried it. */
function collapse(rows: Row[]): DigestItem[] {
  const byStory = new Map<number, Row[]>();
  for (const r of rows) byStory.set(r.story_id, [...(byStory.get(r.story_id) ?? []), r]);
  return [...byStory.values()].map((copies) => {
    const first = copies[0]!;
    const outlets = new Set(copies.map((c) => c.outlet));
    return {
      storyId: first.story_id,
      title: first.title || first.text.slice(0, 120),
      url: first.url,
      outlet: first.outlet,
      otherOutlets: outlets.size - 1,
      kind: first.kind,
      publishedAt: first.at,
      sentiment: first.sentiment,
      scope: first.scope,
      topics: first.topics,
      risks: first.risks,
      summary: summarize(first.lead || first.text, 2),
    };
  });
}

/** The first sentences of a text (Vietnamese sentence ends: . ! ? … followed by a capital or a quote). */
export function summarize(text: string, sentences: number): string {
  const clean = text
    .replace(/^\([^)]{1,40}\)\s*[-–—]\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
  const parts = clean.split(/(?<=[.!?…])\s+(?=["“(]?\p{Lu})/u);
  const out = parts.slice(0, sentences).join(' ');
  return out.length > 400 ? `${out.slice(0, 397)}…` : out;
}
