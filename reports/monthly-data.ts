import type { ProvinceConfig } from '../config/index.ts';
import type { CorrectionRow, IncidentRow, PressRequestRow, Queryable, StatementRow } from '../store/index.ts';
import { type Month, monthOf, nextMonth, previousMonth } from './dates.ts';
import type { Sentiment } from './digest-data.ts';
import type { ReportScope } from './scope.ts';

export interface PeriodFigures {
  items: number;
  relevant: number;
  /** Mentions about the report's scope (the province, or one unit in it): what the report is about. */
  own: number;
  national: number;
  otherProvince: number;
  news: number;
  social: number;
  positive: number;
  neutral: number;
  negative: number;
  outlets: number;
  stories: number;
}

export interface TopicFigures {
  topic: string;
  name: string;
  total: number;
  previous: number;
  positive: number;
  neutral: number;
  negative: number;
}

export interface NotableStory {
  title: string;
  url: string;
  outlet: string;
  outlets: number;
  at: Date;
}

export interface IncidentRecord {
  incident: IncidentRow;
  statements: StatementRow[];
  pressRequests: PressRequestRow[];
  corrections: CorrectionRow[];
}

export interface MonthlyData {
  month: Month;
  previousMonth: Month;
  nextMonth: Month;
  scope: ReportScope;
  current: PeriodFigures;
  previous: PeriodFigures;
  /** Own mentions per day of the month, by sentiment. */
  perDay: { day: number; positive: number; neutral: number; negative: number }[];
  topics: TopicFigures[];
  risks: { risk: string; name: string; current: number; previous: number }[];
  outlets: { outlet: string; count: number; negative: number }[];
  /** Mentions per unit (commune or ward named): the roll-up of the units' own reports. */
  units: { unit: string; count: number; negative: number }[];
  positiveStories: NotableStory[];
  incidents: IncidentRecord[];
  dismissed: number;
  /** Topic lines a year before the next month: what recurs. */
  lastYearNext: { topic: string; count: number }[];
}

const AT = 'COALESCE(d.published_at, d.fetched_at)';

/** The month's mentions joined to their labels, limited to the scope; $1 from, $2 to, $3 unit or null. */
const BASE = `SELECT d.id, d.story_id, d.outlet, d.kind, d.title, d.url, ${AT} AS at, c.education, c.scope, c.sentiment,
    c.topics, c.risks, c.places,
    (c.education AND c.scope = 'province' AND ($3::text IS NULL OR c.places ? $3::text)) AS own
  FROM documents d JOIN classifications c ON c.document_id = d.id WHERE ${AT} >= $1 AND ${AT} < $2`;

const ZERO: PeriodFigures = {
  items: 0,
  relevant: 0,
  own: 0,
  national: 0,
  otherProvince: 0,
  news: 0,
  social: 0,
  positive: 0,
  neutral: 0,
  negative: 0,
  outlets: 0,
  stories: 0,
};

