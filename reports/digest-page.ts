import { escapeHtml as e, vnTime } from '../alerts/index.ts';
import type { DigestData, DigestItem } from './digest-data.ts';
import { digestTitle } from './digest-render.ts';
import { headerFigures, incidentLine, outlets, SENTIMENT, safeUrl } from './digest-text.ts';

const CSS = `body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:#1d1d1f;background:#f5f6f8}
main{max-width:860px;margin:0 auto;padding:16px 20px 48px;background:#fff}
header p{margin:0;color:#555}h1{font-size:1.6rem;margin:.2rem 0 1rem}
.figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:8px;margin:0 0 1rem;padding:0;list-style:none}
.figures li{background:#f0f4fa;padding:10px 12px;border-radius:6px}.figures b{display:block;font-size:1.5rem;color:#0b3d91}
.figures small{color:#666}nav{margin:0 0 1rem;font-size:.95rem}nav a{margin-right:1rem}
h2{color:#0b3d91;border-bottom:2px solid #0b3d91;padding-bottom:4px;margin-top:2rem}h3{margin:1.2rem 0 .4rem}
article{padding:8px 0;border-bottom:1px solid #eee}article a{font-weight:600;color:#0b3d91;text-decoration:none}
.meta{color:#666;font-size:.85rem}.positive{color:#1b7f3b}.negative{color:#b3261e}.neutral{color:#555}
.incident{border-left:4px solid #e0a800;padding:6px 12px;margin:8px 0;background:#fffbea}.incident.overdue{border-color:#b3261e;background:#fdecea}
footer{margin-top:2rem;color:#888;font-size:.8rem}`;

/** The digest as a web page (the dashboard serves it; the files go beside the e-mail). No scripts. */
export function renderPage(d: DigestData): string {
  const figures = headerFigures(d.figures, d.previous)
    .map(
      (f) => `<li><b>${e(f.value)}</b>${e(f.label)}<br><small>${e(f.change)} so với hôm trước</small></li>`,
    )
    .join('');
  const incidents = d.incidents.length
    ? d.incidents
        .map((i) => {
          const l = incidentLine(i, d.at);
          return `<div class="incident${l.overdue ? ' overdue' : ''}"><strong>${e(l.title)}</strong><div class="meta">${e(l.level)} · ${e(l.state)} · ${e(l.reach)}</div>
<div>Thông tin xác minh: ${e(l.facts)}</div><div>Phát ngôn: <strong>${e(l.statement)}</strong></div></div>`;
        })
        .join('\n')
    : '<p>Không có sự việc nào đang mở.</p>';
  const groups = d.province.length
    ? d.province
        .map(
          (g) =>
            `<h3 id="t-${e(g.topic)}">${e(g.name)} (${g.items.length})</h3>\n${g.items.map(article).join('\n')}`,
        )
        .join('\n')
    : '<p>Không có tin mới.</p>';
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${e(digestTitle(d))}</title><style>${CSS}</style></head>
<body><main>
<header><p>${e(d.agency)}</p><h1>${e(digestTitle(d))}</h1></header>
<ul class="figures">${figures}</ul>
<nav><a href="#su-viec">Sự việc (${d.incidents.length})</a><a href="#tinh">Tin của tỉnh</a><a href="#trong-nuoc">Tin trong nước (${d.national.length})</a></nav>
<section id="su-viec"><h2>Sự việc đang xử lý</h2>${incidents}</section>
<section id="tinh"><h2>Tin về giáo dục của tỉnh</h2>${groups}</section>
<section id="trong-nuoc"><h2>Tin giáo dục trong nước</h2>${d.national.length ? d.national.map(article).join('\n') : '<p>Không có tin mới.</p>'}</section>
${d.elsewhere.length ? `<section id="dia-phuong-khac"><h2>Cảnh báo sớm từ địa phương khác</h2>${d.elsewhere.map(article).join('\n')}</section>` : ''}
<footer>Bản điểm tin tự động của hệ thống diemtin, lập lúc ${vnTime(d.at)}. Phần tóm tắt trích nguyên văn từ nguồn.</footer>
</main></body></html>
`;
}

function article(i: DigestItem): string {
  return `<article><a href="${e(safeUrl(i.url))}" rel="noopener noreferrer">${e(i.title)}</a>
<div class="meta">${e(outlets(i))} · ${vnTime(i.publishedAt)} · <span class="${i.sentiment}">${SENTIMENT[i.sentiment]}</span>${i.kind === 'social' ? ' · mạng xã hội' : ''}</div>
<p>${e(i.summary)}</p></article>`;
}
