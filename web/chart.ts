import type { TrendDay } from '../store/index.ts';
import { html, type SafeHtml } from './html.ts';

/** The 30-day trend as inline SVG drawn on the server: education items and negative ones per day. */
export function trendChart(days: TrendDay[]): SafeHtml {
  const W = 900;
  const H = 220;
  const left = 40;
  const bottom = 28;
  const top = 14;
  const max = Math.max(4, ...days.map((d) => d.relevant));
  const step = (W - left - 10) / Math.max(1, days.length);
  const y = (v: number) => H - bottom - (v / max) * (H - bottom - top);
  const bars = days.map((d, i) => {
    const x = left + i * step + 2;
    const w = Math.max(2, step - 4);
    return html`<g><title>${d.day}: ${d.relevant} tin giáo dục, ${d.negative} tiêu cực (${d.items} tin đã đọc)</title>
      <rect x="${x.toFixed(1)}" y="${y(d.relevant).toFixed(1)}" width="${w.toFixed(1)}" height="${(H - bottom - y(d.relevant)).toFixed(1)}" fill="#8fb3dc"></rect>
      <rect x="${x.toFixed(1)}" y="${y(d.negative).toFixed(1)}" width="${w.toFixed(1)}" height="${(H - bottom - y(d.negative)).toFixed(1)}" fill="#c9473d"></rect></g>`;
  });
  const ticks = [0, Math.round(max / 2), max].map(
    (v) =>
      html`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#5b6675">${v}</text><line x1="${left}" x2="${W - 10}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e3e7ec"></line>`,
  );
  const labels = days
    .map((d, i) => ({ d, i }))
    .filter(({ i }) => i % 5 === 4 || i === 0)
    .map(
      ({ d, i }) =>
        html`<text x="${(left + i * step + step / 2).toFixed(1)}" y="${H - 10}" text-anchor="middle" font-size="11" fill="#5b6675">${d.day.slice(8)}/${d.day.slice(5, 7)}</text>`,
    );
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Số tin giáo dục 30 ngày qua">
    ${ticks}${bars}${labels}
    <rect x="${left}" y="2" width="10" height="10" fill="#8fb3dc"></rect><text x="${left + 14}" y="11" font-size="11">tin giáo dục</text>
    <rect x="${left + 100}" y="2" width="10" height="10" fill="#c9473d"></rect><text x="${left + 114}" y="11" font-size="11">tiêu cực</text></svg>`;
}

/** Mentions per hour of an incident, as a small bar chart. */
export function timelineChart(points: { hour: Date; n: number }[], label: (d: Date) => string): SafeHtml {
  if (points.length === 0) return html`<p class="muted">Chưa có tin.</p>`;
  const W = 700;
  const H = 140;
  const max = Math.max(1, ...points.map((p) => p.n));
  const t0 = points[0]!.hour.getTime();
  const span = Math.max(3600_000, points[points.length - 1]!.hour.getTime() - t0 + 3600_000);
  const x = (d: Date) => 30 + ((d.getTime() - t0) / span) * (W - 40);
  const w = Math.min(40, Math.max(3, (3600_000 / span) * (W - 40) - 2));
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="Số tin theo giờ">
    ${points.map(
      (p) =>
        html`<g><title>${label(p.hour)}: ${p.n} tin</title><rect x="${x(p.hour).toFixed(1)}" y="${(H - 24 - (p.n / max) * (H - 40)).toFixed(1)}" width="${w.toFixed(1)}" height="${((p.n / max) * (H - 40)).toFixed(1)}" fill="#c9473d"></rect></g>`,
    )}
    <text x="30" y="${H - 8}" font-size="11" fill="#5b6675">${label(points[0]!.hour)}</text>
    <text x="${W - 10}" y="${H - 8}" font-size="11" text-anchor="end" fill="#5b6675">${label(points[points.length - 1]!.hour)}</text>
    <text x="4" y="14" font-size="11" fill="#5b6675">${max} tin/giờ</text></svg>`;
}
