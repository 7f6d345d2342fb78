import { LEVEL_NAMES, type Level, STATE_NAMES, type State, vnRemaining, vnTime } from '../alerts/index.ts';
import { ROLE_NAMES, type User } from './auth.ts';
import { html, type SafeHtml } from './html.ts';

const NAV: { href: string; label: string; admin?: boolean }[] = [
  { href: '/', label: 'Tổng quan' },
  { href: '/diem-tin', label: 'Điểm tin' },
  { href: '/tin-bai', label: 'Tin bài' },
  { href: '/su-co', label: 'Sự cố' },
  { href: '/nguon', label: 'Nguồn' },
  { href: '/bao-cao', label: 'Báo cáo' },
  { href: '/cau-hinh', label: 'Cấu hình', admin: true },
];

export interface PageOptions {
  title: string;
  user?: User | null;
  csrf?: string;
  active?: string;
  flash?: { kind: 'ok' | 'error'; text: string } | null;
}

/** The page shell: no inline script or style (the Content-Security-Policy forbids both). */
export function page(o: PageOptions, body: SafeHtml): string {
  const nav = o.user
    ? html`<nav class="top"><span class="brand">diemtin</span>${NAV.filter(
        (n) => !n.admin || o.user!.role === 'admin',
      ).map(
        (n) => html`<a href="${n.href}" class="${o.active === n.href ? 'on' : ''}">${n.label}</a>`,
      )}<span class="who">${o.user.name} · ${ROLE_NAMES[o.user.role]}${o.user.department ? ` · ${o.user.department}` : ''}</span>
      <form method="post" action="/dang-xuat" class="inline">${csrfField(o.csrf)}<button type="submit">Đăng xuất</button></form></nav>`
    : '';
  const flash = o.flash ? html`<p class="flash ${o.flash.kind}" role="status">${o.flash.text}</p>` : '';
  return html`<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · diemtin</title><link rel="stylesheet" href="/static/app.css"><script src="/static/app.js" defer></script></head>
<body>${nav}<main><h1>${o.title}</h1>${flash}${body}</main></body></html>`.value;
}

export const csrfField = (token?: string) =>
  token ? html`<input type="hidden" name="_csrf" value="${token}">` : '';

export const levelBadge = (level: string) =>
  html`<span class="badge level-${level}">${LEVEL_NAMES[level as Level] ?? level}</span>`;

export const stateBadge = (state: string) =>
  html`<span class="badge state">${STATE_NAMES[state as State] ?? state}</span>`;

/** A due time with its remaining time; /static/app.js keeps the remaining time live. */
export const countdown = (due: Date, now: Date, done?: Date | null) =>
  done
    ? html`<span class="done">xong ${vnTime(done)}</span>`
    : html`<span class="due${due.getTime() < now.getTime() ? ' overdue' : ''}">${vnTime(due)} · <span class="countdown" data-due="${due.toISOString()}">${vnRemaining(due, now)}</span></span>`;

export const SENTIMENT_NAMES: Record<string, string> = {
  positive: 'Tích cực',
  neutral: 'Trung tính',
  negative: 'Tiêu cực',
};

export const SCOPE_NAMES: Record<string, string> = {
  province: 'Trong tỉnh',
  national: 'Toàn quốc',
  'other-province': 'Tỉnh khác',
  none: 'Không liên quan',
};

export const sentimentBadge = (s: string | null) =>
  s ? html`<span class="badge sent-${s}">${SENTIMENT_NAMES[s] ?? s}</span>` : '';

/** "?a=1&b=2" from a record, skipping empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params))
    if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}
