import { z } from 'zod';
import { DaySchema, dayBounds } from '../reports/index.ts';
import type { MentionFilters, Queryable, Scope, Sentiment } from '../store/index.ts';

const AT = 'COALESCE(d.published_at, d.fetched_at)';
const one = z
  .string()
  .optional()
  .transform((s) => s || undefined);
const many = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) =>
    v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => x.split(',')).filter(Boolean),
  );
const day = DaySchema.optional().or(z.literal('').transform(() => undefined));

/** The Tin bài filters as they come in a query string (page and API). */
export const SearchFilters = z
  .object({
    /** Accent-insensitive syllables ("hoc phi" finds "học phí"), in this order; each "quoted" part must appear. */
    q: z.string().trim().max(200).optional(),
    from: day,
    to: day,
    topic: many,
    sentiment: z
      .enum(['positive', 'neutral', 'negative'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
    scope: many.pipe(z.array(z.enum(['province', 'national', 'other-province', 'none']))),
    risk: many,
    outlet: one,
    kind: z
      .enum(['news', 'social'])
      .optional()
      .or(z.literal('').transform(() => undefined)),
    /** Also items not about education. */
    all: z.union([z.literal('1'), z.literal('true'), z.literal('')]).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'ngày bắt đầu sau ngày kết thúc',
    path: ['to'],
  });
export type SearchFilters = z.infer<typeof SearchFilters>;

/** The store's filters (store/queries/search.ts) for a department account or anyone else. */
export function mentionFilters(f: SearchFilters): MentionFilters {
  return {
    q: f.q || undefined,
    from: f.from ? dayBounds(f.from)[0] : undefined,
    to: f.to ? dayBounds(f.to)[1] : undefined,
    topics: f.topic.length ? f.topic : undefined,
    risks: f.risk.length ? f.risk : undefined,
    sentiment: f.sentiment as Sentiment | undefined,
    scope: f.scope.length ? (f.scope as Scope[]) : undefined,
    outlet: f.outlet,
    sourceKind: f.kind,
    education: f.all === '1' || f.all === 'true' ? undefined : true,
  };
}

/** Outlets seen, for the filter list. */
export async function outlets(db: Queryable): Promise<string[]> {
  return (
    await db.query<{ outlet: string }>('SELECT DISTINCT outlet FROM sources ORDER BY outlet LIMIT 500')
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

/** The first words of items' texts, for posts without a title. */
export async function snippets(db: Queryable, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query<{ id: number; s: string }>(
    'SELECT id, left(text, 160) AS s FROM documents WHERE id = ANY($1::int[])',
    [ids],
  );
  return new Map(rows.map((r) => [r.id, r.s]));
}
