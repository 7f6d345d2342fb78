import type { FastifyInstance } from 'fastify';
import {
  CHANNELS,
  departmentName,
  LEAD_NAMES,
  LEVELS,
  type Lead,
  levelRank,
  ruleSet,
  STATE_NAMES,
  STATES,
  spokespeople,
  statementBasis,
  vnTime,
} from '../../alerts/index.ts';
import {
  type IncidentRow,
  incidentEvents,
  incidentMentions,
  listAuthorisations,
  listCorrections,
  listDesignations,
  listIncidents,
  listPeople,
  listPressRequests,
  listStatements,
} from '../../store/index.ts';
import { requireUser, sendPage, type WebContext } from '../app.ts';
import { mayActOn, maySee, type User } from '../auth.ts';
import { timelineChart } from '../chart.ts';
import { html, type SafeHtml, safeUrl } from '../html.ts';
import { ACTION_LABELS, type ActionName, runAction, visibleIncident } from '../incident-actions.ts';
import { countdown, csrfField, levelBadge, page, sentimentBadge, stateBadge } from '../layout.ts';
import { incidentTimeline } from '../queries.ts';

/** Incidents this account may see (department accounts: their own department's), newest first. */
/** Most serious first, then the most urgent due time. */
export const byUrgency = (a: IncidentRow, b: IncidentRow) =>
  levelRank(b.level) - levelRank(a.level) || nextDueAt(a) - nextDueAt(b);

const nextDueAt = (i: IncidentRow) =>
  !i.facts_at
    ? i.facts_due_at.getTime()
    : !i.statement_at
      ? i.statement_due_at.getTime()
      : Number.MAX_SAFE_INTEGER;

export async function visibleIncidents(ctx: WebContext, user: User): Promise<IncidentRow[]> {
  return (await listIncidents(ctx.store, ctx.config.province.slug)).filter((i) => maySee(user, i)).reverse();
}

export function incidentRoutes(app: FastifyInstance, ctx: WebContext) {
  app.get<{ Querystring: { trang_thai?: string } }>('/su-co', async (req, reply) => {
    const user = requireUser(req);
    const now = ctx.now();
    const all = await visibleIncidents(ctx, user);
    // By state: "dong" (closed), one state id, or (default) every open state.
    const want = req.query.trang_thai ?? '';
    const closed = want === 'dong';
    const inState = (i: IncidentRow) =>
      closed ? !isOpen(i) : (STATES as readonly string[]).includes(want) ? i.state === want : isOpen(i);
    const shown = all.filter(inState).sort(closed ? () => 0 : byUrgency);
    const stateLinks = STATES.filter((st) => all.some((i) => i.state === st)).map(
      (st) =>
        html` · <a href="/su-co?trang_thai=${st}" class="${want === st ? 'on' : ''}">${STATE_NAMES[st]} (${all.filter((i) => i.state === st).length})</a>`,
    );
    const column = (level: string) =>
      html`<div class="col"><h2>${levelBadge(level)} <span class="muted">${shown.filter((i) => i.level === level).length}</span></h2>
        ${shown
          .filter((i) => i.level === level)
          .map((i) => html`<div class="item">${incidentCard(ctx, i, now)}</div>`)}</div>`;
    return sendPage(
      reply,
      page(
        { title: 'Sự cố', user, csrf: reply.generateCsrf(), active: '/su-co' },
        html`<p><a href="/su-co">Đang xử lý (${all.filter(isOpen).length})</a> · <a href="/su-co?trang_thai=dong">Đã đóng (${all.filter((i) => !isOpen(i)).length})</a>${stateLinks}</p>
        <div class="board">${[...LEVELS].reverse().map(column)}</div>`,
      ),
    );
  });

  app.get<{ Params: { id: string }; Querystring: { xong?: string } }>('/su-co/:id', async (req, reply) => {
    const user = requireUser(req);
    const inc = await visibleIncident(ctx, user, Number(req.params.id));
    const done = ACTION_LABELS[req.query.xong as ActionName];
    return sendPage(
      reply,
      page(
        {
          title: `Sự việc #${inc.id}`,
          user,
          csrf: reply.generateCsrf(),
          active: '/su-co',
          flash: done ? { kind: 'ok', text: `Đã ghi: ${done}` } : null,
        },
        await incidentPage(ctx, user, inc, reply.generateCsrf()),
      ),
    );
  });

  app.post<{ Params: { id: string; action: string } }>('/su-co/:id/:action', async (req, reply) => {
    const user = requireUser(req);
    const id = Number(req.params.id);
    await runAction(ctx, user, id, req.params.action, req.body, req.ip);
    return reply.redirect(`/su-co/${id}?xong=${encodeURIComponent(req.params.action)}`, 303);
  });
}

