import type { FastifyInstance } from 'fastify';
import { vnTime } from '../../alerts/index.ts';
import { addDays, DaySchema, type DigestItem, digestData, vnDayOf, vnLongDate } from '../../reports/index.ts';
import { requireUser, sendPage, type WebContext } from '../app.ts';
import { maySee } from '../auth.ts';
import { html, safeUrl } from '../html.ts';
import { page, sentimentBadge } from '../layout.ts';
import { byUrgency, incidentCard } from './incidents.ts';

export function digestRoutes(app: FastifyInstance, ctx: WebContext) {
  app.get<{ Querystring: { ngay?: string } }>('/diem-tin', async (req, reply) => {
    const user = requireUser(req);
    const now = ctx.now();
    const today = vnDayOf(now);
    const day = DaySchema.parse(req.query.ngay || addDays(today, -1));
    const d = await digestData(ctx.store, ctx.config, day, now);
    const item = (i: DigestItem) =>
      html`<li class="item"><a href="${safeUrl(i.url)}" rel="noopener noreferrer nofollow">${i.title}</a>
        <span class="muted">— ${i.outlet}${i.otherOutlets > 0 ? ` và ${i.otherOutlets} báo khác` : ''}, ${vnTime(i.publishedAt)}</span>
        ${sentimentBadge(i.sentiment)}${i.risks.length ? html` <span class="badge level-su-co">${i.risks.join(', ')}</span>` : ''}
        <br><span>${i.summary}</span></li>`;
    const f = d.figures;
    const delta = (a: number, b: number) => (a === b ? '' : a > b ? ` (+${a - b})` : ` (−${b - a})`);
    const incidents = d.incidents.filter((i) => maySee(user, i)).sort(byUrgency);
    return sendPage(
      reply,
      page(
        { title: `Điểm tin ${vnLongDate(day)}`, user, csrf: reply.generateCsrf(), active: '/diem-tin' },
        html`<form method="get" action="/diem-tin" class="filters"><a href="/diem-tin?ngay=${addDays(day, -1)}">← ngày trước</a>
          <label>Ngày <input type="date" name="ngay" value="${day}" max="${today}"></label><button type="submit">Xem</button>
          ${day < today ? html`<a href="/diem-tin?ngay=${addDays(day, 1)}">ngày sau →</a>` : ''}</form>
        <div class="cards">
          <div class="card"><div class="n">${f.relevant}</div><div class="l">tin về giáo dục${delta(f.relevant, d.previous.relevant)}</div></div>
          <div class="card"><div class="n">${f.province}</div><div class="l">trong tỉnh${delta(f.province, d.previous.province)}</div></div>
          <div class="card"><div class="n">${f.national}</div><div class="l">toàn quốc${delta(f.national, d.previous.national)}</div></div>
          <div class="card"><div class="n">${Math.round(f.negativeShare * 100)}%</div><div class="l">tiêu cực (${f.negative} tin)</div></div>
        </div>
        ${incidents.length ? html`<h2>Sự việc đang xử lý</h2><ul>${incidents.map((i) => html`<li class="item">${incidentCard(ctx, i, now)}</li>`)}</ul>` : ''}
        <h2>Tin trong tỉnh</h2>${
          d.province.length
            ? d.province.map((g) => html`<h3>${g.name}</h3><ul>${g.items.map(item)}</ul>`)
            : html`<p class="muted">Không có tin trong tỉnh.</p>`
        }
        <h2>Tin toàn quốc</h2>${d.national.length ? html`<ul>${d.national.map(item)}</ul>` : html`<p class="muted">Không có.</p>`}
        ${d.elsewhere.length ? html`<h2>Cảnh báo sớm từ tỉnh khác</h2><ul>${d.elsewhere.map(item)}</ul>` : ''}`,
      ),
    );
  });
}
