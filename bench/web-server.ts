/**
 * A minimal JSON server over the dashboard's read queries, for `npm run bench:web` without the real web server.
 * Its two dashboard routes and their parameters are those of the dashboard's JSON API (web/api.ts), so the
 * benchmark can drive either (BENCH_WEB_TARGET):
 *   GET /healthz                  baseline: no database
 *   GET /api/select1              baseline: SELECT 1 through the same store and pool
 *   GET /api/v1/overview          overview(db, now)
 *   GET /api/v1/mentions?…        searchMentions(db, filters, page); parameters: see filtersFromQuery
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  type MentionFilters,
  overview,
  type PageRequest,
  type Queryable,
  type Scope,
  type Sentiment,
  searchMentions,
} from '../store/index.ts';

const list = (v: string | null) =>
  v
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Vietnam midnight starting a day "YYYY-MM-DD". */
const vnMidnight = (day: string) => new Date(`${day}T00:00:00+07:00`);

/**
 * Query parameters → filters, as the dashboard's API reads them: q; from, to (Vietnam days YYYY-MM-DD,
 * inclusive); topic, risk, scope (repeated or comma-separated); sentiment; outlet; kind; all=1 (also items not
 * about education; else education only); department (this server only: the dashboard takes it from the
 * account); page, perPage.
 */
export function filtersFromQuery(p: URLSearchParams): { filters: MentionFilters; page: PageRequest } {
  const many = (k: string) => {
    const v = p.getAll(k).flatMap((x) => list(x) ?? []);
    return v.length ? v : undefined;
  };
  const from = p.get('from');
  const to = p.get('to');
  const f: MentionFilters = {
    q: p.get('q') || undefined,
    from: from ? vnMidnight(from) : undefined,
    to: to ? new Date(vnMidnight(to).getTime() + 86_400_000) : undefined,
    topics: many('topic'),
    risks: many('risk'),
    scope: many('scope') as Scope[] | undefined,
    sentiment: (p.get('sentiment') || undefined) as Sentiment | undefined,
    outlet: p.get('outlet') || undefined,
    sourceKind: (p.get('kind') || undefined) as 'news' | 'social' | undefined,
    department: p.get('department') || undefined,
    education: p.get('all') === '1' || p.get('all') === 'true' ? undefined : true,
  };
  return {
    filters: f,
    page: { page: Number(p.get('page') ?? 1), perPage: Number(p.get('perPage') ?? 50) },
  };
}

/** Starts the server on 127.0.0.1 (a free port unless given); `now` is the clock the overview reads. */
export async function startBenchServer(
  db: Queryable,
  now: () => Date,
  port = 0,
): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(text);
    };
    try {
      if (url.pathname === '/healthz') return send(200, { ok: true });
      if (url.pathname === '/api/select1') return send(200, await db.query('SELECT 1 AS one'));
      if (url.pathname === '/api/v1/overview') return send(200, await overview(db, now()));
      if (url.pathname === '/api/v1/mentions') {
        const { filters, page } = filtersFromQuery(url.searchParams);
        return send(200, await searchMentions(db, filters, page));
      }
      send(404, { error: 'không có' });
    } catch (err) {
      send(500, { error: (err as Error).message });
    }
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
