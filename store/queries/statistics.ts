import { json, type Queryable } from '../db.ts';

export interface YearlyCounts {
  statementsByChannel: Record<string, number>;
  pressRequests: { total: number; answered: number; refused: number; open: number };
  /** Incidents at the statement levels, not dismissed. */
  cases: { total: number; spokenOn: number; onTime: number };
  falseReports: { total: number; corrected: number };
}

/** The raw counts of the yearly spokesperson statistics for a province and period [from, to). */
export async function yearlyCounts(
  db: Queryable,
  province: string,
  from: Date,
  to: Date,
  statementLevels: string[],
): Promise<YearlyCounts> {
  const channels = await db.query<{ channel: string; n: number }>(
    `SELECT s.channel, count(*)::int AS n FROM statements s JOIN incidents i ON i.id = s.incident_id
     WHERE i.province = $1 AND s.at >= $2 AND s.at < $3 GROUP BY s.channel`,
    [province, from, to],
  );
  const [press] = await db.query<YearlyCounts['pressRequests']>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE state = 'answered')::int AS answered,
            count(*) FILTER (WHERE state = 'refused')::int AS refused, count(*) FILTER (WHERE state = 'open')::int AS open
     FROM press_requests WHERE province = $1 AND received_at >= $2 AND received_at < $3`,
    [province, from, to],
  );
  const [cases] = await db.query<YearlyCounts['cases']>(
    `SELECT count(*)::int AS total, count(*) FILTER (WHERE statement_at IS NOT NULL)::int AS "spokenOn",
            count(*) FILTER (WHERE statement_at <= statement_due_at)::int AS "onTime"
     FROM incidents WHERE province = $1 AND received_at >= $2 AND received_at < $3 AND state <> 'dismissed'
       AND level = ANY(SELECT jsonb_array_elements_text($4::jsonb))`,
    [province, from, to, json(statementLevels)],
  );
  const [falseReports] = await db.query<YearlyCounts['falseReports']>(
    `SELECT count(*)::int AS total,
            count(*) FILTER (WHERE EXISTS (SELECT 1 FROM correction_requests c WHERE c.incident_id = i.id))::int AS corrected
     FROM incidents i WHERE i.province = $1 AND i.received_at >= $2 AND i.received_at < $3 AND i.state <> 'dismissed'
       AND (i.risks ? 'misinformation' OR EXISTS (SELECT 1 FROM correction_requests c WHERE c.incident_id = i.id))`,
    [province, from, to],
  );
  return {
    statementsByChannel: Object.fromEntries(channels.map((c) => [c.channel, c.n])),
    pressRequests: press!,
    cases: cases!,
    falseReports: falseReports!,
  };
}
