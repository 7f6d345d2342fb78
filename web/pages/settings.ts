import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addPerson, authorise, departmentName, designate, markPaper, vnTime } from '../../alerts/index.ts';
import {
  addWebAudit,
  deactivateWebUser,
  listApiTokens,
  listAuthorisations,
  listDesignations,
  listPeople,
  listWebAudit,
  listWebUsers,
} from '../../store/index.ts';
import { requireUser, sendPage, type WebContext } from '../app.ts';
import { HttpError, may, ROLE_NAMES, type User } from '../auth.ts';
import { html } from '../html.ts';
import { csrfField, page } from '../layout.ts';
import { addUser } from '../users.ts';

const vnLocal = (s: string | undefined) => (s ? new Date(s.length === 16 ? `${s}:00+07:00` : s) : undefined);

const AuthForm = z.object({
  person: z.string().min(1),
  incidentId: z.coerce.number().int().positive(),
  document: z.string().trim().min(1, 'ủy quyền phải bằng văn bản: cần số văn bản'),
  signedAt: z.string().min(1),
  validUntil: z.string().min(1),
  publishedAt: z.string().optional(),
  matter: z.string().optional(),
});

function admin(user: User): User {
  if (!may(user, 'configure')) throw new HttpError(403, 'Chỉ quản trị viên được vào Cấu hình');
  return user;
}

