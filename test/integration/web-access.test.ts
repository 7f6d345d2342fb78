import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getIncident, listWebAudit, type Store } from '../../store/index.ts';
import { ACTION_NAMES } from '../../web/incident-actions.ts';
import type { Listening } from '../../web/index.ts';
import { postgresStore } from '../helpers/services.ts';
import { apiToken, PASSWORD, seedWeb, serveWeb, WebClient } from '../helpers/web.ts';

/** Valid input for each action, so a refusal can only come from the rights check. */
const VALID: Record<string, Record<string, string>> = {
  ack: { note: 'đã nhận' },
  assign: { department: 'gd-pho-thong' },
  facts: { text: 'Đã xác minh: 31 học sinh, đã xuất viện.' },
  statement: { channel: 'portal', text: 'Sở đã chỉ đạo xử lý.' },
  press: { outlet: 'Báo Lào Cai', question: 'Nguyên nhân?' },
  correction: { outlet: 'Báo X', url: 'https://bao.example/bai.html', letter: '12/SGDĐT-VP' },
  answer: { requestId: '1', text: 'Trả lời' },
  refuse: { requestId: '1', ground: 'secret', reason: 'bí mật' },
  complied: { correctionId: '1', compliance: 'complied' },
  monitor: {},
  resolve: { note: 'xong' },
  dismiss: { reason: 'báo động nhầm' },
};