/** Configured names of label ids ("-" for none). */
const labelNames = (labels: readonly { id: string; name: string }[], ids: string[]) =>
  ids.map((id) => labels.find((l) => l.id === id)?.name ?? id).join('; ') || '-';

const isOpen = (i: IncidentRow) => !['resolved', 'dismissed'].includes(i.state);

/** The next due time an incident is waiting for. */
function nextDue(i: IncidentRow, now: Date): SafeHtml {
  if (!i.facts_at) return html`Thông tin: ${countdown(i.facts_due_at, now)}`;
  if (!i.statement_at) return html`Phát ngôn: ${countdown(i.statement_due_at, now)}`;
  return html`<span class="done">Đã phát ngôn ${vnTime(i.statement_at)}</span>`;
}

export function incidentCard(ctx: WebContext, i: IncidentRow, now: Date): SafeHtml {
  return html`<a href="/su-co/${i.id}">#${i.id} ${i.title}</a><br>
    ${stateBadge(i.state)} <span class="muted">${departmentName(ctx.config, i.department)} · ${i.mention_count} tin</span><br>
    ${isOpen(i) ? nextDue(i, now) : html`<span class="muted">đóng ${i.closed_at ? vnTime(i.closed_at) : ''}</span>`}`;
}

async function incidentPage(ctx: WebContext, user: User, i: IncidentRow, csrf: string): Promise<SafeHtml> {
  const now = ctx.now();
  const p = ctx.config.province.slug;
  const [mentions, statements, press, corrections, events, people, designations, auths, timeline] =
    await Promise.all([
      incidentMentions(ctx.store, i.id),
      listStatements(ctx.store, i.id),
      listPressRequests(ctx.store, i.id),
      listCorrections(ctx.store, i.id),
      incidentEvents(ctx.store, i.id),
      listPeople(ctx.store, p),
      listDesignations(ctx.store, p),
      listAuthorisations(ctx.store, p),
      incidentTimeline(ctx.store, i.id),
    ]);
  const rules = ruleSet(i.rule_set);
  const names = new Map(people.map((x) => [x.id, `${x.name} (${x.title})`]));
  const who = (id: string | null) => (id ? (names.get(id) ?? id) : '-');
  const speakers = spokespeople(rules, people, designations, auths, i.id, now);
  const deadline = (due: Date, met: Date | null) =>
    met
      ? html`<span class="done">đã xong ${vnTime(met)}${met > due ? ' (muộn)' : ''}</span> · hạn ${vnTime(due)}`
      : countdown(due, now);
  const can = mayActOn(user, i);
  const speakerOptions = people
    .filter((p) => p.active)
    .map((p) => html`<option value="${p.id}">${p.name} (${p.title})</option>`);
  const actions = can
    ? actionForms(ctx, i, csrf, people)
    : html`<p class="muted">Tài khoản của bạn chỉ được xem sự việc này.</p>`;
  return html`<h2>${levelBadge(i.level)} ${i.title}</h2>
  <dl class="kv">
    <dt>Trạng thái</dt><dd>${stateBadge(i.state)}</dd>
    <dt>Đơn vị chủ trì</dt><dd>${departmentName(ctx.config, i.department)}${i.assigned_to ? ` · người được giao: ${who(i.assigned_to)}` : ''} · ${LEAD_NAMES[i.lead_by as Lead] ?? i.lead_by}</dd>
    <dt>Căn cứ</dt><dd>${rules.name}; nhận lúc ${vnTime(i.received_at)}; sự việc xảy ra (ước tính) ${vnTime(i.event_at)}</dd>
    <dt>Hạn thông tin xác minh</dt><dd id="facts-clock">${deadline(i.facts_due_at, i.facts_at)} <span class="muted">(${rules.clock.facts.basis})</span></dd>
    <dt>Hạn phát ngôn ban đầu</dt><dd id="statement-clock">${deadline(i.statement_due_at, i.statement_at)} <span class="muted">(${statementBasis(rules, i)})</span></dd>
    <dt>Người được phát ngôn</dt><dd>${speakers.map((s) => who(s.id)).join('; ') || '-'}</dd>
    <dt>Rủi ro · tuyến tin · địa bàn</dt><dd>${labelNames(ctx.config.risks, i.risks)} · ${labelNames(ctx.config.topics, i.topics)} · ${i.places.join(', ') || '-'}</dd>
    <dt>Tin, bài</dt><dd>${i.mention_count} tin từ ${i.outlet_count} nguồn (${i.news_count} bài báo, ${i.social_count} bài mạng xã hội); ${i.reach} lượt tương tác</dd>
  </dl>
  <h2>Diễn biến theo giờ</h2>${timelineChart(timeline, vnTime)}
  <h2>Thao tác</h2>${actions}
  <h2>Phát ngôn</h2>${
    statements.length
      ? html`<table><tr><th>Lúc</th><th>Người phát ngôn</th><th>Hình thức</th><th>Nội dung</th></tr>${statements.map(
          (s) =>
            html`<tr><td>${vnTime(s.at)}${s.on_time ? '' : ' (quá hạn)'}</td><td>${who(s.speaker_id)}</td><td>${CHANNELS[s.channel as keyof typeof CHANNELS] ?? s.channel}</td><td>${s.text}</td></tr>`,
        )}</table>`
      : html`<p class="muted">Chưa có.</p>`
  }
  <h2>Yêu cầu của báo chí</h2>${
    press.length
      ? html`<table><tr><th>Số</th><th>Cơ quan báo chí</th><th>Nội dung</th><th>Hạn</th><th>Kết quả</th></tr>${press.map(
          (r) =>
            html`<tr><td>${r.id}</td><td>${r.outlet}${r.journalist ? ` (${r.journalist})` : ''}</td><td>${r.question}</td><td>${r.state === 'open' ? countdown(r.due_at, now) : vnTime(r.due_at)}</td><td>${
              r.state === 'open'
                ? can
                  ? pressForms(i, r.id, csrf, speakerOptions, rules.refusal.grounds)
                  : 'chưa trả lời'
                : `${r.state === 'refused' ? `từ chối (${r.refusal_ground})` : 'đã trả lời'} ${r.answered_at ? vnTime(r.answered_at) : ''}: ${r.answer ?? ''}`
            }</td></tr>`,
        )}</table>`
      : html`<p class="muted">Chưa có.</p>`
  }
  <h2>Đề nghị cải chính</h2>${
    corrections.length
      ? html`<table><tr><th>Số</th><th>Cơ quan báo chí</th><th>Công văn</th><th>Bài</th><th>Kết quả</th></tr>${corrections.map(
          (c) =>
            html`<tr><td>${c.id}</td><td>${c.outlet}</td><td>${c.letter} · ${vnTime(c.sent_at)}</td><td><a href="${safeUrl(c.url)}" rel="noopener noreferrer nofollow">${c.url}</a></td><td>${
              c.compliance === 'pending'
                ? html`chờ, kiểm tra ${countdown(c.due_at, now)}${can ? complianceForm(i, c.id, csrf) : ''}`
                : COMPLIANCE[c.compliance]
            }</td></tr>`,
        )}</table>`
      : html`<p class="muted">Chưa có.</p>`
  }
  <h2>Tin, bài (${mentions.length})</h2>
  <table><tr><th>Lúc</th><th>Nguồn</th><th>Tiêu đề</th><th>Sắc thái</th></tr>${mentions.map(
    (m) =>
      html`<tr><td>${vnTime(m.published_at ?? m.fetched_at)}</td><td>${m.outlet}</td><td><a href="/tin-bai/${m.document_id}">${m.title || m.text.slice(0, 120)}</a> · <a href="${safeUrl(m.url)}" rel="noopener noreferrer nofollow">nguồn</a></td><td>${sentimentBadge(m.sentiment)}</td></tr>`,
  )}</table>
  <h2>Nhật ký</h2>
  <table><tr><th>Lúc</th><th>Người</th><th>Sự kiện</th><th>Chi tiết</th></tr>${events.map(
    (e) =>
      html`<tr><td>${vnTime(e.at)}</td><td>${e.actor === 'system' ? 'hệ thống' : who(e.actor)}</td><td>${e.kind}</td><td class="muted">${JSON.stringify(e.data).slice(0, 300)}</td></tr>`,
  )}</table>`;
}

