import type { FastifyInstance } from 'fastify';
import { vnTime } from '../../alerts/index.ts';
import { addWebAudit, disableSource, enableSource, getSource, listSources } from '../../store/index.ts';
import { requireUser, sendPage, type WebContext } from '../app.ts';
import { HttpError, may, type User } from '../auth.ts';
import { html, safeUrl } from '../html.ts';
import { csrfField, page } from '../layout.ts';

/** Turns a source on (also after repeated failures) or off; audited. */
export async function toggleSource(ctx: WebContext, user: User, id: string, on: boolean, ip: string) {
  const action = on ? 'source.enable' : 'source.disable';
  if (!may(user, 'source-toggle')) {
    await addWebAudit(ctx.store, {
      userId: user.id,
      username: user.username,
      action,
      target: `source:${id}`,
      ok: false,
      ip,
    });
    throw new HttpError(403, 'Chỉ Văn phòng và quản trị được bật, tắt nguồn');
  }
  const ok = on
    ? await enableSource(ctx.store, id)
    : await disableSource(ctx.store, id, `tắt trên bảng điều khiển bởi ${user.username}`);
  if (!ok) throw new HttpError(404, `Không có nguồn "${id}"`);
  await addWebAudit(ctx.store, {
    userId: user.id,
    username: user.username,
    action,
    target: `source:${id}`,
    ip,
  });
}

export function sourceRoutes(app: FastifyInstance, ctx: WebContext) {
  app.get('/nguon', async (req, reply) => {
    const user = requireUser(req);
    const csrf = reply.generateCsrf();
    const sources = await listSources(ctx.store);
    const canToggle = may(user, 'source-toggle');
    const row = (s: (typeof sources)[number]) => {
      const on = s.enabled && !s.health_disabled;
      return html`<tr><td>${s.name}<br><span class="muted">${s.id} · <a href="${safeUrl(s.url)}" rel="noopener noreferrer nofollow">${s.url}</a></span></td>
        <td>${s.kind} · ${s.tier}</td><td>${on ? 'đang bật' : html`<strong>tắt</strong><br><span class="muted">${s.disabled_reason ?? ''}</span>`}</td>
        <td>${s.last_success_at ? vnTime(s.last_success_at) : '-'}</td>
        <td>${s.consecutive_failures}${s.last_error ? html`<br><span class="muted">${s.last_error}</span>` : ''}</td>
        <td>${Math.round((s.poll_interval_s ?? s.interval_s) / 60)} phút</td>
        <td>${
          canToggle && s.enabled
            ? html`<form method="post" action="/nguon/${encodeURIComponent(s.id)}/${on ? 'tat' : 'bat'}" class="inline">${csrfField(csrf)}<button type="submit">${on ? 'Tắt' : 'Bật'}</button></form>`
            : ''
        }</td></tr>`;
    };
    return sendPage(
      reply,
      page(
        { title: 'Nguồn tin', user, csrf, active: '/nguon' },
        html`<p class="muted">${sources.filter((s) => s.enabled && !s.health_disabled).length}/${sources.length} nguồn đang bật. Nguồn lỗi 10 lần liên tiếp tự tắt.</p>
        <table><tr><th>Nguồn</th><th>Loại</th><th>Trạng thái</th><th>Lần thành công gần nhất</th><th>Lỗi liên tiếp</th><th>Chu kỳ</th><th></th></tr>${sources.map(row)}</table>`,
      ),
    );
  });

  app.post<{ Params: { id: string; op: string } }>('/nguon/:id/:op', async (req, reply) => {
    const user = requireUser(req);
    if (req.params.op !== 'bat' && req.params.op !== 'tat') throw new HttpError(404, 'Không có thao tác này');
    if (!(await getSource(ctx.store, req.params.id))) throw new HttpError(404, 'Không có nguồn này');
    await toggleSource(ctx, user, req.params.id, req.params.op === 'bat', req.ip);
    return reply.redirect('/nguon', 303);
  });
}
