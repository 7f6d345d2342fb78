import { loadEnv } from '../../config/index.ts';
import type { Store } from '../../store/index.ts';
import { type Listening, startWeb } from '../../web/index.ts';
import { addToken, addUser } from '../../web/users.ts';
import { fixtureConfig } from './factories.ts';
import { later, mention, seedPeople } from './incidents.ts';

export const PASSWORD = 'mat-khau-thu-nghiem-1';

/** The accounts every web test has: one per role, two departments. */
export const ACCOUNTS = [
  { username: 'quantri', role: 'admin', person: 'theo-doi-3' },
  { username: 'vanphong', role: 'office', person: 'theo-doi-1' },
  { username: 'phonggdpt', role: 'department', department: 'gd-pho-thong', person: 'truong-phong-gdpt' },
  {
    username: 'phongkhtc',
    role: 'department',
    department: 'ke-hoach-tai-chinh',
    person: 'truong-phong-khtc',
  },
  { username: 'lanhdao', role: 'leadership', person: 'pho-giam-doc-1' },
  { username: 'xem', role: 'viewer' },
] as const;

export const T0 = new Date(Date.now() - 3 * 3600_000);

export const poisoning = {
  title: '31 học sinh bán trú ở xã Trịnh Tường nhập viện nghi ngộ độc thực phẩm',
  text: 'Sau bữa trưa tại bếp ăn bán trú, 31 học sinh Trường PTDTBT Tiểu học Tả Lèng Hồ, xã Trịnh Tường (huyện Bát Xát cũ) đau bụng, buồn nôn và phải đưa đi cấp cứu. Mẫu thức ăn lưu đã được niêm phong để xét nghiệm.',
  topics: ['health-safety', 'inclusion'],
  risks: { 'food-safety': 0.9 },
  places: ['Trịnh Tường', 'Bát Xát', 'Lào Cai'],
  publishedAt: T0,
};

export const fees = {
  title: 'Phụ huynh Trường THCS Nam Cường phản ánh bị ép đóng tiền quỹ lớp, mua đồng phục',
  text: 'Nhiều phụ huynh Trường THCS Nam Cường, phường Nam Cường phản ánh nhà trường thu sai quy định nhiều khoản tiền, ép mua đồng phục giá cao. Sở GD&ĐT cho biết sẽ kiểm tra.',
  topics: ['finance-facilities'],
  risks: { fees: 0.95 },
  places: ['Nam Cường'],
  publishedAt: T0,
};

/** Accounts, people and two incidents (one for each department account) in a migrated store. */
export async function seedWeb(store: Store) {
  const config = fixtureConfig();
  await seedPeople(store, config);
  for (const a of ACCOUNTS) await addUser(store, config, { ...a, password: PASSWORD });
  const now = later(T0, 0.5);
  const food = await mention(store, config, poisoning, now);
  const money = await mention(store, config, fees, now);
  // Pin the departments, whatever the routing table says, so the isolation tests read plainly.
  await store.query("UPDATE incidents SET department = 'gd-pho-thong' WHERE id = $1", [food.incidentId]);
  await store.query("UPDATE incidents SET department = 'ke-hoach-tai-chinh' WHERE id = $1", [
    money.incidentId,
  ]);
  return {
    config,
    food: food.incidentId!,
    money: money.incidentId!,
    foodDoc: food.id,
    moneyDoc: money.id,
    foodAt: poisoning.publishedAt,
  };
}

/** The dashboard on 127.0.0.1, port chosen by the system. */
export async function serveWeb(store: Store, config = fixtureConfig()): Promise<Listening> {
  const env = loadEnv({}, { WEB_HOST: '127.0.0.1', WEB_PORT: 0, LOG_LEVEL: 'silent' });
  return startWeb({ store, config, env }, { host: '127.0.0.1', port: 0 });
}

export const apiToken = (store: Store, username: string) => addToken(store, username, 'test');

/** A browser-less client with a cookie jar that logs in and posts forms with their CSRF token. */
export class WebClient {
  private cookies = new Map<string, string>();
  private csrf = '';
  constructor(readonly base: string) {}

  async request(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    const res = await fetch(this.base + path, { ...init, headers, redirect: 'manual' });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair!.indexOf('=');
      const value = pair!.slice(i + 1);
      if (/expires=Thu, 01 Jan 1970/i.test(c) || value === '') this.cookies.delete(pair!.slice(0, i));
      else this.cookies.set(pair!.slice(0, i), value);
    }
    return res;
  }

  /** GET; remembers the page's CSRF token. */
  async get(path: string): Promise<{ status: number; body: string; res: Response }> {
    const res = await this.request(path);
    const body = await res.text();
    const m = /name="_csrf" value="([^"]+)"/.exec(body);
    if (m) this.csrf = m[1]!;
    return { status: res.status, body, res };
  }

  /** POST a form with the last CSRF token (unless the fields set `_csrf`). */
  async post(
    path: string,
    fields: Record<string, string> = {},
  ): Promise<{ status: number; body: string; res: Response }> {
    if (!this.csrf) await this.get('/dang-nhap');
    const res = await this.request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: this.csrf, ...fields }).toString(),
    });
    return { status: res.status, body: await res.text(), res };
  }

  async login(username: string, password = PASSWORD): Promise<number> {
    await this.get('/dang-nhap');
    const r = await this.post('/dang-nhap', { username, password, next: '/' });
    if (r.status === 303) await this.get('/');
    return r.status;
  }
}