const COMPLIANCE: Record<string, string> = {
  complied: 'đã cải chính',
  partial: 'cải chính một phần',
  refused: 'không cải chính',
};

function pressForms(
  i: IncidentRow,
  requestId: number,
  csrf: string,
  speakers: SafeHtml[],
  grounds: { id: string; text: string }[],
): SafeHtml {
  return html`<form method="post" action="/su-co/${i.id}/answer" class="stack answer-form">${csrfField(csrf)}<input type="hidden" name="requestId" value="${requestId}">
    <label>Người trả lời <select name="speaker">${speakers}</select></label><label>Nội dung trả lời <textarea name="text" required></textarea></label><button type="submit">Trả lời</button></form>
    <form method="post" action="/su-co/${i.id}/refuse" class="stack refuse-form">${csrfField(csrf)}<input type="hidden" name="requestId" value="${requestId}">
    <label>Người từ chối <select name="speaker">${speakers}</select></label>
    <label>Căn cứ <select name="ground">${grounds.map((g) => html`<option value="${g.id}">${g.text}</option>`)}</select></label>
    <label>Lý do <input name="reason"></label><button type="submit">Từ chối</button></form>`;
}

function complianceForm(i: IncidentRow, correctionId: number, csrf: string): SafeHtml {
  return html`<form method="post" action="/su-co/${i.id}/complied" class="stack">${csrfField(csrf)}<input type="hidden" name="correctionId" value="${correctionId}">
    <label>Kết quả <select name="compliance">${Object.entries(COMPLIANCE).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></label><button type="submit">Ghi nhận</button></form>`;
}

