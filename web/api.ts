import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DaySchema, digestData, vnDayOf } from '../reports/index.ts';
import {
  getClassification,
  getDocument,
  incidentEvents,
  incidentMentions,
  listCorrections,
  listPressRequests,
  listSources,
  listStatements,
  overview,
  searchMentions,
} from '../store/index.ts';
import { requireUser, type WebContext } from './app.ts';
import { HttpError, maySee } from './auth.ts';
import { runAction, visibleIncident } from './incident-actions.ts';
import { correctItem } from './labels.ts';
import { visibleIncidents } from './pages/incidents.ts';
import { toggleSource } from './pages/sources.ts';
import { mentionFilters, SearchFilters } from './queries.ts';

const Page = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  perPage: z.coerce.number().int().min(1).max(200).default(50),
});

/** The JSON API (/api/v1), with bearer tokens from `diemtin tokens add`; the same rights as the pages. */
export function apiRoutes(app: FastifyInstance, ctx: WebContext) {
  const limit = { config: { rateLimit: { max: ctx.env.WEB_API_RATE_PER_MINUTE, timeWindow: '1 minute' } } };

  app.get('/api/v1/overview', limit, async (req) => {
    const user = requireUser(req);
    const open = (await visibleIncidents(ctx, user)).filter(
      (i) => !['resolved', 'dismissed'].includes(i.state),
    );
    const o = await overview(ctx.store, ctx.now(), { province: ctx.config.province.slug });
    return {
      ...o,
      incidents: o.incidents.filter((i) => maySee(user, i)),
      openIncidents: open.map(publicIncident),
    };
  });

  app.get<{ Querystring: { date?: string } }>('/api/v1/digest', limit, async (req) => {
    const user = requireUser(req);
    const day = DaySchema.parse(req.query.date ?? vnDayOf(new Date(ctx.now().getTime() - 86400_000)));
    const d = await digestData(ctx.store, ctx.config, day, ctx.now());
    return { ...d, incidents: d.incidents.filter((i) => maySee(user, i)).map(publicIncident) };
  });

  app.get('/api/v1/mentions', limit, async (req) => {
    const user = requireUser(req);
    const q = req.query as Record<string, unknown>;
    const r = await searchMentions(ctx.store, mentionFilters(SearchFilters.parse(q)), Page.parse(q));
    if (user.role !== 'department') return r;
    // A department account sees its own department's incidents only.
    const own = new Set((await visibleIncidents(ctx, user)).map((i) => i.id));
    return {
      ...r,
      items: r.items.map((m) => ({ ...m, incidentIds: m.incidentIds.filter((id) => own.has(id)) })),
    };
  });

  app.get<{ Params: { id: string } }>('/api/v1/mentions/:id', limit, async (req) => {
    requireUser(req);
    const id = Number(req.params.id);
    const doc = Number.isSafeInteger(id) ? await getDocument(ctx.store, id) : undefined;
    if (!doc) throw new HttpError(404, `Không có tin #${req.params.id}`);
    return { document: doc, classification: (await getClassification(ctx.store, id)) ?? null };
  });

  app.post<{ Params: { id: string } }>('/api/v1/mentions/:id/labels', limit, async (req) => {
    const user = requireUser(req);
    const id = await correctItem(ctx, user, Number(req.params.id), req.body, req.ip);
    return { ok: true, correction: id };
  });

  app.get('/api/v1/incidents', limit, async (req) => {
    const user = requireUser(req);
    return { incidents: (await visibleIncidents(ctx, user)).map(publicIncident) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/incidents/:id', limit, async (req) => {
    const user = requireUser(req);
    const inc = await visibleIncident(ctx, user, Number(req.params.id));
    const [mentions, statements, pressRequests, corrections, events] = await Promise.all([
      incidentMentions(ctx.store, inc.id),
      listStatements(ctx.store, inc.id),
      listPressRequests(ctx.store, inc.id),
      listCorrections(ctx.store, inc.id),
      incidentEvents(ctx.store, inc.id),
    ]);
    return {
      incident: publicIncident(inc),
      mentions: mentions.map(({ scores: _s, explanations: _e, text: _t, lead: _l, ...m }) => m),
      statements,
      pressRequests,
      corrections,
      events,
    };
  });

  app.post<{ Params: { id: string; action: string } }>(
    '/api/v1/incidents/:id/:action',
    limit,
    async (req) => {
      const user = requireUser(req);
      const id = Number(req.params.id);
      await runAction(ctx, user, id, req.params.action, req.body, req.ip);
      return { ok: true, incident: publicIncident(await visibleIncident(ctx, user, id)) };
    },
  );

  app.get('/api/v1/sources', limit, async (req) => {
    requireUser(req);
    return {
      sources: (await listSources(ctx.store)).map(({ config: _c, etag: _e, last_modified: _l, ...s }) => s),
    };
  });

  app.post<{ Params: { id: string; op: string } }>('/api/v1/sources/:id/:op', limit, async (req) => {
    const user = requireUser(req);
    if (req.params.op !== 'enable' && req.params.op !== 'disable')
      throw new HttpError(404, 'enable hoặc disable');
    await toggleSource(ctx, user, req.params.id, req.params.op === 'enable', req.ip);
    return { ok: true };
  });
}

/** An incident without its internal matching signature. */
function publicIncident<T extends { signature?: unknown }>(i: T): Omit<T, 'signature'> {
  const { signature: _s, ...rest } = i;
  return rest;
}
