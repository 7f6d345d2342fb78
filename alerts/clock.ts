import type { IncidentSettings } from '../config/index.ts';
import { type RuleSet, warningOffsets } from './rule-sets.ts';

const HOUR = 3600_000;

export interface ClockInputs {
  event_at: Date;
  received_at: Date;
  /** When the Department determined the matter divides opinion (Decree 244/2026 Art. 7.4), if it did. */
  determined_at: Date | null;
}

/** When the statement clock starts: the event, the receipt, or the determination of divided opinion. */
export function statementClockStart(rules: RuleSet, i: ClockInputs): Date {
  const start = i.determined_at ? rules.clock.statement.dividedOpinionStart : rules.clock.statement.start;
  if (start === 'event') return i.event_at;
  if (start === 'determination') return i.determined_at ?? i.received_at;
  return i.received_at;
}

/** The legal basis of the statement clock in use. */
export function statementBasis(rules: RuleSet, i: ClockInputs): string {
  const s = rules.clock.statement;
  return i.determined_at && s.dividedOpinionBasis ? s.dividedOpinionBasis : s.basis;
}

/**
 * Due times: the statement 24 hours (per rule set) from its clock start; the department's verified facts
 * `factsDueHours` after receipt, and never after the statement (unless that was already past at receipt).
 */
export function dueTimes(rules: RuleSet, settings: IncidentSettings, i: ClockInputs) {
  const statementDueAt = new Date(
    statementClockStart(rules, i).getTime() + rules.clock.statement.dueHours * HOUR,
  );
  const facts = i.received_at.getTime() + settings.factsDueHours * HOUR;
  const factsDueAt = new Date(
    statementDueAt > i.received_at ? Math.min(facts, statementDueAt.getTime()) : facts,
  );
  return { factsDueAt, statementDueAt };
}

export interface Deadline {
  dueAt: Date;
  /** Warning labels already sent or skipped. */
  warned: string[];
  overdueAt: Date | null;
  /** When the people concerned were first told of this due time (a warning before that is not sent). */
  announcedAt: Date;
}

export interface DueAction {
  /** The warning to send now (the most urgent one due), if any. */
  send?: string;
  /** Every warning label to record as handled (sent, superseded, or before the announcement). */
  mark: string[];
  overdue: boolean;
}

/**
 * What the sweeper must do for one unmet deadline at `now`: warnings due and not yet handled (only the most
 * urgent is sent when several came due together, e.g. after downtime), and whether it is now overdue. Pure.
 */
export function dueAction(rules: RuleSet, d: Deadline, now: Date): DueAction {
  if (d.overdueAt) return { mark: [], overdue: false };
  if (now >= d.dueAt) {
    const pending = warningOffsets(rules).filter((w) => !d.warned.includes(w.label));
    return { mark: pending.map((w) => w.label), overdue: true };
  }
  const due = warningOffsets(rules).filter(
    (w) => !d.warned.includes(w.label) && now.getTime() >= d.dueAt.getTime() - w.ms,
  );
  if (due.length === 0) return { mark: [], overdue: false };
  const urgent = due[due.length - 1]!;
  const announcedBefore = d.dueAt.getTime() - urgent.ms < d.announcedAt.getTime();
  return {
    ...(announcedBefore ? {} : { send: urgent.label }),
    mark: due.map((w) => w.label),
    overdue: false,
  };
}
