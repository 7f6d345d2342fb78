import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { vnTime } from '../../alerts/index.ts';
import {
  documentCorrections,
  getClassification,
  getDocument,
  incidentOfDocument,
  type MentionItem,
  searchMentions,
} from '../../store/index.ts';
import { requireUser, sendPage, type WebContext } from '../app.ts';
import { HttpError, may } from '../auth.ts';
import { html, type SafeHtml, safeUrl } from '../html.ts';
import { visibleIncident } from '../incident-actions.ts';
import { correctItem } from '../labels.ts';
import { csrfField, page, query, SCOPE_NAMES, SENTIMENT_NAMES, sentimentBadge } from '../layout.ts';
import { mentionFilters, outlets, SearchFilters, snippets } from '../queries.ts';
import { visibleIncidents } from './incidents.ts';

const SIZE = 50;
const PageNo = z.coerce.number().int().min(1).max(10_000).catch(1);

export function mentionRoutes(app: FastifyInstance, ctx: WebContext) {
  app.get('/tin-bai', async (req, reply) => {
    const user = requireUser(req);
    const raw = req.query as Record<string, string | string[]>;
    const f = SearchFilters.parse(raw);
    const pageNo = PageNo.parse(raw.trang);
    const [r, outletList, seen] = await Promise.all([
      searchMentions(ctx.store, mentionFilters(f), { page: pageNo, perPage: SIZE }),
      outlets(ctx.store),
      user.role === 'department' ? visibleIncidents(ctx, user) : undefined,
    ]);
    // A department account sees links to its own department's incidents only.
    const visible = (id: number) => !seen || seen.some((i) => i.id === id);
    const topicName = new Map(ctx.config.topics.map((t) => [t.id, t.name]));
    const riskName = new Map(ctx.config.risks.map((x) => [x.id, x.name]));
    const untitled = await snippets(
      ctx.store,
      r.items.filter((m) => !m.title).map((m) => m.id),
    );
    const select = (name: string, label: string, options: [string, string][], chosen: string[]) =>
      html`<label>${label}<select name="${name}"><option value="">(tất cả)</option>${options.map(
        ([v, l]) => html`<option value="${v}"${chosen.includes(v) ? ' selected' : ''}>${l}</option>`,
      )}</select></label>`;
    const params = {
      q: f.q,
      from: f.from,
      to: f.to,
      topic: f.topic.join(','),
      sentiment: f.sentiment,
      scope: f.scope.join(','),
      risk: f.risk.join(','),
      outlet: f.outlet,
      kind: f.kind,
      all: f.all,
    };
    const pages = Math.max(1, Math.ceil(r.total / SIZE));
    const row = (m: MentionItem) => {
      const incidents = m.incidentIds.filter(visible);
      return html`<tr><td>${vnTime(m.publishedAt)}</td><td>${m.outlet}<br><span class="muted">${m.kind === 'social' ? 'mạng xã hội' : 'báo chí'}</span></td>
        <td><a href="/tin-bai/${m.id}">${m.title || `${untitled.get(m.id) ?? ''}…`}</a>
        ${m.storyDocCount > 1 ? html`<br><span class="muted">câu chuyện có ${m.storyDocCount} tin từ ${m.storyOutletCount} nguồn</span>` : ''}
        ${incidents.map((id) => html`<br><a href="/su-co/${id}">sự việc #${id}</a>`)}</td>
        <td>${sentimentBadge(m.sentiment)}<br><span class="muted">${SCOPE_NAMES[m.scope] ?? ''}</span></td>
        <td class="muted">${m.topics.map((t) => topicName.get(t) ?? t).join('; ')}${m.risks.length ? html`<br><strong>${m.risks.map((x) => riskName.get(x) ?? x).join('; ')}</strong>` : ''}</td></tr>`;
    };
    return sendPage(
      reply,
      page(
        { title: 'Tin bài', user, csrf: reply.generateCsrf(), active: '/tin-bai' },
        html`<form method="get" action="/tin-bai" class="filters">
          <label>Tìm (không dấu cũng được)<input name="q" value="${f.q ?? ''}" type="search"></label>
          <label>Từ ngày<input type="date" name="from" value="${f.from ?? ''}"></label>
          <label>Đến ngày<input type="date" name="to" value="${f.to ?? ''}"></label>
          ${select(
            'topic',
            'Tuyến tin',
            ctx.config.topics.map((t) => [t.id, t.name]),
            f.topic,
          )}
          ${select('sentiment', 'Sắc thái', Object.entries(SENTIMENT_NAMES), f.sentiment ? [f.sentiment] : [])}
          ${select('scope', 'Phạm vi', Object.entries(SCOPE_NAMES), f.scope)}
          ${select(
            'risk',
            'Rủi ro',
            ctx.config.risks.map((x) => [x.id, x.name]),
            f.risk,
          )}
          ${select(
            'outlet',
            'Nguồn',
            outletList.map((o) => [o, o]),
            f.outlet ? [f.outlet] : [],
          )}
          ${select(
            'kind',
            'Loại',
            [
              ['news', 'báo chí'],
              ['social', 'mạng xã hội'],
            ],
            f.kind ? [f.kind] : [],
          )}
          <button type="submit">Lọc</button></form>
        <p class="muted" id="total">${r.totalExact ? '' : 'khoảng '}${r.totalExact ? '' : 'khoảng '}${r.total} tin · trang ${pageNo}/${pages}</p>
        <table><tr><th>Lúc</th><th>Nguồn</th><th>Tin</th><th>Sắc thái</th><th>Tuyến tin, rủi ro</th></tr>${r.items.map(row)}</table>
        <div class="pager">${pageNo > 1 ? html`<a href="/tin-bai${query({ ...params, trang: pageNo - 1 })}">← trang trước</a>` : ''}
          ${pageNo < pages ? html`<a href="/tin-bai${query({ ...params, trang: pageNo + 1 })}">trang sau →</a>` : ''}</div>`,
      ),
    );
  });

  app.get<{ Params: { id: string }; Querystring: { xong?: string } }>('/tin-bai/:id', async (req, reply) => {
    const user = requireUser(req);
    const id = Number(req.params.id);
    const doc = Number.isSafeInteger(id) && id > 0 ? await getDocument(ctx.store, id) : undefined;
    if (!doc) throw new HttpError(404, `Không có tin #${req.params.id}`);
    const [c, corrections, incidentId, story] = await Promise.all([
      getClassification(ctx.store, id),
      documentCorrections(ctx.store, id),
      incidentOfDocument(ctx.store, id),
      ctx.store.query<{ id: number; outlet: string; title: string; at: Date }>(
        'SELECT id, outlet, title, COALESCE(published_at, fetched_at) AS at FROM documents WHERE story_id = $1 AND id <> $2 ORDER BY at LIMIT 50',
        [doc.story_id, id],
      ),
    ]);
    const incident = incidentId
      ? await visibleIncident(ctx, user, incidentId).catch(() => undefined)
      : undefined;
    const csrf = reply.generateCsrf();
    const topicName = new Map(ctx.config.topics.map((t) => [t.id, t.name]));
    return sendPage(
      reply,
      page(
        {
          title: `Tin #${id}`,
          user,
          csrf,
          active: '/tin-bai',
          flash: req.query.xong ? { kind: 'ok', text: 'Đã lưu nhãn đã sửa' } : null,
        },
        html`<h2>${doc.title || '(bài đăng mạng xã hội)'}</h2>
        <dl class="kv"><dt>Nguồn</dt><dd>${doc.outlet} · <a href="${safeUrl(doc.url)}" rel="noopener noreferrer nofollow">${doc.url}</a></dd>
          <dt>Lúc</dt><dd>${vnTime(doc.published_at ?? doc.fetched_at)}</dd>
          <dt>Nhãn</dt><dd>${c ? html`${c.education ? 'về giáo dục' : 'không về giáo dục'} · ${SCOPE_NAMES[c.scope] ?? c.scope} · ${sentimentBadge(c.sentiment)} · ${c.topics.map((t) => topicName.get(t) ?? t).join('; ') || '-'} · rủi ro: ${c.risks.join(', ') || '-'}${corrections.length ? html` <span class="muted">(đã sửa tay)</span>` : ''}` : 'chưa phân loại'}</dd>
          <dt>Sự việc</dt><dd>${incident ? html`<a href="/su-co/${incident.id}">#${incident.id} ${incident.title}</a>` : incidentId ? 'thuộc một sự việc của đơn vị khác' : '-'}</dd>
          <dt>Cùng câu chuyện</dt><dd>${story.length ? html`<ul>${story.map((s) => html`<li><a href="/tin-bai/${s.id}">${s.outlet}: ${s.title || 'bài đăng'}</a> <span class="muted">${vnTime(s.at)}</span></li>`)}</ul>` : '-'}</dd></dl>
        <h2>Nội dung</h2><div class="text">${doc.text}</div>
        ${c && may(user, 'label-correct') ? labelForm(ctx, id, csrf, c) : ''}
        ${corrections.length ? html`<h2>Lịch sử sửa nhãn</h2><table><tr><th>Lúc</th><th>Người sửa</th><th>Nhãn mới</th></tr>${corrections.map((k) => html`<tr><td>${vnTime(k.at)}</td><td>${k.username}</td><td>${k.education ? 'giáo dục' : 'không'} · ${k.scope} · ${k.sentiment} · ${k.topics.join(', ')} · ${k.risks.join(', ')}</td></tr>`)}</table>` : ''}`,
      ),
    );
  });

  app.post<{ Params: { id: string } }>('/tin-bai/:id/nhan', async (req, reply) => {
    const user = requireUser(req);
    const id = Number(req.params.id);
    await correctItem(ctx, user, id, req.body, req.ip);
    return reply.redirect(`/tin-bai/${id}?xong=1`, 303);
  });
}

function labelForm(
  ctx: WebContext,
  id: number,
  csrf: string,
  c: { education: boolean; scope: string; topics: string[]; sentiment: string; risks: string[] },
): SafeHtml {
  const boxes = (name: string, items: { id: string; name: string }[], chosen: string[]) =>
    html`<fieldset><legend>${name === 'topics' ? 'Tuyến tin' : 'Rủi ro'}</legend>${items.map(
      (x) =>
        html`<label><input type="checkbox" name="${name}" value="${x.id}"${chosen.includes(x.id) ? ' checked' : ''}> ${x.name}</label>`,
    )}</fieldset>`;
  const radio = (name: string, options: Record<string, string>, chosen: string) =>
    html`<fieldset><legend>${name === 'scope' ? 'Phạm vi' : 'Sắc thái'}</legend>${Object.entries(options).map(
      ([v, l]) =>
        html`<label><input type="radio" name="${name}" value="${v}"${v === chosen ? ' checked' : ''}> ${l}</label>`,
    )}</fieldset>`;
  return html`<h2>Sửa nhãn</h2><form method="post" action="/tin-bai/${id}/nhan" class="stack" id="label-form">${csrfField(csrf)}
    <fieldset><label><input type="checkbox" name="education"${c.education ? ' checked' : ''}> Về giáo dục</label></fieldset>
    ${radio('scope', SCOPE_NAMES, c.scope)}${radio('sentiment', SENTIMENT_NAMES, c.sentiment)}
    ${boxes('topics', ctx.config.topics, c.topics)}${boxes('risks', ctx.config.risks, c.risks)}
    <button type="submit">Lưu nhãn</button><span class="muted">Nhãn đã sửa được ghi lại (ai, lúc nào) và dùng để huấn luyện lại (diemtin train --corrections).</span></form>`;
}
