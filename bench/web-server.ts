/**
 * A minimal JSON server over the dashboard's read queries, for `npm run bench:web` until the real web server
 * (web/) serves them. Routes:
 *   GET /healthz              baseline: no database
 *   GET /api/select1          baseline: SELECT 1 through the same store and pool
 *   GET /api/overview         overview(db, now)
 *   GET /api/tin-bai?…        searchMentions(db, filters, page); parameters: see filtersFromQuery
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

/**
 * Query parameters → filters: q, from, to (ISO times), topic, risk, scope (comma-separated lists), sentiment,
 * outlet, kind, department, education (true/false), page, perPage.
 */
export function filtersFromQuery(p: URLSearchParams): { filters: MentionFilters; page: PageRequest } {
  const date = (v: string | null) => (v ? new Date(v) : undefined);
  const f: MentionFilters = {
    q: p.get('q') ?? undefined,
    from: date(p.get('from')),
    to: date(p.get('to')),
    topics: list(p.get('topic')),
    risks: list(p.get('risk')),
    scope: list(p.get('scope')) as Scope[] | undefined,
    sentiment: (p.get('sentiment') ?? undefined) as Sentiment | undefined,
    outlet: p.get('outlet') ?? undefined,
    sourceKind: (p.get('kind') ?? undefined) as 'news' | 'social' | undefined,
    department: p.get('department') ?? undefined,
    education: p.has('education') ? p.get('education') === 'true' : undefined,
  };
  return {
    filters: f,
    page: { page: Number(p.get('page') ?? 1), perPage: Number(p.get('perPage') ?? 20) },
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
      if (url.pathname === '/api/overview') return send(200, await overview(db, now()));
      if (url.pathname === '/api/tin-bai') {
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
