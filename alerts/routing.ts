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

export type Lead = 'department' | 'province' | 'ministry';

export const LEAD_NAMES: Record<Lead, string> = {
  department: 'Sở chủ trì',
  province: 'UBND tỉnh chủ trì (sự việc liên tỉnh), Sở phối hợp',
  ministry: 'Bộ GD&ĐT chủ trì (sự việc phạm vi toàn quốc), Sở phối hợp',
};

/**
 * Who leads the response: the Department for an event inside the province; the province (its People's
 * Committee) when the coverage also names places in one or two other provinces; the Ministry when it spans
 * three or more, i.e. a national matter.
 */
export function leadOf(otherProvinces: string[]): Lead {
  const n = new Set(otherProvinces).size;
  return n === 0 ? 'department' : n <= 2 ? 'province' : 'ministry';
}

export const departmentName = (config: ProvinceConfig, id: string) =>
  config.departments.departments.find((d) => d.id === id)?.name ?? id;
