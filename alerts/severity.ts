import type { Level } from './routing.ts';

export interface SeverityInput {
  riskLevel: number;
  outlets: number;
  reach: number;
  mentions: number;
  nationalPress: boolean;
}

/**
 * Severity from the weighted risk, reach and spread. A story that moves from a parents' page into the
 * national press is the classic escalation.
 */
export function severity(s: SeverityInput): Level {
  const spread =
    (s.outlets >= 3 ? 1 : s.outlets >= 2 ? 0.5 : 0) +
    (s.nationalPress ? 0.5 : 0) +
    (s.reach >= 5000 ? 0.5 : 0);
  const score = s.riskLevel + 0.25 * spread;
  if (score >= 0.85) return 'khung-hoang';
  if (score >= 0.5) return 'su-co';
  return 'theo-doi';
}
