import type { Lead } from './routing.ts';
import { leadOf } from './routing.ts';

/** One mention with what the incident needs to know of it. */
export interface MentionFacts {
  documentId: number;
  kind: 'news' | 'social';
  outlet: string;
  tier: string;
  storyId: number;
  title: string;
  text: string;
  publishedAt: Date | null;
  fetchedAt: Date;
  engagement: Record<string, number>;
  risks: string[];
  /** Strongest weighted risk of this mention (0..1). */
  riskLevel: number;
  topics: string[];
  /** Places below the province named by this mention. */
  places: string[];
  /** Other provinces named by this mention. */
  otherProvinces: string[];
}

const HOUR = 3600_000;

/** When a mention appeared: its publication time, or when it was fetched; never in the future. */
export const mentionTime = (m: Pick<MentionFacts, 'publishedAt' | 'fetchedAt'>) =>
  m.publishedAt && m.publishedAt < m.fetchedAt ? m.publishedAt : m.fetchedAt;

export const engagementOf = (e: Record<string, number>) =>
  (e.reactions ?? 0) + (e.comments ?? 0) + (e.shares ?? 0);

/** Labels by how many mentions carry them, most first. */
function byFrequency(lists: string[][], max = Number.POSITIVE_INFINITY): string[] {
  const counts = new Map<string, number>();
  for (const l of lists) for (const x of new Set(l)) counts.set(x, (counts.get(x) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, max)
    .map(([x]) => x);
}

/**
 * The incident's title: the earliest news title of its most-covered story (copies in several outlets count
 * for the story); with no news yet, the start of the earliest post.
 */
export function chooseTitle(mentions: MentionFacts[]): string {
  const news = mentions.filter((m) => m.kind === 'news' && m.title.trim());
  const byTime = (a: MentionFacts, b: MentionFacts) => mentionTime(a).getTime() - mentionTime(b).getTime();
  if (news.length > 0) {
    const stories = new Map<number, MentionFacts[]>();
    for (const m of news) stories.set(m.storyId, [...(stories.get(m.storyId) ?? []), m]);
    const best = [...stories.values()]
      .map((ms) => ms.sort(byTime))
      .sort((a, b) => b.length - a.length || byTime(a[0]!, b[0]!))[0]!;
    return best[0]!.title.trim();
  }
  const first = [...mentions].sort(byTime)[0];
  const line = (first?.title.trim() || first?.text.trim().split('\n')[0] || '').replace(/\s+/g, ' ');
  return line.length > 140 ? `${line.slice(0, 139).trimEnd()}…` : line;
}

export interface IncidentFigures {
  title: string;
  mentionCount: number;
  outletCount: number;
  newsCount: number;
  socialCount: number;
  nationalCount: number;
  reach: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
  riskLevel: number;
  risks: string[];
  topics: string[];
  places: string[];
  otherProvinces: string[];
  lead: Lead;
  /** Mentions that appeared in the three hours before `now`. */
  recentMentions: number;
}

/** The incident's figures from all its mentions. Pure. */
export function summarise(mentions: MentionFacts[], now: Date): IncidentFigures {
  const times = mentions.map((m) => mentionTime(m).getTime());
  const otherProvinces = byFrequency(mentions.map((m) => m.otherProvinces));
  return {
    title: chooseTitle(mentions),
    mentionCount: mentions.length,
    outletCount: new Set(mentions.map((m) => m.outlet)).size,
    newsCount: mentions.filter((m) => m.kind === 'news').length,
    socialCount: mentions.filter((m) => m.kind === 'social').length,
    nationalCount: mentions.filter((m) => m.kind === 'news' && m.tier === 'national').length,
    reach: mentions.reduce((n, m) => n + engagementOf(m.engagement), 0),
    firstSeenAt: new Date(Math.min(...times)),
    lastSeenAt: new Date(Math.max(...times)),
    riskLevel: Math.max(0, ...mentions.map((m) => m.riskLevel)),
    risks: byFrequency(mentions.map((m) => m.risks)),
    topics: byFrequency(
      mentions.map((m) => m.topics),
      3,
    ),
    places: byFrequency(mentions.map((m) => m.places)),
    otherProvinces,
    lead: leadOf(otherProvinces),
    recentMentions: times.filter((t) => t > now.getTime() - 3 * HOUR && t <= now.getTime()).length,
  };
}
