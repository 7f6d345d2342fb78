import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import cookie from '@fastify/cookie';
import csrf from '@fastify/csrf-protection';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { IncidentError } from '../alerts/index.ts';
import type { Env, Logger, ProvinceConfig } from '../config/index.ts';
import { ReportInputError } from '../reports/index.ts';
import { type Store, sessionUser, tokenUser } from '../store/index.ts';
import { apiRoutes } from './api.ts';
import { HttpError, tokenHash, type User } from './auth.ts';
import { html } from './html.ts';
import { page } from './layout.ts';
import { digestRoutes } from './pages/digest.ts';
import { incidentRoutes } from './pages/incidents.ts';
import { loginRoutes, SESSION_COOKIE } from './pages/login.ts';
import { mentionRoutes } from './pages/mentions.ts';
import { overviewRoutes } from './pages/overview.ts';
import { reportRoutes } from './pages/reports.ts';
import { settingsRoutes } from './pages/settings.ts';
import { sourceRoutes } from './pages/sources.ts';

export interface WebDeps {
  store: Store;
  config: ProvinceConfig;
  env: Env;
  now?: () => Date;
  log?: Logger;
  /** Webhook for incident notices raised by actions (as `diemtin incidents`). */
  webhookUrl?: string;
}

/** What every route handler gets. */
export interface WebContext {
  store: Store;
  config: ProvinceConfig;
  env: Env;
  now: () => Date;
  secureCookies: boolean;
  webhookUrl?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    sessionId: string | null;
  }
  interface FastifyContextConfig {
    /** Reachable without logging in (login page, static files). */
    public?: boolean;
  }
}

/** Scripts only from /static, no inline script or style, no framing, forms only to this site. */
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
  "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

const STATIC: Record<string, { file: string; type: string }> = {
  'app.js': { file: 'app.js', type: 'text/javascript; charset=utf-8' },
  'app.css': { file: 'app.css', type: 'text/css; charset=utf-8' },
};

const isLoopback = (host: string) => host === 'localhost' || host === '::1' || host.startsWith('127.');

/** Builds the dashboard and its API (not listening: `startWeb` listens; tests may use either). */
export async function buildWebApp(deps: WebDeps): Promise<FastifyInstance> {
  const { env } = deps;
  const secureCookies =
    env.WEB_SECURE_COOKIES === 'auto' ? !isLoopback(env.WEB_HOST) : env.WEB_SECURE_COOKIES === 'true';
  const ctx: WebContext = {
    store: deps.store,
    config: deps.config,
    env,
    now: deps.now ?? (() => new Date()),
    secureCookies,
    webhookUrl: deps.webhookUrl,
  };
  const app = Fastify({
    logger: false,
    trustProxy: env.WEB_TRUST_PROXY,
    bodyLimit: 1_000_000,
  });
  app.decorateRequest('user', null);
  app.decorateRequest('sessionId', null);
  await app.register(cookie, { secret: env.WEB_SECRET ?? randomBytes(32).toString('hex') });
  await app.register(formbody);
  await app.register(csrf, {
    cookieKey: secureCookies ? '__Host-diemtin_csrf' : 'diemtin_csrf',
    cookieOpts: { path: '/', sameSite: 'strict', httpOnly: true, secure: secureCookies, signed: true },
  });
  // Counted after the body is parsed, so the login limit can key on the username too.
  await app.register(rateLimit, { global: false, hook: 'preHandler' });

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('Content-Security-Policy', CSP);
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    if (secureCookies) reply.header('Strict-Transport-Security', 'max-age=31536000');
    if (!reply.getHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  app.addHook('preHandler', async (req, reply) => {
    if (req.routeOptions.config?.public) return;
    if (req.url.startsWith('/api/')) {
      const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
      req.user = m ? ((await tokenUser(ctx.store, tokenHash(m[1]!), ctx.now())) ?? null) : null;
      if (!req.user) throw new HttpError(401, 'cần mã truy cập hợp lệ (Authorization: Bearer …)');
      return;
    }
    const raw = req.cookies[sessionCookie(secureCookies)];
    if (raw) {
      const id = tokenHash(raw);
      req.user = (await sessionUser(ctx.store, id, ctx.now())) ?? null;
      if (req.user) req.sessionId = id;
    }
    if (!req.user) {
      if (req.method === 'GET') return reply.redirect(`/dang-nhap?next=${encodeURIComponent(req.url)}`);
      throw new HttpError(401, 'Phiên đăng nhập đã hết, hãy đăng nhập lại');
    }
  });

  // Every form post carries the CSRF token (the API uses bearer tokens, never cookies).
  app.addHook('preHandler', (req, reply, done) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.url.startsWith('/api/')) return done();
    app.csrfProtection(req, reply, done);
  });

  app.get('/favicon.ico', { config: { public: true } }, async (_req, reply) => reply.code(204).send());

  app.get('/healthz', { config: { public: true } }, async (_req, reply) => {
    await ctx.store.query('SELECT 1');
    return reply.type('text/plain').send('ok');
  });

  app.get<{ Params: { name: string } }>('/static/:name', { config: { public: true } }, async (req, reply) => {
    const f = STATIC[req.params.name];
    if (!f) throw new HttpError(404, 'Không có tệp này');
    reply.header('Cache-Control', 'public, max-age=300');
    return reply.type(f.type).send(readFileSync(new URL(`./static/${f.file}`, import.meta.url)));
  });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const [status, message] = describe(err);
    if (status >= 500) deps.log?.error({ err: err.message, url: req.url }, 'web request failed');
    if (req.url.startsWith('/api/')) return reply.code(status).send({ error: message });
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(page({ title: status === 403 ? 'Không có quyền' : 'Lỗi', user: req.user }, htmlMessage(message)));
  });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return reply.code(404).send({ error: 'không có' });
    return reply
      .code(404)
      .type('text/html; charset=utf-8')
      .send(page({ title: 'Không tìm thấy' }, htmlMessage('')));
  });

  loginRoutes(app, ctx);
  overviewRoutes(app, ctx);
  digestRoutes(app, ctx);
  mentionRoutes(app, ctx);
  incidentRoutes(app, ctx);
  sourceRoutes(app, ctx);
  reportRoutes(app, ctx);
  settingsRoutes(app, ctx);
  apiRoutes(app, ctx);
  return app;
}

