import { escapeHtml, LEVEL_NAMES, type Level, vnTime } from '../alerts/index.ts';
import type { DigestData, DigestItem } from './digest-data.ts';

const SENTIMENT: Record<DigestItem['sentiment'], string> = {
  positive: 'Tích cực',
  neutral: 'Trung tính',
  negative: 'Tiêu cực',
};
const SENTIMENT_COLOR: Record<DigestItem['sentiment'], string> = {
  positive: '#1b7f3b',
  neutral: '#555555',
  negative: '#b3261e',
};

/** "ngày 05 tháng 01 năm 2026" */
export function vnLongDate(day: string): string {
  const [y, m, d] = day.split('-');
  return `ngày ${d} tháng ${m} năm ${y}`;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const outlets = (i: DigestItem) =>
  i.otherOutlets > 0 ? `${i.outlet} và ${i.otherOutlets} báo khác` : i.outlet;
const change = (now: number, before: number) => {
  const d = now - before;
  return d === 0 ? 'không đổi' : d > 0 ? `tăng ${d}` : `giảm ${-d}`;
};
/** Markdown-safe text: crawled titles must not inject links or formatting. */
const md = (s: string) => s.replace(/([\\`*_[\]<>#|])/g, '\\$1');

export function renderMarkdown(d: DigestData): string {
  const f = d.figures;
  const out = [
    `# Điểm tin báo chí về giáo dục — ${vnLongDate(d.day)}`,
    '',
    `*${md(d.agency)}*`,
    '',
    `- Tổng số tin, bài: **${f.items}**; liên quan giáo dục: **${f.relevant}** (${change(f.relevant, f.relevantYesterday)} so với hôm trước); về tỉnh: **${f.province}**`,
    `- Tỷ lệ tin tiêu cực: **${pct(f.negativeShare)}**`,
    '',
    '## Sự việc đang xử lý',
    '',
  ];
  if (d.incidents.length === 0) out.push('Không có sự việc nào đang mở.', '');
  for (const i of d.incidents)
    out.push(
      `- **#${i.id} ${md(i.title)}** — mức độ ${LEVEL_NAMES[i.level as Level] ?? i.level}; ${i.mention_count} tin, ${i.outlet_count} nguồn; hạn cung cấp thông tin: ${vnTime(i.facts_due_at)}; hạn phát ngôn: ${vnTime(i.statement_due_at)}`,
    );
  out.push('', '## Tin về giáo dục của tỉnh', '');
  if (d.province.length === 0) out.push('Không có tin mới.', '');
  for (const g of d.province) {
    out.push(`### ${md(g.name)}`, '');
    for (const i of g.items) out.push(...mdItem(i));
  }
  out.push('## Tin giáo dục trong nước', '');
  if (d.national.length === 0) out.push('Không có tin mới.', '');
  for (const i of d.national) out.push(...mdItem(i));
  return `${out.join('\n').trim()}\n`;
}

function mdItem(i: DigestItem): string[] {
  return [
    `- **${md(i.title)}** — ${md(outlets(i))}, ${vnTime(i.publishedAt)} — *${SENTIMENT[i.sentiment]}*  `,
    `  ${md(i.summary)}  `,
    `  <${i.url.replace(/>/g, '%3E')}>`,
    '',
  ];
}

/** An HTML e-mail that renders in common mail clients: inline styles, tables, no scripts, everything escaped. */
export function renderHtml(d: DigestData): string {
  const f = d.figures;
  const e = escapeHtml;
  const incidents = d.incidents.length
    ? d.incidents
        .map(
          (i) => `<tr><td style="padding:6px;border-bottom:1px solid #eee"><b>#${i.id} ${e(i.title)}</b><br>
<span style="color:#b3261e">Mức độ: ${e(LEVEL_NAMES[i.level as Level] ?? i.level)}</span> · ${i.mention_count} tin, ${i.outlet_count} nguồn<br>
Hạn cung cấp thông tin: <b>${vnTime(i.facts_due_at)}</b> · Hạn phát ngôn: <b>${vnTime(i.statement_due_at)}</b></td></tr>`,
        )
        .join('\n')
    : '<tr><td style="padding:6px">Không có sự việc nào đang mở.</td></tr>';
  const section = (title: string, body: string) =>
    `<h2 style="font-size:18px;color:#0b3d91;border-bottom:2px solid #0b3d91;padding-bottom:4px;margin:24px 0 8px">${e(title)}</h2>${body}`;
  const items = (list: DigestItem[]) =>
    list.length
      ? `<table role="presentation" width="100%" cellpadding="0" cellspacing="0">${list.map(htmlItem).join('\n')}</table>`
      : '<p>Không có tin mới.</p>';
  const province = d.province.length
    ? d.province
        .map((g) => `<h3 style="font-size:15px;margin:16px 0 4px">${e(g.name)}</h3>${items(g.items)}`)
        .join('\n')
    : '<p>Không có tin mới.</p>';
  return `<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Điểm tin ${e(vnLongDate(d.day))}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f4f4f4"><tr><td align="center">
<table role="presentation" width="680" cellpadding="0" cellspacing="0" style="background:#ffffff;font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222;padding:16px">
<tr><td style="padding:16px">
<p style="margin:0;color:#555">${e(d.agency)}</p>
<h1 style="font-size:22px;margin:4px 0 12px">Điểm tin báo chí về giáo dục — ${e(vnLongDate(d.day))}</h1>
<table role="presentation" cellpadding="6" cellspacing="0" style="background:#f0f4fa;width:100%"><tr>
<td><b>${f.items}</b><br>tin, bài</td><td><b>${f.relevant}</b><br>về giáo dục (${e(change(f.relevant, f.relevantYesterday))})</td>
<td><b>${f.province}</b><br>về tỉnh</td><td><b>${pct(f.negativeShare)}</b><br>tiêu cực</td></tr></table>
${section('Sự việc đang xử lý', `<table role="presentation" width="100%" cellpadding="0" cellspacing="0">${incidents}</table>`)}
${section('Tin về giáo dục của tỉnh', province)}
${section('Tin giáo dục trong nước', items(d.national))}
<p style="color:#888;font-size:12px;margin-top:24px">Bản tin tự động của hệ thống diemtin. Nội dung tóm tắt trích từ nguồn; vui lòng mở liên kết để đọc bản gốc.</p>
</td></tr></table></td></tr></table></body></html>
`;
}

function htmlItem(i: DigestItem): string {
  const e = escapeHtml;
  const href = /^https?:\/\//i.test(i.url) ? e(i.url) : '#';
  return `<tr><td style="padding:6px 0;border-bottom:1px solid #eee">
<a href="${href}" style="color:#0b3d91;font-weight:bold;text-decoration:none">${e(i.title)}</a><br>
<span style="color:#666;font-size:12px">${e(outlets(i))} · ${vnTime(i.publishedAt)} · <span style="color:${SENTIMENT_COLOR[i.sentiment]}">${SENTIMENT[i.sentiment]}</span></span><br>
<span>${e(i.summary)}</span></td></tr>`;
}
