import type { IncidentSettings, Level } from '../config/index.ts';

/** Severity levels, lowest first. */
export const LEVELS: readonly Level[] = ['theo-doi', 'su-co', 'khung-hoang'];
export type { Level };
export const LEVEL_NAMES: Record<Level, string> = {
  'theo-doi': 'Theo dõi',
  'su-co': 'Sự cố',
  'khung-hoang': 'Khủng hoảng',
};
export const levelRank = (l: string) => LEVELS.indexOf(l as Level);

export interface SeverityInput {
  /** Strongest weighted risk among the mentions (risk score × the risk's configured weight), 0..1. */
  riskLevel: number;
  /** Distinct outlets and pages. */
  outlets: number;
  /** News articles in national outlets. */
  nationalNews: number;
  newsCount: number;
  socialCount: number;
  /** Reactions + comments + shares of the social posts. */
  engagement: number;
  /** Mentions published in the last three hours. */
  recentMentions: number;
}

/**
 * A score from the weighted risk plus reach and spread, and the level it reaches. Each term is visible in
 * `parts`, so a press officer can see why. The classic escalation (a parents' page, then the national press)
 * adds the cross-medium and national terms together.
 */
export function severity(s: SeverityInput, levels: IncidentSettings['levels']) {
  const parts = {
    risk: s.riskLevel,
    spread: 0.1 * Math.min(3, Math.max(0, s.outlets - 1)),
    national: s.nationalNews > 0 ? 0.15 : 0,
    crossMedium: s.newsCount > 0 && s.socialCount > 0 ? 0.1 : 0,
    engagement: s.engagement >= 10_000 ? 0.2 : s.engagement >= 1000 ? 0.1 : 0,
    velocity: s.recentMentions >= 3 ? 0.1 : 0,
  };
  const score = Math.round(Object.values(parts).reduce((a, b) => a + b, 0) * 1000) / 1000;
  const level: Level =
    score >= levels['khung-hoang'] ? 'khung-hoang' : score >= levels['su-co'] ? 'su-co' : 'theo-doi';
  return { level, score, parts };
}