export const sessionCookie = (secure: boolean) => (secure ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE);

function describe(err: Error & { statusCode?: number; code?: string }): [number, string] {
  if (err instanceof HttpError) return [err.status, err.message];
  if (err instanceof IncidentError) return [409, err.message];
  if (err instanceof ReportInputError) return [400, err.message];
  if (err instanceof ZodError)
    return [400, err.issues.map((i) => `${i.path.join('.') || 'dữ liệu'}: ${i.message}`).join('; ')];
  if (err.code?.startsWith('FST_CSRF'))
    return [403, 'Biểu mẫu đã hết hạn hoặc không hợp lệ (CSRF); tải lại trang'];
  if (err.statusCode === 429) return [429, 'Quá nhiều lần thử; hãy chờ rồi thử lại'];
  if (err.statusCode && err.statusCode < 500) return [err.statusCode, err.message];
  return [500, 'Lỗi máy chủ'];
}

const htmlMessage = (message: string) =>
  html`<p class="flash error">${message || 'Trang không tồn tại.'}</p><p><a href="/">Về Tổng quan</a></p>`;

/** Helpers for handlers. */
export function requireUser(req: FastifyRequest): User {
  if (!req.user) throw new HttpError(401, 'Chưa đăng nhập');
  return req.user;
}

export const sendPage = (reply: FastifyReply, body: string) =>
  reply.type('text/html; charset=utf-8').send(body);

export interface Listening {
  url: string;
  close(): Promise<void>;
}

/** Builds and listens (127.0.0.1 by default); `close` is safe to call twice. */
export async function startWeb(deps: WebDeps, listen?: { host?: string; port?: number }): Promise<Listening> {
  const host = listen?.host ?? deps.env.WEB_HOST;
  // Cookie security follows the address actually listened on (`--host 0.0.0.0` is not loopback).
  const app = await buildWebApp({ ...deps, env: { ...deps.env, WEB_HOST: host } });
  const port = listen?.port ?? deps.env.WEB_PORT;
  await app.listen({ host, port });
  const addr = app.server.address();
  const actual = typeof addr === 'object' && addr ? addr.port : port;
  let closed = false;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actual}`,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
    },
  };
}