export function settingsRoutes(app: FastifyInstance, ctx: WebContext) {
  const audit = (
    user: User,
    action: string,
    target: string,
    ip: string,
    data: Record<string, unknown> = {},
  ) => addWebAudit(ctx.store, { userId: user.id, username: user.username, action, target, data, ip });

  app.get<{ Querystring: { xong?: string } }>('/cau-hinh', async (req, reply) => {
    const user = requireUser(req);
    if (!may(user, 'configure')) {
      await addWebAudit(ctx.store, {
        userId: user.id,
        username: user.username,
        action: 'settings.view',
        ok: false,
        ip: req.ip,
      });
      admin(user);
    }
    const csrf = reply.generateCsrf();
    const p = ctx.config.province.slug;
    const [people, designations, auths, users, tokens, log] = await Promise.all([
      listPeople(ctx.store, p),
      listDesignations(ctx.store, p),
      listAuthorisations(ctx.store, p),
      listWebUsers(ctx.store),
      listApiTokens(ctx.store),
      listWebAudit(ctx.store, 100),
    ]);
    const name = new Map(people.map((x) => [x.id, x.name]));
    const dep = (id: string | null) => (id ? departmentName(ctx.config, id) : '-');
    const { departments } = ctx.config;
    const ids = (xs: string[]) => xs.join(', ') || '(mọi)';
    const personOptions = people
      .filter((x) => x.active)
      .map((x) => html`<option value="${x.id}">${x.name} (${x.title})</option>`);
    return sendPage(
      reply,
      page(
        {
          title: 'Cấu hình',
          user,
          csrf,
          active: '/cau-hinh',
          flash: req.query.xong ? { kind: 'ok', text: 'Đã lưu' } : null,
        },
        html`<h2>Tài khoản</h2>
        <table><tr><th>Tên đăng nhập</th><th>Họ tên</th><th>Vai trò</th><th>Đơn vị</th><th>Người (people)</th><th></th></tr>${users.map(
          (
            u,
          ) => html`<tr><td>${u.username}</td><td>${u.name}</td><td>${ROLE_NAMES[u.role]}</td><td>${dep(u.department)}</td><td>${u.person_id ?? '-'}</td>
            <td>${u.active ? (u.id === user.id ? '' : html`<form method="post" action="/cau-hinh/tai-khoan/${u.username}/khoa" class="inline">${csrfField(csrf)}<button type="submit">Khóa</button></form>`) : 'đã khóa'}</td></tr>`,
        )}</table>
        <form method="post" action="/cau-hinh/tai-khoan" class="stack" id="form-user">${csrfField(csrf)}<h3>Thêm hoặc cập nhật tài khoản</h3>
          <label>Tên đăng nhập <input name="username" required pattern="[a-z0-9._-]{2,40}"></label>
          <label>Vai trò <select name="role">${Object.entries(ROLE_NAMES).map(([k, v]) => html`<option value="${k}">${v}</option>`)}</select></label>
          <label>Đơn vị (tài khoản phòng chuyên môn) <select name="department"><option value=""></option>${departments.departments.map((d) => html`<option value="${d.id}">${d.name}</option>`)}</select></label>
          <label>Người trong danh sách <select name="person"><option value=""></option>${personOptions}</select></label>
          <label>Mật khẩu (ít nhất 10 ký tự) <input name="password" type="password" autocomplete="new-password" required minlength="10"></label>
          <button type="submit">Lưu tài khoản</button></form>
        <h2>Mã truy cập API</h2>${
          tokens.length
            ? html`<table><tr><th>Số</th><th>Tài khoản</th><th>Tên</th><th>Tạo lúc</th><th>Dùng gần nhất</th></tr>${tokens.map(
                (t) =>
                  html`<tr><td>${t.id}</td><td>${t.username}</td><td>${t.name}</td><td>${vnTime(t.created_at)}</td><td>${t.revoked_at ? 'đã thu hồi' : t.last_used_at ? vnTime(t.last_used_at) : '-'}</td></tr>`,
              )}</table>`
            : html`<p class="muted">Chưa có. Tạo bằng: diemtin tokens add TÊN_ĐĂNG_NHẬP</p>`
        }
        <h2>Người phát ngôn và người liên quan</h2>
        <table><tr><th>Mã</th><th>Họ tên</th><th>Chức vụ</th><th>Vai trò</th><th>Đơn vị</th><th>Thư điện tử</th></tr>${people.map(
          (x) =>
            html`<tr><td>${x.id}</td><td>${x.name}${x.active ? '' : ' (thôi)'}</td><td>${x.title}</td><td>${x.role}</td><td>${dep(x.department)}</td><td>${x.email}</td></tr>`,
        )}</table>
        <form method="post" action="/cau-hinh/nguoi" class="stack" id="form-person">${csrfField(csrf)}<h3>Thêm hoặc cập nhật người</h3>
          <label>Mã <input name="id" required pattern="[a-z0-9-]+"></label><label>Họ tên <input name="name" required></label>
          <label>Chức vụ <input name="title" required></label>
          <label>Vai trò <select name="role">${['head', 'deputy', 'spokesperson', 'staff', 'monitor'].map((r) => html`<option value="${r}">${r}</option>`)}</select></label>
          <label>Đơn vị <select name="department"><option value=""></option>${departments.departments.map((d) => html`<option value="${d.id}">${d.name}</option>`)}</select></label>
          <label>Thư điện tử <input name="email" type="email" required></label><label>Điện thoại <input name="phone"></label>
          <button type="submit">Lưu</button></form>
        <h3>Người phát ngôn thường trực</h3>${
          designations.length
            ? html`<ul>${designations.map((d) => html`<li>${name.get(d.person_id) ?? d.person_id}: chỉ định ${vnTime(d.designated_at)}${d.document ? ` (${d.document})` : ''}; công bố ${d.published_at ? vnTime(d.published_at) : 'chưa'}${d.revoked_at ? `; thôi ${vnTime(d.revoked_at)}` : ''}</li>`)}</ul>`
            : html`<p class="muted">Chưa chỉ định.</p>`
        }
        <form method="post" action="/cau-hinh/chi-dinh" class="stack" id="form-designate">${csrfField(csrf)}<h3>Chỉ định người phát ngôn thường trực (Giám đốc ký)</h3>
          <label>Người <select name="person">${personOptions}</select></label><label>Số quyết định <input name="document" required></label>
          <label>Ký lúc <input name="at" type="datetime-local" required></label><label>Công bố trên cổng lúc <input name="publishedAt" type="datetime-local"></label>
          <button type="submit">Ghi nhận</button></form>
        <h3>Ủy quyền phát ngôn</h3>${
          auths.length
            ? html`<table><tr><th>Người</th><th>Sự việc</th><th>Văn bản</th><th>Hiệu lực</th><th>Công bố</th></tr>${auths.map(
                (a) =>
                  html`<tr><td>${name.get(a.person_id) ?? a.person_id}</td><td>${a.incident_id ? html`<a href="/su-co/${a.incident_id}">#${a.incident_id}</a>` : a.matter}</td><td>${a.document} · ký ${vnTime(a.signed_at)}</td><td>${vnTime(a.valid_from)} – ${vnTime(a.valid_until)}${a.revoked_at ? ' (đã thu hồi)' : ''}</td><td>${a.published_at ? vnTime(a.published_at) : html`chưa <form method="post" action="/cau-hinh/cong-bo/${a.id}" class="inline">${csrfField(csrf)}<button type="submit">Đã công bố</button></form>`}</td></tr>`,
              )}</table>`
            : html`<p class="muted">Chưa có.</p>`
        }
        <form method="post" action="/cau-hinh/uy-quyen" class="stack" id="form-authorise">${csrfField(csrf)}<h3>Ghi nhận ủy quyền bằng văn bản (một vụ việc, có thời hạn)</h3>
          <label>Người được ủy quyền <select name="person">${personOptions}</select></label>
          <label>Sự việc số <input name="incidentId" type="number" min="1" required></label>
          <label>Số văn bản <input name="document" required></label>
          <label>Ký lúc <input name="signedAt" type="datetime-local" required></label>
          <label>Hiệu lực đến <input name="validUntil" type="datetime-local" required></label>
          <label>Công bố lúc <input name="publishedAt" type="datetime-local"></label>
          <button type="submit">Ghi nhận (Giám đốc ký)</button></form>
        <h2>Phân công xử lý (departments.yaml)</h2>
        <p class="muted">Sửa trong config/provinces/${p}/departments.yaml; quy tắc đầu tiên khớp được áp dụng. Văn phòng (${dep(departments.office)}) luôn được báo.</p>
        <table><tr><th>Rủi ro</th><th>Tuyến tin</th><th>Đơn vị</th></tr>${departments.routing.map(
          (r) =>
            html`<tr><td>${ids(r.risks)}</td><td>${ids(r.topics)}</td><td>${dep(r.department)}</td></tr>`,
        )}<tr><td colspan="2">(còn lại)</td><td>${dep(departments.default)}</td></tr></table>
        <h2>Người nhận điểm tin</h2>
        <p>${ctx.config.province.digest.recipients.join(', ') || 'chưa cấu hình'} <span class="muted">· gửi lúc ${ctx.config.province.digest.time} (province.yaml)</span></p>
        <h2>Nhật ký thao tác (100 gần nhất)</h2>
        <table><tr><th>Lúc</th><th>Tài khoản</th><th>Thao tác</th><th>Đối tượng</th><th>Kết quả</th><th>Địa chỉ</th></tr>${log.map(
          (e) =>
            html`<tr><td>${vnTime(e.at)}</td><td>${e.username}</td><td>${e.action}</td><td>${e.target ?? ''}</td><td>${e.ok ? 'được' : html`<strong>bị từ chối</strong>`}</td><td class="muted">${e.ip ?? ''}</td></tr>`,
        )}</table>`,
      ),
    );
  });

  app.post('/cau-hinh/tai-khoan', async (req, reply) => {
    const user = admin(requireUser(req));
    const body = req.body as Record<string, string>;
    await addUser(ctx.store, ctx.config, {
      username: body.username ?? '',
      role: body.role as never,
      department: body.department,
      person: body.person,
      password: body.password ?? '',
    });
    await audit(user, 'user.add', `user:${body.username}`, req.ip, {
      role: body.role,
      department: body.department,
    });
    return reply.redirect('/cau-hinh?xong=1', 303);
  });

  app.post<{ Params: { username: string } }>('/cau-hinh/tai-khoan/:username/khoa', async (req, reply) => {
    const user = admin(requireUser(req));
    if (!(await deactivateWebUser(ctx.store, req.params.username)))
      throw new HttpError(404, 'Không có tài khoản này');
    await audit(user, 'user.remove', `user:${req.params.username}`, req.ip);
    return reply.redirect('/cau-hinh?xong=1', 303);
  });

  app.post('/cau-hinh/nguoi', async (req, reply) => {
    const user = admin(requireUser(req));
    const b = req.body as Record<string, string>;
    await addPerson(ctx.store, ctx.config, {
      id: b.id ?? '',
      name: b.name ?? '',
      title: b.title ?? '',
      role: b.role as never,
      department: b.department || null,
      email: b.email ?? '',
      phone: b.phone || null,
    });
    await audit(user, 'people.add', `person:${b.id}`, req.ip, { role: b.role });
    return reply.redirect('/cau-hinh?xong=1', 303);
  });

  app.post('/cau-hinh/chi-dinh', async (req, reply) => {
    const user = admin(requireUser(req));
    const b = req.body as Record<string, string>;
    const head = ctx.config.people.people.find((x) => x.role === 'head')!;
    await designate(ctx.store, ctx.config, {
      person: b.person ?? '',
      by: head.id,
      at: vnLocal(b.at)!,
      document: b.document ?? '',
      publishedAt: vnLocal(b.publishedAt),
    });
    await audit(user, 'people.designate', `person:${b.person}`, req.ip, { document: b.document });
    return reply.redirect('/cau-hinh?xong=1', 303);
  });

  app.post<{ Params: { id: string } }>('/cau-hinh/cong-bo/:id', async (req, reply) => {
    const user = admin(requireUser(req));
    await markPaper(ctx.store, ctx.config, 'authorisation', Number(req.params.id), 'published', ctx.now());
    await audit(user, 'people.publish', `authorisation:${req.params.id}`, req.ip);
    return reply.redirect('/cau-hinh?xong=1', 303);
  });

  app.post('/cau-hinh/uy-quyen', async (req, reply) => {
    const user = admin(requireUser(req));
    const f = AuthForm.parse(req.body);
    const head = ctx.config.people.people.find((x) => x.role === 'head')!;
    await authorise(ctx.store, ctx.config, {
      person: f.person,
      by: head.id,
      incidentId: f.incidentId,
      document: f.document,
      signedAt: vnLocal(f.signedAt)!,
      validUntil: vnLocal(f.validUntil)!,
      publishedAt: vnLocal(f.publishedAt),
      matter: f.matter,
    });
    await audit(user, 'people.authorise', `incident:${f.incidentId}`, req.ip, {
      person: f.person,
      document: f.document,
    });
    return reply.redirect('/cau-hinh?xong=1', 303);
  });
}
