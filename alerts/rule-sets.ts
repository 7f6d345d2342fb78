import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ConfigError, type ConfigProblem, type RuleSetId, readYaml } from '../config/index.ts';

const dir = fileURLToPath(new URL('./rule-sets/', import.meta.url));

export const RuleSetSchema = z.object({
  id: z.enum(['nd-09-2017', 'nd-244-2026']),
  name: z.string(),
  inForce: z.object({ from: z.string(), to: z.string().optional() }),
  speakers: z.array(z.object({ role: z.string(), needsAuthorisation: z.boolean().default(false) })),
  designation: z.object({ publishWithinHours: z.number() }).optional(),
  authorisation: z.object({
    written: z.boolean(),
    perCase: z.boolean(),
    timeLimited: z.boolean(),
    publishWithinHours: z.number().optional(),
    subDelegation: z.boolean(),
  }),
  statement: z.object({
    clockStart: z.enum(['event', 'receipt']),
    dueHours: z.number().positive(),
    basis: z.string(),
  }),
  warningsBeforeDue: z.array(z.string()),
  refusalGrounds: z.string(),
  correction: z.string(),
});
export type RuleSet = z.infer<typeof RuleSetSchema>;

let cache: Map<string, RuleSet> | undefined;

/** The legal rule sets shipped as data in alerts/rule-sets/. */
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

/** The rule set in force on the day the Department received the matter, unless the province pins one. */
export function ruleSetFor(received: Date, pinned: 'auto' | RuleSetId = 'auto'): RuleSet {
  const sets = ruleSets();
  if (pinned !== 'auto') return sets.get(pinned)!;
  const day = new Date(received.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
  for (const s of sets.values())
    if (day >= s.inForce.from && (!s.inForce.to || day <= s.inForce.to)) return s;
  throw new Error(`no spokesperson rule set in force on ${day}`);
}