/** Gathers everything the monthly report says, with aggregates computed in the database. */
export async function monthlyData(
  db: Queryable,
  config: ProvinceConfig,
  monthId: string,
  scope: ReportScope,
): Promise<MonthlyData> {
  const month = monthOf(monthId);
  const prev = previousMonth(month);
  const unit = scope.kind === 'unit' ? scope.place : null;
  const two = [prev.from, month.to, unit, month.from];
  const cur = [month.from, month.to, unit];

  const figures = await db.query<PeriodFigures & { cur: boolean }>(
    `WITH m AS (${BASE})
     SELECT at >= $4 AS cur, count(*)::int AS items, count(*) FILTER (WHERE education)::int AS relevant,
       count(*) FILTER (WHERE own)::int AS own,
       count(*) FILTER (WHERE education AND scope = 'national')::int AS national,
       count(*) FILTER (WHERE education AND scope = 'other-province')::int AS "otherProvince",
       count(*) FILTER (WHERE own AND kind = 'news')::int AS news, count(*) FILTER (WHERE own AND kind = 'social')::int AS social,
       count(*) FILTER (WHERE own AND sentiment = 'positive')::int AS positive,
       count(*) FILTER (WHERE own AND sentiment = 'neutral')::int AS neutral,
       count(*) FILTER (WHERE own AND sentiment = 'negative')::int AS negative,
       count(DISTINCT outlet) FILTER (WHERE own)::int AS outlets, count(DISTINCT story_id) FILTER (WHERE own)::int AS stories
     FROM m GROUP BY 1`,
    two,
  );
  const perDayRows = await db.query<{ day: number; sentiment: Sentiment; n: number }>(
    `WITH m AS (${BASE}) SELECT extract(day FROM at AT TIME ZONE 'Asia/Ho_Chi_Minh')::int AS day, sentiment,
       count(*)::int AS n FROM m WHERE own GROUP BY 1, 2`,
    cur,
  );
  const topicRows = await db.query<{ topic: string; cur: boolean; sentiment: Sentiment; n: number }>(
    `WITH m AS (${BASE}) SELECT t.topic, at >= $4 AS cur, sentiment, count(*)::int AS n
     FROM m, jsonb_array_elements_text(topics) AS t(topic) WHERE own GROUP BY 1, 2, 3`,
    two,
  );
  const riskRows = await db.query<{ risk: string; cur: boolean; n: number }>(
    `WITH m AS (${BASE}) SELECT r.risk, at >= $4 AS cur, count(*)::int AS n
     FROM m, jsonb_array_elements_text(risks) AS r(risk) WHERE own GROUP BY 1, 2`,
    two,
  );
  const outlets = await db.query<{ outlet: string; count: number; negative: number }>(
    `WITH m AS (${BASE}) SELECT outlet, count(*)::int AS count, count(*) FILTER (WHERE sentiment = 'negative')::int AS negative
     FROM m WHERE own GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 10`,
    cur,
  );
  const units = await db.query<{ unit: string; count: number; negative: number }>(
    `WITH m AS (${BASE}) SELECT p.unit, count(*)::int AS count, count(*) FILTER (WHERE sentiment = 'negative')::int AS negative
     FROM m, jsonb_array_elements_text(places) AS p(unit) WHERE own GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20`,
    cur,
  );
  const positiveStories = await db.query<NotableStory>(
    `WITH m AS (${BASE}), s AS (
       SELECT story_id, count(DISTINCT outlet)::int AS outlets, min(at) AS at,
         (array_agg(title ORDER BY kind, at, id))[1] AS title, (array_agg(url ORDER BY kind, at, id))[1] AS url,
         (array_agg(outlet ORDER BY kind, at, id))[1] AS outlet
       FROM m WHERE own AND sentiment = 'positive' GROUP BY story_id)
     SELECT title, url, outlet, outlets, at FROM s ORDER BY outlets DESC, at LIMIT 5`,
    cur,
  );
  const next = nextMonth(month);
  const lastYear = monthOf(`${next.year - 1}-${String(next.month).padStart(2, '0')}`);
  const lastYearNext = await db.query<{ topic: string; count: number }>(
    `WITH m AS (${BASE}) SELECT t.topic, count(*)::int AS count FROM m, jsonb_array_elements_text(topics) AS t(topic)
     WHERE own GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5`,
    [lastYear.from, lastYear.to, unit],
  );
  const { incidents, dismissed } = await monthIncidents(db, config.province.slug, month, unit);

  const find = (c: boolean) => ({ ...ZERO, ...figures.find((f) => f.cur === c) });
  const topicName = new Map(config.topics.map((t) => [t.id, t.name]));
  const riskName = new Map(config.risks.map((r) => [r.id, r.name]));
  const topics = [...new Set(topicRows.map((r) => r.topic))].map((topic) => {
    const of = (cur: boolean, s?: Sentiment) =>
      topicRows
        .filter((r) => r.topic === topic && r.cur === cur && (!s || r.sentiment === s))
        .reduce((a, r) => a + r.n, 0);
    return {
      topic,
      name: topicName.get(topic) ?? topic,
      total: of(true),
      previous: of(false),
      positive: of(true, 'positive'),
      neutral: of(true, 'neutral'),
      negative: of(true, 'negative'),
    };
  });
  const order = config.topics.map((t) => t.id);
  topics.sort((a, b) => b.total - a.total || order.indexOf(a.topic) - order.indexOf(b.topic));
  const perDay = Array.from({ length: month.days }, (_, i) => {
    const n = (s: Sentiment) => perDayRows.find((r) => r.day === i + 1 && r.sentiment === s)?.n ?? 0;
    return { day: i + 1, positive: n('positive'), neutral: n('neutral'), negative: n('negative') };
  });
  const risks = [...new Set(riskRows.map((r) => r.risk))]
    .map((risk) => ({
      risk,
      name: riskName.get(risk) ?? risk,
      current: riskRows.find((r) => r.risk === risk && r.cur)?.n ?? 0,
      previous: riskRows.find((r) => r.risk === risk && !r.cur)?.n ?? 0,
    }))
    .sort((a, b) => b.current - a.current);
  return {
    month,
    previousMonth: prev,
    nextMonth: next,
    scope,
    current: find(true),
    previous: find(false),
    perDay,
    topics,
    risks,
    outlets,
    units: unit ? [] : units.filter((u) => !notUnits(config).has(u.unit.toLowerCase())).slice(0, 12),
    positiveStories,
    incidents,
    dismissed,
    lastYearNext,
  };
}

/**
 * Incidents that were live during the month (received before its end, not closed before its start), with what
 * was said and asked. A unit's report keeps those naming the unit.
 */
async function monthIncidents(db: Queryable, province: string, month: Month, unit: string | null) {
  const rows = await db.query<IncidentRow>(
    `SELECT * FROM incidents WHERE province = $1 AND received_at < $3 AND (closed_at IS NULL OR closed_at >= $2)
       AND ($4::text IS NULL OR places ? $4::text) ORDER BY received_at, id`,
    [province, month.from, month.to, unit],
  );
  const live = rows.filter((r) => r.state !== 'dismissed');
  const ids = JSON.stringify(live.map((r) => r.id));
  const inIds = 'incident_id = ANY(SELECT jsonb_array_elements_text($1::jsonb)::int)';
  const statements = await db.query<StatementRow>(`SELECT * FROM statements WHERE ${inIds} ORDER BY at, id`, [
    ids,
  ]);
  const press = await db.query<PressRequestRow>(`SELECT * FROM press_requests WHERE ${inIds} ORDER BY id`, [
    ids,
  ]);
  const corrections = await db.query<CorrectionRow>(
    `SELECT * FROM correction_requests WHERE ${inIds} ORDER BY id`,
    [ids],
  );
  return {
    incidents: live.map((incident) => ({
      incident,
      statements: statements.filter((s) => s.incident_id === incident.id),
      pressRequests: press.filter((p) => p.incident_id === incident.id),
      corrections: corrections.filter((c) => c.incident_id === incident.id),
    })),
    dismissed: rows.length - live.length,
  };
}

/** Names of the province as a whole (its name, former provinces, the Department): not units to roll up. */
const notUnits = (config: ProvinceConfig) =>
  new Set(
    [config.province.name, ...config.province.formerNames, ...config.province.extraPlaces].map((n) =>
      n.toLowerCase(),
    ),
  );
