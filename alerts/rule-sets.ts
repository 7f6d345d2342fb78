import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError, type ConfigProblem, parseDuration, type RuleSetId, readYaml } from '../config/index.ts';

const dir = fileURLToPath(new URL('./rule-sets/', import.meta.url));

const Duration = z.string().regex(/^\d+(\.\d+)?\s*(m|h|d)$/, 'must look like 30m, 6h or 2d');
const MonthDay = z.string().regex(/^\d{2}-\d{2}$/, 'must look like 12-15');

/** Yearly statistics the form counts (Decree 244/2026 Art. 10). */
export const STAT_ITEMS = [
  'press-conferences',
  'briefings',
  'press-requests',
  'unexpected-cases',
  'on-time',
  'false-reports',
] as const;

export const RuleSetSchema = z.object({
  id: z.enum(['nd-09-2017', 'nd-244-2026']),
  name: z.string(),
  inForce: z.object({ from: z.string(), to: z.string().optional() }),
  speakers: z.object({
    head: z.object({ basis: z.string() }),
    /** A standing spokesperson designated by the head; null where the rule set knows none for a Sở. */
    standing: z
      .object({ basis: z.string(), publishWithinHours: z.number().positive().optional() })
      .nullable(),
    authorised: z.object({
      basis: z.string(),
      /** Roles that may be authorised. */
      roles: z.array(z.enum(['deputy', 'spokesperson', 'staff', 'monitor'])),
      written: z.boolean(),
      perCase: z.boolean(),
      timeLimited: z.boolean(),
      publishWithinHours: z.number().positive().optional(),
      subDelegation: z.boolean(),
    }),
    /** The article saying other staff do not speak in the agency's name. */
    others: z.string(),
  }),
  clock: z.object({
    statement: z.object({
      start: z.enum(['event', 'receipt']),
      dividedOpinionStart: z.enum(['event', 'receipt', 'determination']),
      dueHours: z.number().positive(),
      basis: z.string(),
      dividedOpinionBasis: z.string().optional(),
    }),
    facts: z.object({ basis: z.string() }),
  }),
  warningsBeforeDue: z.array(Duration),
  pressRequests: z.object({ basis: z.string() }),
  refusal: z.object({
    basis: z.string(),
    reasonRequired: z.boolean(),
    grounds: z.array(z.object({ id: z.string(), text: z.string(), basis: z.string() })).min(1),
  }),
  correction: z.object({
    basis: z.string(),
    written: z.boolean(),
    groundsRequired: z.boolean(),
    asks: z.array(z.enum(['correction', 'reply', 'apology'])).min(1),
    followUp: z.object({ online: Duration, daily: Duration, other: Duration }),
  }),
  statistics: z.object({
    basis: z.string(),
    period: z.object({ from: MonthDay, to: MonthDay }),
    dueBy: MonthDay.optional(),
    items: z.array(z.enum(STAT_ITEMS)),
  }),
});
export type RuleSet = z.infer<typeof RuleSetSchema>;

let cache: Map<string, RuleSet> | undefined;

/** The legal rule sets shipped as data in alerts/rule-sets/; a bad file stops start-up with every problem. */
export function ruleSets(): Map<string, RuleSet> {
  if (cache) return cache;
  const problems: ConfigProblem[] = [];
  const sets = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readYaml(dir + f, RuleSetSchema, problems));
  if (problems.length > 0) throw new ConfigError(problems);
  cache = new Map(sets.map((s) => [s!.id, s!]));
  return cache;
}

/** A rule set by id (an incident keeps the id of the set it was opened under). */
export function ruleSet(id: string): RuleSet {
  const s = ruleSets().get(id);
  if (!s) throw new Error(`unknown spokesperson rule set "${id}"`);
  return s;
}

/** Vietnam calendar day of an instant, "YYYY-MM-DD". */
export const vnDayOf = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);

/** The rule set in force on the day the Department received the matter, unless the province pins one. */
export function ruleSetFor(received: Date, pinned: 'auto' | RuleSetId = 'auto'): RuleSet {
  if (pinned !== 'auto') return ruleSet(pinned);
  const day = vnDayOf(received);
  for (const s of ruleSets().values())
    if (day >= s.inForce.from && (!s.inForce.to || day <= s.inForce.to)) return s;
  throw new Error(`no spokesperson rule set in force on ${day}`);
}

/** Warning offsets before a due time, in milliseconds, largest first, with their labels ("6h"). */
export function warningOffsets(rules: RuleSet): { label: string; ms: number }[] {
  return rules.warningsBeforeDue
    .map((label) => ({ label, ms: parseDuration(label) * 1000 }))
    .sort((a, b) => b.ms - a.ms);
}