function actionForms(
  ctx: WebContext,
  i: IncidentRow,
  csrf: string,
  people: { id: string; name: string; title: string; active: boolean }[],
): SafeHtml {
  const form = (action: ActionName, fields: SafeHtml, confirm?: string) =>
    html`<form method="post" action="/su-co/${i.id}/${action}" class="stack" id="form-${action}"${confirm ? html` data-confirm="${confirm}"` : ''}>${csrfField(csrf)}<h3>${ACTION_LABELS[action]}</h3>${fields}<button type="submit">${ACTION_LABELS[action]}</button></form>`;
  const peopleOptions = people
    .filter((p) => p.active)
    .map((p) => html`<option value="${p.id}">${p.name} (${p.title})</option>`);
  return html`<div class="actions">
  ${form('ack', html`<label>Ghi chú <input name="note"></label><fieldset><label><input type="checkbox" name="dividedOpinion"> Xác định gây tranh luận trái chiều (NĐ 244/2026 Đ.7.4)</label></fieldset>`)}
  ${form('facts', html`<label>Thông tin đã kiểm chứng <textarea name="text" required></textarea></label><label>Thời điểm xảy ra sự việc (nếu xác định được) <input type="datetime-local" name="eventAt"></label>`)}
  ${form(
    'statement',
    html`<label>Người phát ngôn <select name="speaker"><option value="">(tôi)</option>${peopleOptions}</select></label>
    <label>Hình thức <select name="channel">${Object.entries(CHANNELS).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></label>
    <label>Nội dung phát ngôn <textarea name="text" required></textarea></label><label>Lúc (mặc định: bây giờ) <input type="datetime-local" name="at"></label>`,
  )}
  ${form('press', html`<label>Cơ quan báo chí <input name="outlet" required></label><label>Phóng viên <input name="journalist"></label><label>Nội dung yêu cầu <textarea name="question" required></textarea></label><label>Hạn trả lời <input type="datetime-local" name="dueAt"></label>`)}
  ${form('correction', html`<label>Cơ quan báo chí <input name="outlet" required></label><label>Đường dẫn bài báo <input name="url" type="url" required></label><label>Loại <select name="outletKind"><option value="online">báo điện tử</option><option value="daily">báo in hằng ngày</option><option value="other">khác</option></select></label><label>Số công văn <input name="letter" required></label><label>Căn cứ <textarea name="grounds"></textarea></label>`)}
  ${form('assign', html`<label>Đơn vị <select name="department">${ctx.config.departments.departments.map((d) => html`<option value="${d.id}"${d.id === i.department ? ' selected' : ''}>${d.name}</option>`)}</select></label><label>Người được giao <select name="person"><option value=""></option>${peopleOptions}</select></label>`)}
  ${form('monitor', html`<label>Ghi chú <input name="note"></label>`)}
  ${form('resolve', html`<label>Kết quả <input name="note"></label>`, 'Kết thúc sự việc này?')}
  ${form('dismiss', html`<label>Lý do <input name="reason" required minlength="3"></label>`, 'Loại sự việc này là báo động nhầm?')}
  </div>`;
}
