import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { exportMentions, monthlyReport, spokespersonReport, vnDayOf } from '../../reports/index.ts';
import { addWebAudit } from '../../store/index.ts';
import { requireUser, sendPage, type WebContext } from '../app.ts';
import { HttpError, may, type User } from '../auth.ts';
import { html } from '../html.ts';
import { csrfField, page, SCOPE_NAMES, SENTIMENT_NAMES } from '../layout.ts';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const MonthForm = z.object({ month: z.string().regex(/^\d{4}-\d{2}$/, 'tháng phải có dạng YYYY-MM') });
const YearForm = z.object({
  year: z.coerce.number().int().min(2017).max(2100),
  format: z.enum(['docx', 'csv']).default('docx'),
});
const ExportForm = z.object({
  from: z
    .string()
    .optional()
    .transform((s) => s || undefined),
  to: z
    .string()
    .optional()
    .transform((s) => s || undefined),
  scope: z
    .string()
    .optional()
    .transform((s) => s || undefined),
  sentiment: z
    .string()
    .optional()
    .transform((s) => s || undefined),
  topic: z
    .string()
    .optional()
    .transform((s) => s || undefined),
  format: z.enum(['csv', 'xlsx']).default('xlsx'),
});

function download(reply: FastifyReply, name: string, type: string, body: Buffer | string) {
  return reply.header('Content-Disposition', `attachment; filename="${name}"`).type(type).send(body);
}

export function reportRoutes(app: FastifyInstance, ctx: WebContext) {
  const guard = async (user: User, action: string, ip: string, data: Record<string, unknown>) => {
    const ok = may(user, 'report-generate');
    await addWebAudit(ctx.store, { userId: user.id, username: user.username, action, ok, data, ip });
    if (!ok) throw new HttpError(403, 'Tài khoản chỉ xem không được lập báo cáo');
  };

  app.get('/bao-cao', async (req, reply) => {
    const user = requireUser(req);
    const csrf = reply.generateCsrf();
    const today = vnDayOf(ctx.now());
    const opts = (o: Record<string, string>) =>
      Object.entries(o).map(([v, l]) => html`<option value="${v}">${l}</option>`);
    return sendPage(
      reply,
      page(
        { title: 'Báo cáo', user, csrf, active: '/bao-cao' },
        html`<div class="actions">
        <form method="post" action="/bao-cao/thang" class="stack" id="form-monthly">${csrfField(csrf)}<h3>Báo cáo tháng (.docx, Nghị định 30/2020)</h3>
          <label>Tháng <input type="month" name="month" value="${today.slice(0, 7)}" max="${today.slice(0, 7)}" required></label>
          <button type="submit">Lập và tải về</button></form>
        <form method="post" action="/bao-cao/nam" class="stack" id="form-yearly">${csrfField(csrf)}<h3>Thống kê phát ngôn năm (NĐ 244/2026 Điều 10)</h3>
          <label>Năm <input type="number" name="year" value="${today.slice(0, 4)}" min="2017" required></label>
          <label>Định dạng <select name="format"><option value="docx">.docx</option><option value="csv">.csv</option></select></label>
          <button type="submit">Lập và tải về</button></form>
        <form method="post" action="/bao-cao/xuat" class="stack" id="form-export">${csrfField(csrf)}<h3>Xuất danh sách tin bài</h3>
          <label>Từ ngày <input type="date" name="from"></label><label>Đến ngày <input type="date" name="to"></label>
          <label>Phạm vi <select name="scope"><option value="">(tất cả)</option>${opts(SCOPE_NAMES)}</select></label>
          <label>Sắc thái <select name="sentiment"><option value="">(tất cả)</option>${opts(SENTIMENT_NAMES)}</select></label>
          <label>Tuyến tin <select name="topic"><option value="">(tất cả)</option>${ctx.config.topics.map((t) => html`<option value="${t.id}">${t.name}</option>`)}</select></label>
          <label>Định dạng <select name="format"><option value="xlsx">.xlsx</option><option value="csv">.csv</option></select></label>
          <button type="submit">Xuất</button></form></div>`,
      ),
    );
  });

  app.post('/bao-cao/thang', async (req, reply) => {
    const user = requireUser(req);
    const { month } = MonthForm.parse(req.body);
    await guard(user, 'report.monthly', req.ip, { month });
    const r = await monthlyReport(ctx.store, ctx.config, month, { now: ctx.now() });
    return download(reply, `bao-cao-thang-${month}.docx`, DOCX, r.docx);
  });

  app.post('/bao-cao/nam', async (req, reply) => {
    const user = requireUser(req);
    const { year, format } = YearForm.parse(req.body);
    await guard(user, 'report.spokesperson', req.ip, { year, format });
    const r = await spokespersonReport(ctx.store, ctx.config, year, { now: ctx.now() });
    return format === 'csv'
      ? download(reply, `thong-ke-phat-ngon-${year}.csv`, 'text/csv; charset=utf-8', r.csv)
      : download(reply, `thong-ke-phat-ngon-${year}.docx`, DOCX, r.docx);
  });

  app.post('/bao-cao/xuat', async (req, reply) => {
    const user = requireUser(req);
    const f = ExportForm.parse(req.body);
    await guard(user, 'report.export', req.ip, f);
    const dir = mkdtempSync(join(tmpdir(), 'diemtin-export-'));
    try {
      const file = join(dir, `tin-bai.${f.format}`);
      const { format: _f, ...filter } = f;
      await exportMentions(ctx.store, ctx.config, filter, file);
      const name = `tin-bai-${f.from ?? 'dau'}-${f.to ?? vnDayOf(ctx.now())}.${f.format}`;
      return download(reply, name, f.format === 'csv' ? 'text/csv; charset=utf-8' : XLSX, readFileSync(file));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
