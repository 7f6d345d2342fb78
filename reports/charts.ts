import { Resvg } from '@resvg/resvg-js';
import * as echarts from 'echarts';
import type { MonthlyData } from './monthly-data.ts';

/**
 * Charts for the monthly report, drawn without a display: ECharts renders SVG on the server (ssr), resvg (Rust,
 * shipped in an npm package per platform) turns it into PNG with the system fonts (Liberation or DejaVu, which
 * carry Vietnamese letters).
 */
const FONT = 'Liberation Sans, DejaVu Sans, Arial, sans-serif';
const COLORS = { positive: '#2e7d32', neutral: '#9e9e9e', negative: '#c62828' };
const NAMES = { positive: 'Tích cực', neutral: 'Trung tính', negative: 'Tiêu cực' };

export interface Chart {
  png: Buffer;
  /** Size in CSS pixels (96 per inch) as placed in the document; the PNG has twice as many. */
  width: number;
  height: number;
}

function render(option: echarts.EChartsCoreOption, width: number, height: number): Chart {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  chart.setOption({
    animation: false,
    textStyle: { fontFamily: FONT, fontSize: 12, color: '#222' },
    ...option,
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  const png = new Resvg(svg, {
    background: '#ffffff',
    fitTo: { mode: 'zoom', value: 2 },
    font: { loadSystemFonts: true, defaultFontFamily: 'Liberation Sans' },
  })
    .render()
    .asPng();
  return { png, width, height };
}

const legend = { bottom: 0, textStyle: { fontFamily: FONT, fontSize: 12 }, itemWidth: 14, itemHeight: 10 };
const series = (key: keyof typeof COLORS, data: number[], extra: Record<string, unknown> = {}) => ({
  name: NAMES[key],
  type: 'bar',
  stack: 'all',
  data,
  itemStyle: { color: COLORS[key] },
  ...extra,
});

/** Mentions per day of the month, stacked by sentiment. */
export function volumeChart(d: MonthlyData): Chart {
  return render(
    {
      grid: { left: 40, right: 12, top: 16, bottom: 56 },
      legend,
      xAxis: {
        type: 'category',
        data: d.perDay.map((p) => String(p.day)),
        name: `Ngày (tháng ${d.month.label})`,
        nameLocation: 'middle',
        nameGap: 24,
        axisLabel: { fontSize: 10, interval: 0 },
      },
      yAxis: { type: 'value', minInterval: 1, name: 'Số tin, bài', nameTextStyle: { align: 'left' } },
      series: (['positive', 'neutral', 'negative'] as const).map((k) =>
        series(
          k,
          d.perDay.map((p) => p[k]),
          { barWidth: '70%' },
        ),
      ),
    },
    600,
    260,
  );
}

/** Sentiment of the month's mentions per topic line (the lines with coverage, most covered on top). */
export function topicChart(d: MonthlyData): Chart {
  const rows = d.topics
    .filter((t) => t.total > 0)
    .slice(0, 10)
    .reverse();
  const height = 70 + rows.length * 26;
  return render(
    {
      grid: { left: 8, right: 16, top: 8, bottom: 44, containLabel: true },
      legend,
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: {
        type: 'category',
        data: rows.map((t) => (t.name.length > 42 ? `${t.name.slice(0, 40)}…` : t.name)),
        axisLabel: { fontSize: 11 },
      },
      series: (['positive', 'neutral', 'negative'] as const).map((k) =>
        series(
          k,
          rows.map((t) => t[k]),
          { barWidth: 14 },
        ),
      ),
    },
    600,
    height,
  );
}
