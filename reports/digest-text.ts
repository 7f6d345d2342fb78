import { LEVEL_NAMES, type Level, STATE_NAMES, type State, vnRemaining, vnTime } from '../alerts/index.ts';
import type { IncidentRow } from '../store/index.ts';
import type { DayFigures, DigestItem, Sentiment } from './digest-data.ts';

/** Words shared by the digest's Markdown, e-mail and web page. */
export const SENTIMENT: Record<Sentiment, string> = {
  positive: 'Tích cực',
  neutral: 'Trung tính',
  negative: 'Tiêu cực',
};
export const SENTIMENT_COLOR: Record<Sentiment, string> = {
  positive: '#1b7f3b',
  neutral: '#555555',
  negative: '#b3261e',
};

export const pct = (x: number) => `${Math.round(x * 100)}%`;

export const outlets = (i: DigestItem) =>
  i.otherOutlets > 0 ? `${i.outlet} và ${i.otherOutlets} báo khác` : i.outlet;

/** "tăng 3" / "giảm 2" / "không đổi" against the day before. */
export function change(now: number, before: number): string {
  const d = now - before;
  return d === 0 ? 'không đổi' : d > 0 ? `tăng ${d}` : `giảm ${-d}`;
}

/** Change of a share in percentage points. */
export function shareChange(now: number, before: number): string {
  const d = Math.round(now * 100) - Math.round(before * 100);
  return d === 0 ? 'không đổi' : d > 0 ? `tăng ${d} điểm %` : `giảm ${-d} điểm %`;
}

export interface HeaderFigure {
  label: string;
  value: string;
  change: string;
}

export function headerFigures(f: DayFigures, p: DayFigures): HeaderFigure[] {
  return [
    { label: 'tin, bài thu thập', value: String(f.items), change: change(f.items, p.items) },
    { label: 'về giáo dục', value: String(f.relevant), change: change(f.relevant, p.relevant) },
    { label: 'về tỉnh', value: String(f.province), change: change(f.province, p.province) },
    { label: 'tiêu cực', value: pct(f.negativeShare), change: shareChange(f.negativeShare, p.negativeShare) },
  ];
}

/** One deadline of an incident as the reader needs it: met (and when), or time left, or overdue. */
function deadline(due: Date, doneAt: Date | null, at: Date): string {
  if (doneAt) return `đã thực hiện ${vnTime(doneAt)}${doneAt <= due ? ' (đúng hạn)' : ' (trễ hạn)'}`;
  return `hạn ${vnTime(due)}, ${vnRemaining(due, at)}`;
}

export interface IncidentLine {
  title: string;
  level: string;
  state: string;
  reach: string;
  facts: string;
  statement: string;
  overdue: boolean;
}

export function incidentLine(i: IncidentRow, at: Date): IncidentLine {
  return {
    title: `#${i.id} ${i.title}`,
    level: LEVEL_NAMES[i.level as Level] ?? i.level,
    state: STATE_NAMES[i.state as State] ?? i.state,
    reach: `${i.mention_count} tin, ${i.outlet_count} nguồn`,
    facts: deadline(i.facts_due_at, i.facts_at, at),
    statement: deadline(i.statement_due_at, i.statement_at, at),
    overdue: (!i.facts_at && i.facts_due_at < at) || (!i.statement_at && i.statement_due_at < at),
  };
}

export const itemMeta = (i: DigestItem, time: string) =>
  `${outlets(i)} · ${time} · ${SENTIMENT[i.sentiment]}${i.kind === 'social' ? ' · mạng xã hội' : ''}`;

/** Only http(s) links are followed; anything else (javascript:, data:) becomes inert. */
export const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : '#');
