import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { addWebAudit, deleteSession, getWebUser, insertSession } from '../../store/index.ts';
import { sendPage, sessionCookie, type WebContext } from '../app.ts';
import { decoyHash, HttpError, newToken, verifyPassword } from '../auth.ts';
import { html } from '../html.ts';
import { csrfField, page } from '../layout.ts';

export const SESSION_COOKIE = 'diemtin_session';

const LoginForm = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(1000),
  next: z.string().optional(),
});

/** Only a path on this site (no "//host", no scheme): a login must not forward elsewhere. */
const localPath = (next: string | undefined) => (next && /^\/(?![/\\])/.test(next) ? next : '/');

/** Failed logins per address across usernames (password spraying): 50 in 15 minutes, in this process. */
const SPRAY_MAX = 50;
const SPRAY_WINDOW_MS = 15 * 60_000;

export function loginRoutes(app: FastifyInstance, ctx: WebContext) {
  const failures = new Map<string, { n: number; until: number }>();
  const sprayed = (ip: string, now: number) => {
    const f = failures.get(ip);
    return f !== undefined && f.until > now && f.n >= SPRAY_MAX;
  };
  const failed = (ip: string, now: number) => {
    const f = failures.get(ip);
    if (!f || f.until <= now) failures.set(ip, { n: 1, until: now + SPRAY_WINDOW_MS });
    else f.n++;
    if (failures.size > 10_000) for (const [k, v] of failures) if (v.until <= now) failures.delete(k);
  };
  const form = (csrf: string, next: string, error?: string) =>
    page(
      { title: 'Đăng nhập', flash: error ? { kind: 'error', text: error } : null },
      html`<form method="post" action="/dang-nhap" class="stack login">${csrfField(csrf)}
        <input type="hidden" name="next" value="${next}">
        <label>Tên đăng nhập <input name="username" autocomplete="username" required autofocus></label>
        <label>Mật khẩu <input name="password" type="password" autocomplete="current-password" required></label>
        <button type="submit">Đăng nhập</button></form>`,
    );

  app.get<{ Querystring: { next?: string } }>(
    '/dang-nhap',
    { config: { public: true } },
    async (req, reply) => sendPage(reply, form(reply.generateCsrf(), localPath(req.query.next))),
  );

  app.post(
    '/dang-nhap',
    {
      config: {
        public: true,
        // Ten tries in 15 minutes per address and username, then 429 until the window passes.
        rateLimit: {
          max: 10,
          timeWindow: '15 minutes',
          keyGenerator: (req) =>
            `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '').toLowerCase()}`,
        },
      },
    },
    async (req, reply) => {
      const input = LoginForm.parse(req.body);
      if (sprayed(req.ip, Date.now()))
        throw new HttpError(429, 'Quá nhiều lần đăng nhập sai; hãy chờ rồi thử lại');
      const user = await getWebUser(ctx.store, input.username);
      const ok = user?.active
        ? await verifyPassword(user.password_hash, input.password)
        : (await verifyPassword(await decoyHash(), input.password)) && false;
      await addWebAudit(ctx.store, {
        userId: user?.id ?? null,
        username: input.username,
        action: 'login',
        ok,
        ip: req.ip,
      });
      if (!ok || !user) {
        failed(req.ip, Date.now());
        return sendPage(
          reply.code(401),
          form(reply.generateCsrf(), localPath(input.next), 'Sai tên đăng nhập hoặc mật khẩu'),
        );
      }
      const { token, hash } = newToken();
      const hours = ctx.env.WEB_SESSION_HOURS;
      await insertSession(ctx.store, hash, user.id, new Date(ctx.now().getTime() + hours * 3600_000));
      reply.setCookie(sessionCookie(ctx.secureCookies), token, {
        path: '/',
        httpOnly: true,
        secure: ctx.secureCookies,
        sameSite: 'lax',
        maxAge: Math.round(hours * 3600),
      });
      return reply.redirect(localPath(input.next), 303);
    },
  );

  app.post('/dang-xuat', async (req, reply) => {
    if (req.sessionId) await deleteSession(ctx.store, req.sessionId);
    await addWebAudit(ctx.store, {
      userId: req.user!.id,
      username: req.user!.username,
      action: 'logout',
      ip: req.ip,
    });
    reply.clearCookie(sessionCookie(ctx.secureCookies), { path: '/' });
    return reply.redirect('/dang-nhap', 303);
  });
}