describe('dashboard accounts, sessions and department isolation (PostgreSQL, real server)', () => {
  let store: Store;
  let drop: () => Promise<void>;
  let web: Listening;
  let seed: Awaited<ReturnType<typeof seedWeb>>;

  beforeAll(async () => {
    ({ store, drop } = await postgresStore());
    seed = await seedWeb(store);
    web = await serveWeb(store, seed.config);
  });
  afterAll(async () => {
    await web?.close();
    await drop?.();
  });

  it('asks for a login, refuses a wrong password, sets an HTTP-only same-site session cookie', async () => {
    const c = new WebClient(web.url);
    expect(await (await c.request('/healthz')).text()).toBe('ok');
    const anon = await c.request('/su-co');
    expect(anon.status).toBe(302);
    expect(anon.headers.get('location')).toBe('/dang-nhap?next=%2Fsu-co');
    expect(await c.login('vanphong', 'sai-mat-khau-123')).toBe(401);
    const page = await c.get('/dang-nhap');
    const res = await c.request('/dang-nhap', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!,
        username: 'vanphong',
        password: PASSWORD,
        next: '//evil.example/',
      }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/'); // never forwards off-site
    const cookie = res.headers.getSetCookie().find((s) => s.startsWith('diemtin_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const home = await c.get('/');
    expect(home.status).toBe(200);
    expect(home.res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const stored = await store.query<{ password_hash: string }>(
      "SELECT password_hash FROM web_users WHERE username = 'vanphong'",
    );
    expect(stored[0]!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a form without a valid CSRF token', async () => {
    const c = new WebClient(web.url);
    await c.login('vanphong');
    const r = await c.post(`/su-co/${seed.food}/ack`, { _csrf: 'forged', note: 'x' });
    expect(r.status).toBe(403);
    expect((await getIncident(store, seed.food))!.state).toBe('open');
  });

  it('a department account sees its own incidents only: 403 for every action on another department’s', async () => {
    const c = new WebClient(web.url);
    expect(await c.login('phonggdpt')).toBe(303);
    const board = await c.get('/su-co');
    expect(board.body).toContain(`/su-co/${seed.food}`);
    expect(board.body).not.toContain(`/su-co/${seed.money}"`);
    expect((await c.get(`/su-co/${seed.money}`)).status).toBe(403);
    for (const action of ACTION_NAMES) {
      const r = await c.post(`/su-co/${seed.money}/${action}`, VALID[action]);
      expect(r.status, action).toBe(403);
    }
    const after = (await getIncident(store, seed.money))!;
    expect(after.state).toBe('open');
    expect(after.department).toBe('ke-hoach-tai-chinh');
    expect(after.acknowledged_at).toBeNull();
    const refused = (await listWebAudit(store, 500)).filter(
      (a) => a.username === 'phonggdpt' && a.target === `incident:${seed.money}` && !a.ok,
    );
    expect(refused.map((a) => a.action).sort()).toEqual(ACTION_NAMES.map((a) => `incident.${a}`).sort());
  });

  it('the same through the API: 403 for every action on another department’s incident', async () => {
    const { token } = await apiToken(store, 'phonggdpt');
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    expect((await fetch(`${web.url}/api/v1/incidents/${seed.money}`, { headers: auth })).status).toBe(403);
    for (const action of ACTION_NAMES) {
      const r = await fetch(`${web.url}/api/v1/incidents/${seed.money}/${action}`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(VALID[action]),
      });
      expect(r.status, action).toBe(403);
    }
    const list = (await (await fetch(`${web.url}/api/v1/incidents`, { headers: auth })).json()) as {
      incidents: { id: number }[];
    };
    expect(list.incidents.map((i) => i.id)).toEqual([seed.food]);
    expect((await getIncident(store, seed.money))!.state).toBe('open');
  });

  it('a department account acts on its own incident; a viewer may not act at all', async () => {
    const c = new WebClient(web.url);
    await c.login('phonggdpt');
    const r = await c.post(`/su-co/${seed.food}/ack`, { note: 'phòng đã nhận' });
    expect(r.status).toBe(303);
    expect((await getIncident(store, seed.food))!.state).toBe('acknowledged');
    expect((await c.get('/su-co?trang_thai=acknowledged')).body).toContain(`/su-co/${seed.food}"`);
    expect((await c.get('/su-co?trang_thai=open')).body).not.toContain(`/su-co/${seed.food}"`);
    const v = new WebClient(web.url);
    await v.login('xem');
    expect((await v.get(`/su-co/${seed.money}`)).status).toBe(200);
    expect((await v.post(`/su-co/${seed.money}/ack`, VALID.ack!)).status).toBe(403);
    expect((await v.get('/cau-hinh')).status).toBe(403);
  });

  it('office: turns a source off and on, downloads the statistics and an export; logout ends the session', async () => {
    const c = new WebClient(web.url);
    await c.login('vanphong');
    await store.query(
      `INSERT INTO sources (id, province, name, outlet, kind, url, tier, interval_s)
       VALUES ('bao-thu', 'lao-cai', 'Báo thử', 'Báo thử', 'rss', 'https://bao.example/rss', 'provincial', 300)
       ON CONFLICT (id) DO NOTHING`,
    );
    expect((await c.get('/nguon')).body).toContain('Báo thử');
    expect((await c.post('/nguon/bao-thu/tat')).status).toBe(303);
    const [off] = await store.query<{ health_disabled: boolean; disabled_reason: string }>(
      "SELECT health_disabled, disabled_reason FROM sources WHERE id = 'bao-thu'",
    );
    expect(off).toEqual({ health_disabled: true, disabled_reason: 'tắt trên bảng điều khiển bởi vanphong' });
    expect((await c.post('/nguon/bao-thu/bat')).status).toBe(303);
    expect(
      (await store.query<{ h: boolean }>("SELECT health_disabled AS h FROM sources WHERE id = 'bao-thu'"))[0]!
        .h,
    ).toBe(false);
    const v = new WebClient(web.url);
    await v.login('xem');
    await v.get('/nguon');
    expect((await v.post('/nguon/bao-thu/tat')).status).toBe(403);

    const year = new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
    await c.get('/bao-cao');
    const stats = await c.post('/bao-cao/nam', { year: String(year), format: 'csv' });
    expect(stats.status).toBe(200);
    expect(stats.res.headers.get('content-disposition')).toBe(
      `attachment; filename="thong-ke-phat-ngon-${year}.csv"`,
    );
    const exported = await c.request('/bao-cao/xuat', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: /name="_csrf" value="([^"]+)"/.exec((await c.get('/bao-cao')).body)![1]!,
        format: 'csv',
        sentiment: 'negative',
      }).toString(),
    });
    expect(exported.status).toBe(200);
    const csv = await exported.text();
    expect(csv).toContain('31 học sinh bán trú');
    expect(csv).toContain('ép đóng tiền quỹ lớp');

    await c.get('/');
    expect((await c.post('/dang-xuat')).status).toBe(303);
    expect((await c.request('/')).status).toBe(302);
  });

  it('admin adds an account on Cấu hình; the new account logs in; a locked one cannot', async () => {
    const a = new WebClient(web.url);
    await a.login('quantri');
    const page = await a.get('/cau-hinh');
    expect(page.body).toContain('Phân công xử lý');
    const r = await a.post('/cau-hinh/tai-khoan', {
      username: 'phongkt',
      role: 'department',
      department: 'khao-thi',
      person: 'truong-phong-khao-thi',
      password: 'mat-khau-phong-kt-1',
    });
    expect(r.status).toBe(303);
    const k = new WebClient(web.url);
    expect(await k.login('phongkt', 'mat-khau-phong-kt-1')).toBe(303);
    expect((await k.get(`/su-co/${seed.food}`)).status).toBe(403);
    await a.get('/cau-hinh');
    expect((await a.post('/cau-hinh/tai-khoan/phongkt/khoa')).status).toBe(303);
    expect((await k.request('/su-co')).status).toBe(302);
    expect(await new WebClient(web.url).login('phongkt', 'mat-khau-phong-kt-1')).toBe(401);

    // People and written authorisations (Decree 244/2026 Art. 3.5) from the same page.
    await a.get('/cau-hinh');
    const person = await a.post('/cau-hinh/nguoi', {
      id: 'pho-phong-gdpt',
      name: 'Lò Văn Pá',
      title: 'Phó trưởng phòng GDPT',
      role: 'staff',
      department: 'gd-pho-thong',
      email: 'palv@sgddt-laocai.example',
    });
    expect(person.status).toBe(303);
    await a.get('/cau-hinh');
    const signed = new Date(Date.now() + 7 * 3600_000 - 3600_000).toISOString().slice(0, 16);
    const until = new Date(Date.now() + 7 * 3600_000 + 48 * 3600_000).toISOString().slice(0, 16);
    const auth = await a.post('/cau-hinh/uy-quyen', {
      person: 'truong-phong-gdpt',
      incidentId: String(seed.food),
      document: '15/GUQ-SGDĐT',
      signedAt: signed,
      validUntil: until,
    });
    expect(auth.status).toBe(303);
    const [row] = await store.query<{ id: number; published_at: Date | null }>(
      "SELECT id, published_at FROM authorisations WHERE document = '15/GUQ-SGDĐT'",
    );
    expect(row!.published_at).toBeNull();
    const page2 = await a.get('/cau-hinh');
    expect(page2.body).toContain('Lò Văn Pá');
    expect((await a.post(`/cau-hinh/cong-bo/${row!.id}`)).status).toBe(303);
    const [published] = await store.query<{ published_at: Date | null }>(
      'SELECT published_at FROM authorisations WHERE id = $1',
      [row!.id],
    );
    expect(published!.published_at).not.toBeNull();
  });

  it('limits login attempts per address and username', async () => {
    const c = new WebClient(web.url);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push(await c.login('phongkhtc', `sai-${i}-mat-khau`));
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    // Another username from the same address still gets its own tries…
    expect(await c.login('lanhdao')).toBe(303);
    // …but not for ever: failures across usernames are counted per address too (password spraying).
    const spray: number[] = [];
    for (let i = 0; i < 60; i++)
      spray.push(await new WebClient(web.url).login(`khach-${i}`, 'sai-mat-khau-1'));
    expect(spray.filter((s) => s === 401).length).toBeGreaterThanOrEqual(35);
    expect(spray.slice(-5)).toEqual([429, 429, 429, 429, 429]);
  });
});
