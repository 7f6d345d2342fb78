import type { ProvinceConfig } from '../config/index.ts';

/**
 * The responsible department. Risks are tried strongest first (the classifier orders them), each against
 * the rules naming it (first match wins, a rule's topic list narrowing it); then topic-only rules; then the default.
 */
export function routeDepartment(config: ProvinceConfig, topics: string[], risks: string[]): string {
  const { routing } = config.departments;
  const hit = (want: string[], have: string[]) => want.length === 0 || want.some((w) => have.includes(w));
  for (const risk of risks) {
    const rule = routing.find((r) => r.risks.includes(risk) && hit(r.topics, topics));
    if (rule) return rule.department;
  }
  const topicRule = routing.find((r) => r.risks.length === 0 && r.topics.length > 0 && hit(r.topics, topics));
  return topicRule?.department ?? config.departments.default;
}

export interface Recipient {
  email: string;
  name: string;
  why: 'department' | 'office' | 'spokesperson' | 'director';
}

/** Who is told: the department and the office always, the spokesperson from "sự cố", the Director at "khủng hoảng". */
export function recipientsFor(config: ProvinceConfig, department: string, level: Level): Recipient[] {
  const dept = config.departments.departments.find((d) => d.id === department);
  const office = config.departments.departments.find((d) => d.id === config.departments.office);
  const people = config.people;
  const out: Recipient[] = [];
  if (dept) out.push({ email: dept.email, name: dept.name, why: 'department' });
  if (office && office.id !== dept?.id) out.push({ email: office.email, name: office.name, why: 'office' });
  if (LEVELS.indexOf(level) >= LEVELS.indexOf('su-co')) {
    const sp =
      people.people.find((p) => p.id === people.spokesperson.standing) ??
      people.people.find((p) => p.role === 'head');
    if (sp) out.push({ email: sp.email, name: `${sp.name} (${sp.title})`, why: 'spokesperson' });
  }
  if (level === 'khung-hoang') {
    const head = people.people.find((p) => p.role === 'head');
    if (head) out.push({ email: head.email, name: `${head.name} (${head.title})`, why: 'director' });
  }
  const seen = new Set<string>();
  return out.filter((r) => !seen.has(r.email) && seen.add(r.email));
}

/** Severity levels, lowest first: watch, incident, crisis. */
export const LEVELS = ['theo-doi', 'su-co', 'khung-hoang'] as const;
export type Level = (typeof LEVELS)[number];
export const LEVEL_NAMES: Record<Level, string> = {
  'theo-doi': 'Theo dõi',
  'su-co': 'Sự cố',
  'khung-hoang': 'Khủng hoảng',
};
