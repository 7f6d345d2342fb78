import { json, type Queryable } from '../db.ts';

export type DeadlineKind = 'facts' | 'statement' | 'press-request' | 'correction';

/** An unmet due time of an incident, a press request or a correction request. */
export interface DeadlineRow {
  kind: DeadlineKind;
  incident_id: number;
  /** The incident, press request or correction request id. */
  ref_id: number;
  due_at: Date;
  warned: string[];
  overdue_at: Date | null;
  /** When the people concerned were told the due time. */
  announced_at: Date;
  rule_set: string;
  /** The outlet of a press or correction request. */
  about: string | null;
}

const TABLES: Record<DeadlineKind, { table: string; warned: string; overdue: string }> = {
  facts: { table: 'incidents', warned: 'facts_warned', overdue: 'facts_overdue_at' },
  statement: { table: 'incidents', warned: 'statement_warned', overdue: 'statement_overdue_at' },
  'press-request': { table: 'press_requests', warned: 'warned', overdue: 'overdue_at' },
  correction: { table: 'correction_requests', warned: 'warned', overdue: 'overdue_at' },
};

/**
 * Unmet, not yet overdue deadlines of a province due before `horizon` (now plus the longest warning). The
 * statement clock counts only for incidents at `statementLevels`; facts are moot once a statement is made.
 */
export async function pendingDeadlines(
  db: Queryable,
  province: string,
  horizon: Date,
  liveStates: string[],
  statementLevels: string[],
): Promise<DeadlineRow[]> {
  return db.query<DeadlineRow>(
    `WITH live AS (SELECT * FROM incidents WHERE province = $1
                     AND state = ANY(SELECT jsonb_array_elements_text($3::jsonb)))
     SELECT 'facts' AS kind, id AS incident_id, id AS ref_id, facts_due_at AS due_at, facts_warned AS warned,
            facts_overdue_at AS overdue_at, received_at AS announced_at, rule_set,
            NULL::text AS about
       FROM live WHERE facts_at IS NULL AND statement_at IS NULL AND facts_overdue_at IS NULL AND facts_due_at <= $2
     UNION ALL
     SELECT 'statement', id, id, statement_due_at, statement_warned, statement_overdue_at, received_at, rule_set,
            NULL
       FROM live WHERE statement_at IS NULL AND statement_overdue_at IS NULL AND statement_due_at <= $2
         AND level = ANY(SELECT jsonb_array_elements_text($4::jsonb))
     UNION ALL
     SELECT 'press-request', p.incident_id, p.id, p.due_at, p.warned, p.overdue_at, p.received_at, i.rule_set,
            p.outlet
       FROM press_requests p JOIN live i ON i.id = p.incident_id
       WHERE p.state = 'open' AND p.overdue_at IS NULL AND p.due_at <= $2
     UNION ALL
     SELECT 'correction', c.incident_id, c.id, c.due_at, c.warned, c.overdue_at, c.sent_at, i.rule_set,
            c.outlet
       FROM correction_requests c JOIN incidents i ON i.id = c.incident_id
       WHERE c.province = $1 AND c.compliance = 'pending' AND c.overdue_at IS NULL AND c.due_at <= $2
     ORDER BY due_at`,
    [province, horizon, json(liveStates), json(statementLevels)],
  );
}

/**
 * Records warnings (and the overdue mark) of one deadline, atomically: false when another sweeper recorded
 * any of them first, so each warning is decided once.
 */
export async function claimDeadline(
  db: Queryable,
  kind: DeadlineKind,
  refId: number,
  marks: string[],
  overdueAt: Date | null,
): Promise<boolean> {
  const t = TABLES[kind];
  const rows = await db.query(
    `UPDATE ${t.table} SET ${t.warned} = ${t.warned} || $2::jsonb, ${t.overdue} = $3
     WHERE id = $1 AND ${t.overdue} IS NULL
       AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text($2::jsonb) w WHERE ${t.warned} ? w)
     RETURNING id`,
    [refId, json(marks), overdueAt],
  );
  return rows.length > 0;
}
