import { z } from 'zod';
import { DaySchema, dayBounds, vnDayOf } from '../reports/index.ts';
import type { Queryable } from '../store/index.ts';

/**
 * Reads of the dashboard until the webperf branch's store/queries/search.ts (accent-free columns and indexes
 * for a million documents) lands: the same shapes, plain SQL, fine for a province's volume.
 */

const VN = 'àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđ';
const ASCII = 'aaaaaaaaaaaaaaaaaeeeeeeeeeeeiiiiiooooooooooooooooouuuuuuuuuuuyyyyyd';

/** Lower case without Vietnamese diacritics ("Học sinh" → "hoc sinh"), as the SQL side folds. */
export function fold(s: string): string {
  return s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^ -~]/g, (c) => {
      const i = VN.indexOf(c);
      return i >= 0 ? ASCII[i]! : c;
    });
}

const AT = 'COALESCE(d.published_at, d.fetched_at)';
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).filter(Boolean),
  );

export const SearchFilters = z.object({
  q: z.string().trim().max(200).optional(),
  from: DaySchema.optional().or(z.literal('').transform(() => undefined)),
  to: DaySchema.optional().or(z.literal('').transform(() => undefined)),
  topic: list,
  sentiment: list,
  scope: list,
  risk: list,
  outlet: list,
  kind: list,
  /** Only items with a crisis risk. */
  risky: z.coerce.boolean().optional(),
  /** Also items not about education. */
  all: z.coerce.boolean().optional(),
});
export type SearchFilters = z.infer<typeof SearchFilters>;

export interface MentionHit {
  id: number;
  title: string;
  text: string;
  outlet: string;
  kind: 'news' | 'social';
  url: string;
  at: Date;
  story_id: number;
  story_docs: number;
  education: boolean | null;
  scope: string | null;
  sentiment: string | null;
  topics: string[];
  risks: string[];
  incident_id: number | null;
  incident_department: string | null;
}

/** One page of mentions, newest first, with the total. */
export async function searchMentions(
  db: Queryable,
  f: SearchFilters,
  page: { page: number; size: number },
): Promise<{ total: number; items: MentionHit[] }> {
  const where: string[] = [];
  const params: unknown[] = [];
  const p = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (!f.all) where.push('c.education');
  if (f.from) where.push(`${AT} >= ${p(dayBounds(f.from)[0])}`);
  if (f.to) where.push(`${AT} < ${p(dayBounds(f.to)[1])}`);
  if (f.sentiment.length) where.push(`c.sentiment = ANY(${p(f.sentiment)}::text[])`);
  if (f.scope.length) where.push(`c.scope = ANY(${p(f.scope)}::text[])`);
  if (f.outlet.length) where.push(`d.outlet = ANY(${p(f.outlet)}::text[])`);
  if (f.kind.length) where.push(`d.kind = ANY(${p(f.kind)}::text[])`);
  if (f.topic.length) where.push(`c.topics ?| ${p(f.topic)}::text[]`);
  if (f.risk.length) where.push(`c.risks ?| ${p(f.risk)}::text[]`);
  if (f.risky) where.push('jsonb_array_length(c.risks) > 0');
  if (f.q) {
    const words = fold(f.q).split(/\s+/).filter(Boolean).slice(0, 8);
    for (const w of words)
      where.push(
        `translate(lower(d.title || ' ' || d.text), '${VN}', '${ASCII}') LIKE ${p(`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`,
      );
  }
  const sql = `FROM documents d LEFT JOIN classifications c ON c.document_id = d.id ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`;
  const [{ total }] = (await db.query<{ total: number }>(`SELECT count(*)::int AS total ${sql}`, params)) as [
    { total: number },
  ];
  const items = await db.query<MentionHit>(
    `SELECT d.id, d.title, left(d.text, 400) AS text, d.outlet, d.kind, d.url, ${AT} AS at, d.story_id,
            (SELECT count(*)::int FROM documents o WHERE o.story_id = d.story_id) AS story_docs,
            c.education, c.scope, c.sentiment, COALESCE(c.topics, '[]'::jsonb) AS topics,
            COALESCE(c.risks, '[]'::jsonb) AS risks, m.incident_id, i.department AS incident_department
     ${sql.replace('LEFT JOIN classifications c ON c.document_id = d.id', 'LEFT JOIN classifications c ON c.document_id = d.id LEFT JOIN incident_mentions m ON m.document_id = d.id LEFT JOIN incidents i ON i.id = m.incident_id')}
     ORDER BY ${AT} DESC, d.id DESC LIMIT ${p(page.size)} OFFSET ${p((page.page - 1) * page.size)}`,
    params,
  );
  return { total, items };
}

export interface DayCount {
  day: string;
  relevant: number;
  negative: number;
  province: number;
}

export interface Overview {
  today: { items: number; relevant: number; province: number; negative: number; social: number };
  yesterday: { items: number; relevant: number; province: number; negative: number; social: number };
  /** 30 Vietnam days ending today, oldest first, zero-filled. */
  trend: DayCount[];
}

/** Today's figures against yesterday's and the 30-day trend. */
export async function overview(db: Queryable, now: Date): Promise<Overview> {
  const today = vnDayOf(now);
  const start = dayBounds(today)[0];
  const from = new Date(start.getTime() - 29 * 86400_000);
  const rows = await db.query<DayCount & { items: number; social: number }>(
    `SELECT to_char((${AT} AT TIME ZONE 'UTC') + interval '7 hours', 'YYYY-MM-DD') AS day, count(*)::int AS items,
            count(*) FILTER (WHERE c.education)::int AS relevant,
            count(*) FILTER (WHERE c.education AND c.sentiment = 'negative')::int AS negative,
            count(*) FILTER (WHERE c.education AND c.scope = 'province')::int AS province,
            count(*) FILTER (WHERE c.education AND d.kind = 'social')::int AS social
     FROM documents d JOIN classifications c ON c.document_id = d.id
     WHERE ${AT} >= $1 AND ${AT} < $2 GROUP BY 1`,
    [from, new Date(start.getTime() + 86400_000)],
  );
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const trend: DayCount[] = [];
  for (let i = 29; i >= 0; i--) {
    const day = vnDayOf(new Date(start.getTime() - i * 86400_000 + 3600_000));
    const r = byDay.get(day);
    trend.push({ day, relevant: r?.relevant ?? 0, negative: r?.negative ?? 0, province: r?.province ?? 0 });
  }
  const fig = (day: string) => {
    const r = byDay.get(day);
    return {
      items: r?.items ?? 0,
      relevant: r?.relevant ?? 0,
      province: r?.province ?? 0,
      negative: r?.negative ?? 0,
      social: r?.social ?? 0,
    };
  };
  return { today: fig(today), yesterday: fig(trend[28]!.day), trend };
}

/** Outlets seen, for the filter list. */
export async function outlets(db: Queryable): Promise<string[]> {
  return (
    await db.query<{ outlet: string }>('SELECT DISTINCT outlet FROM documents ORDER BY outlet LIMIT 500')
  ).map((r) => r.outlet);
}

/** Mentions per hour of an incident, for its page. */
export async function incidentTimeline(
  db: Queryable,
  incidentId: number,
): Promise<{ hour: Date; n: number }[]> {
  return db.query(
    `SELECT date_trunc('hour', ${AT}) AS hour, count(*)::int AS n FROM incident_mentions m
     JOIN documents d ON d.id = m.document_id WHERE m.incident_id = $1 GROUP BY 1 ORDER BY 1`,
    [incidentId],
  );
}
