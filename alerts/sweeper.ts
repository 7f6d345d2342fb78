import type { ProvinceConfig } from '../config/index.ts';
import {
  addIncidentEvent,
  claimDeadline,
  type DeadlineRow,
  OPEN_STATES,
  pendingDeadlines,
  type Queryable,
  type Store,
} from '../store/index.ts';
import { type DueAction, dueAction } from './clock.ts';
import type { Notice } from './messages.ts';
import { type AlertOptions, notifyIncident } from './notify.ts';
import { ruleSet, ruleSets, warningOffsets } from './rule-sets.ts';
import { LEVELS, levelRank } from './severity.ts';

const SWEEP_LOCK = 74_150_006;

export interface SweepResult {
  /** False when another process was sweeping this province at the same moment. */
  swept: boolean;
  warnings: number;
  overdue: number;
  notifications: number;
}

/**
 * The legal clock, driven by database state only: sends the warnings before each due time (facts, statement,
 * press requests) and marks what is overdue, telling the people concerned. Each warning is decided once, even
 * with several schedulers (an advisory lock per sweep, and an atomic claim per deadline); a sweeper that was
 * down sends only the most urgent warning it missed. Safe to call as often as wanted.
 */
export async function sweepClock(
  store: Store,
  config: ProvinceConfig,
  now: Date,
  options: AlertOptions = {},
): Promise<SweepResult> {
  const p = config.province;
  return store.transaction(async (tx) => {
    const [lock] = await tx.query<{ ok: boolean }>(
      'SELECT pg_try_advisory_xact_lock($1, hashtext($2)) AS ok',
      [SWEEP_LOCK, p.slug],
    );
    const result: SweepResult = { swept: !!lock?.ok, warnings: 0, overdue: 0, notifications: 0 };
    if (!result.swept) return result;
    const longest = Math.max(
      0,
      ...[...ruleSets().values()].flatMap((r) => warningOffsets(r).map((w) => w.ms)),
    );
    const levels = LEVELS.filter((l) => levelRank(l) >= levelRank(p.incidents.statementFromLevel));
    const due = await pendingDeadlines(tx, p.slug, new Date(now.getTime() + longest), OPEN_STATES, [
      ...levels,
    ]);
    for (const d of due) {
      const action = decide(d, now);
      if (!action.overdue && action.mark.length === 0) continue;
      if (!(await claimDeadline(tx, d.kind, d.ref_id, action.mark, action.overdue ? now : null))) continue;
      result.notifications += await tell(tx, config, d, action, now, options);
      if (action.overdue) result.overdue++;
      else if (action.send) result.warnings++;
    }
    return result;
  });
}

function decide(d: DeadlineRow, now: Date): DueAction {
  const rules = ruleSet(d.rule_set);
  const deadline = {
    dueAt: d.due_at,
    warned: d.warned,
    overdueAt: d.overdue_at,
    announcedAt: d.announced_at,
  };
  // A correction request has no warnings: its due time is when the office checks the outlet.
  if (d.kind === 'correction') return { mark: [], overdue: now >= d.due_at };
  return dueAction(rules, deadline, now);
}

async function tell(
  tx: Queryable,
  config: ProvinceConfig,
  d: DeadlineRow,
  action: DueAction,
  now: Date,
  options: AlertOptions,
): Promise<number> {
  const about = d.about ?? undefined;
  const base = { deadline: d.kind, refId: d.ref_id, dueAt: d.due_at, ...(about ? { about } : {}) };
  let notice: Notice | undefined;
  if (action.overdue) {
    notice = { kind: 'overdue', ...base };
    await addIncidentEvent(tx, d.incident_id, 'system', 'overdue', { ...base }, now);
  } else if (action.send) {
    notice = { kind: 'warning', ...base, label: action.send };
    await addIncidentEvent(tx, d.incident_id, 'system', 'warning', { ...base, label: action.send }, now);
  }
  return notice ? notifyIncident(tx, config, d.incident_id, notice, now, options) : 0;
}
