import type { FastifyInstance } from 'fastify';
import { listSpikes, overview } from '../../store/index.ts';
import { requireUser, sendPage, type WebContext } from '../app.ts';
import { trendChart } from '../chart.ts';
import { html } from '../html.ts';
import { levelBadge, page } from '../layout.ts';
import { byUrgency, incidentCard, visibleIncidents } from './incidents.ts';

export function overviewRoutes(app: FastifyInstance, ctx: WebContext) {
  app.get('/', async (req, reply) => {
    const user = requireUser(req);
    const now = ctx.now();
    const [o, incidents, spikes] = await Promise.all([
      overview(ctx.store, now, { province: ctx.config.province.slug }),
      visibleIncidents(ctx, user),
      listSpikes(ctx.store, ctx.config.province.slug),
    ]);
    const open = incidents.filter((i) => !['resolved', 'dismissed'].includes(i.state)).sort(byUrgency);
    const card = (label: string, n: string | number, before: string | number) =>
      html`<div class="card"><div class="n">${n}</div><div class="l">${label}</div><div class="d">cùng giờ hôm qua ${before}</div></div>`;
    const pct = (x: number) => `${Math.round(x * 100)}%`;
    const recentSpikes = spikes.filter((s) => now.getTime() - new Date(s.created_at).getTime() < 86400_000);
    return sendPage(
      reply,
      page(
        { title: 'Tổng quan', user, csrf: reply.generateCsrf(), active: '/' },
        html`<h2>Hôm nay</h2><div class="cards">
          ${card('tin về giáo dục', o.today.relevant, o.yesterdaySoFar.relevant)}
          ${card('tin tiêu cực', o.today.negative, o.yesterdaySoFar.negative)}
          ${card('tỷ lệ tiêu cực', pct(o.today.negativeShare), pct(o.yesterdaySoFar.negativeShare))}
          ${card('tin, bài đã đọc', o.today.items, o.yesterdaySoFar.items)}
          <div class="card"><div class="n">${open.length}</div><div class="l">sự việc đang xử lý</div><div class="d">${open.filter((i) => i.level === 'khung-hoang').length} khủng hoảng</div></div>
        </div>
        <h2>30 ngày qua</h2>${trendChart(o.trend)}
        <h2>Sự việc đang xử lý</h2>${
          open.length
            ? html`<table><tr><th>Mức độ</th><th>Sự việc</th></tr>${open.map(
                (i) => html`<tr><td>${levelBadge(i.level)}</td><td>${incidentCard(ctx, i, now)}</td></tr>`,
              )}</table>`
            : html`<p class="muted">Không có sự việc nào đang xử lý.</p>`
        }
        ${
          recentSpikes.length
            ? html`<h2>Tăng đột biến (24 giờ)</h2><ul>${recentSpikes.map(
                (s) =>
                  html`<li>${s.label_kind === 'topic' ? 'tuyến tin' : 'rủi ro'} ${s.label}: ${s.count} tin</li>`,
              )}</ul>`
            : ''
        }`,
      ),
    );
  });
}
