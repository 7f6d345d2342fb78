import { escapeHtml as e, vnTime } from '../alerts/index.ts';
import { vnLongDate } from './dates.ts';
import type { DigestData, DigestItem } from './digest-data.ts';
import {
  headerFigures,
  incidentLine,
  itemMeta,
  outlets,
  SENTIMENT,
  SENTIMENT_COLOR,
  safeUrl,
} from './digest-text.ts';

export const digestTitle = (d: DigestData) => `Điểm tin báo chí về giáo dục — ${vnLongDate(d.day)}`;

/** Markdown-safe text: crawled titles must not inject links or formatting. */
const md = (s: string) => s.replace(/([\\`*_[\]<>#|!])/g, '\\$1');

/** The digest as Markdown (also the plain-text part of the e-mail). */
export function renderMarkdown(d: DigestData): string {
  const out = [`# ${digestTitle(d)}`, '', `*${md(d.agency)}*`, ''];
  for (const f of headerFigures(d.figures, d.previous))
    out.push(`- ${f.label}: **${f.value}** (${f.change} so với hôm trước)`);
  out.push('', '## Sự việc đang xử lý', '');
  if (d.incidents.length === 0) out.push('Không có sự việc nào đang mở.');
  for (const i of d.incidents) {
    const l = incidentLine(i, d.at);
    out.push(
      `- **${md(l.title)}** — ${l.level}; ${l.state}; ${l.reach}`,
      `  - Thông tin xác minh: ${l.facts}`,
      `  - Phát ngôn: ${l.statement}`,
    );
  }
  out.push('', '## Tin về giáo dục của tỉnh', '');
  if (d.province.length === 0) out.push('Không có tin mới.', '');
  for (const g of d.province) {
    out.push(`### ${md(g.name)} (${g.items.length})`, '');
    for (const i of g.items) out.push(...mdItem(i));
  }
  out.push('## Tin giáo dục trong nước', '');
  if (d.national.length === 0) out.push('Không có tin mới.', '');
  for (const i of d.national) out.push(...mdItem(i));
  if (d.elsewhere.length > 0) {
    out.push('## Cảnh báo sớm từ địa phương khác', '');
    for (const i of d.elsewhere) out.push(...mdItem(i));
  }
  return `${out.join('\n').trim()}\n`;
}

function mdItem(i: DigestItem): string[] {
  return [
    `- **${md(i.title)}**  `,
    `  ${md(itemMeta(i, vnTime(i.publishedAt)))}  `,
    `  ${md(i.summary)}  `,
    `  <${safeUrl(i.url).replace(/[<>\s]/g, encodeURIComponent)}>`,
    '',
  ];
}

const BLUE = '#0b3d91';

/**
 * The digest as an HTML e-mail that renders in common mail clients (Outlook, Gmail, Thunderbird): layout tables,
 * inline styles only, no scripts, no external images, every crawled string escaped.
 */
export function renderEmail(d: DigestData): string {
  const section = (title: string, body: string) =>
    `<tr><td style="padding:20px 24px 4px"><h2 style="margin:0;font-size:18px;line-height:24px;color:${BLUE};border-bottom:2px solid ${BLUE};padding-bottom:4px;font-family:Arial,Helvetica,sans-serif">${e(title)}</h2></td></tr>\n${body}`;
  const figures = headerFigures(d.figures, d.previous)
    .map(
      (f) =>
        `<td width="25%" valign="top" style="padding:10px;background:#f0f4fa;border:2px solid #ffffff;font-family:Arial,Helvetica,sans-serif"><div style="font-size:22px;font-weight:bold;color:${BLUE}">${e(f.value)}</div><div style="font-size:13px;color:#333">${e(f.label)}</div><div style="font-size:12px;color:#666">${e(f.change)} so với hôm trước</div></td>`,
    )
    .join('');
  const incidents = d.incidents.length
    ? d.incidents
        .map((i) => {
          const l = incidentLine(i, d.at);
          return `<tr><td style="padding:8px 24px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px;border-left:4px solid ${l.overdue ? '#b3261e' : '#e0a800'}">
<b>${e(l.title)}</b><br><span style="color:#b3261e">${e(l.level)}</span> · ${e(l.state)} · ${e(l.reach)}<br>
Thông tin xác minh: ${e(l.facts)}<br>Phát ngôn: <b>${e(l.statement)}</b></td></tr>`;
        })
        .join('\n')
    : row('<p style="margin:0">Không có sự việc nào đang mở.</p>');
  const province = d.province.length
    ? d.province
        .map(
          (g) =>
            `${row(`<h3 style="margin:12px 0 0;font-size:15px;color:#222">${e(g.name)} (${g.items.length})</h3>`)}\n${g.items.map(emailItem).join('\n')}`,
        )
        .join('\n')
    : row('<p style="margin:0">Không có tin mới.</p>');
  const national = d.national.length
    ? d.national.map(emailItem).join('\n')
    : row('<p style="margin:0">Không có tin mới.</p>');
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(digestTitle(d))}</title></head>
<body style="margin:0;padding:0;background:#f4f4f4">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f4"><tr><td align="center" style="padding:12px 0">
<table role="presentation" width="680" cellpadding="0" cellspacing="0" border="0" style="width:680px;max-width:100%;background:#ffffff;color:#222222">
<tr><td style="padding:20px 24px 0;font-family:Arial,Helvetica,sans-serif"><p style="margin:0;font-size:13px;color:#555555">${e(d.agency)}</p>
<h1 style="margin:4px 0 12px;font-size:22px;line-height:28px;color:#111111">${e(digestTitle(d))}</h1></td></tr>
<tr><td style="padding:0 22px"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0"><tr>${figures}</tr></table></td></tr>
${section('Sự việc đang xử lý', incidents)}
${section('Tin về giáo dục của tỉnh', province)}
${section('Tin giáo dục trong nước', national)}
${d.elsewhere.length ? section('Cảnh báo sớm từ địa phương khác', d.elsewhere.map(emailItem).join('\n')) : ''}
${row('<p style="margin:16px 0 8px;font-size:12px;color:#888888">Bản điểm tin tự động của hệ thống diemtin. Phần tóm tắt trích nguyên văn từ nguồn; mở liên kết để đọc bản gốc.</p>')}
</table></td></tr></table></body></html>
`;
}

const row = (html: string) =>
  `<tr><td style="padding:4px 24px;font-family:Arial,Helvetica,sans-serif;font-size:14px;line-height:20px">${html}</td></tr>`;

function emailItem(i: DigestItem): string {
  return row(`<div style="padding:6px 0;border-bottom:1px solid #eeeeee">
<a href="${e(safeUrl(i.url))}" style="color:${BLUE};font-weight:bold;text-decoration:none">${e(i.title)}</a><br>
<span style="color:#666666;font-size:12px">${e(outlets(i))} · ${vnTime(i.publishedAt)} · <span style="color:${SENTIMENT_COLOR[i.sentiment]};font-weight:bold">${SENTIMENT[i.sentiment]}</span>${i.kind === 'social' ? ' · mạng xã hội' : ''}</span><br>
${e(i.summary)}</div>`);
}
