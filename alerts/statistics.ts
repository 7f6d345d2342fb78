import type { ProvinceConfig } from '../config/index.ts';
import { type Queryable, yearlyCounts } from '../store/index.ts';
import { type RuleSet, ruleSet, ruleSetFor } from './rule-sets.ts';
import { LEVELS, levelRank } from './severity.ts';

const HOUR = 3600_000;

/** Midnight in Vietnam of a calendar day. */
const vnMidnight = (y: number, monthDay: string) => {
  const [m, d] = monthDay.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1, d) - 7 * HOUR);
};

/**
 * The statistics period of a year under a rule set: 15/12 of the year before to 14/12 under 244/2026, the
 * calendar year under 09/2017. `to` is exclusive.
 */
export function statisticsPeriod(rules: RuleSet, year: number) {
  const { from, to } = rules.statistics.period;
  const start = vnMidnight(from > to ? year - 1 : year, from);
  const end = new Date(vnMidnight(year, to).getTime() + 24 * HOUR);
  return {
    from: start,
    to: end,
    dueBy: rules.statistics.dueBy ? vnMidnight(year, rules.statistics.dueBy) : null,
  };
}

const LABELS: Record<RuleSet['statistics']['items'][number], string> = {
  'press-conferences': 'Số cuộc họp báo',
  briefings: 'Số lần cung cấp thông tin tại giao ban báo chí',
  'press-requests': 'Số yêu cầu của báo chí được trả lời / tổng số yêu cầu',
  'unexpected-cases': 'Số vụ việc đột xuất, bất thường đã phát ngôn / tổng số',
  'on-time': 'Số vụ việc phát ngôn đúng thời hạn / số vụ việc có thời hạn',
  'false-reports':
    'Số vụ việc báo chí đưa tin sai sự thật đã có văn bản phản hồi, yêu cầu cải chính / tổng số',
};

export interface StatisticsItem {
  id: string;
  label: string;
  value: number;
  of?: number;
}

/**
 * The yearly spokesperson statistics (Decree 244/2026 Art. 10 form; calendar-year figures under 09/2017),
 * under the rule set in force at the end of the period unless one is named.
 */
export async function yearlyStatistics(
  db: Queryable,
  config: ProvinceConfig,
  year: number,
  ruleSetId?: string,
) {
  const pinned = ruleSetId ?? (config.province.ruleSet === 'auto' ? undefined : config.province.ruleSet);
  const rules = pinned ? ruleSet(pinned) : ruleSetFor(vnMidnight(year, '12-14'));
  const period = statisticsPeriod(rules, year);
  const levels = LEVELS.filter(
    (l) => levelRank(l) >= levelRank(config.province.incidents.statementFromLevel),
  );
  const c = await yearlyCounts(db, config.province.slug, period.from, period.to, [...levels]);
  const value: Record<RuleSet['statistics']['items'][number], { value: number; of?: number }> = {
    'press-conferences': { value: c.statementsByChannel['press-conference'] ?? 0 },
    briefings: { value: c.statementsByChannel.briefing ?? 0 },
    'press-requests': {
      value: c.pressRequests.answered + c.pressRequests.refused,
      of: c.pressRequests.total,
    },
    'unexpected-cases': { value: c.cases.spokenOn, of: c.cases.total },
    'on-time': { value: c.cases.onTime, of: c.cases.total },
    'false-reports': { value: c.falseReports.corrected, of: c.falseReports.total },
  };
  const items: StatisticsItem[] = rules.statistics.items.map((id) => ({
    id,
    label: LABELS[id],
    ...value[id],
  }));
  return { ruleSet: rules.id, basis: rules.statistics.basis, year, ...period, items, counts: c };
}
