import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SourceSchema } from '../../config/index.ts';
import { FetchError, fetchPage } from '../../crawlers/http-fetch.ts';
import { clearRobotsCache, pollHttpSource } from '../../crawlers/index.ts';
import type { Resolver } from '../../crawlers/net-guard.ts';

let server: Server;
let base = '';

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/garbage.rss') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end('\u0000\u0001 this is not a feed <<<');
    }
    if (req.url === '/error.rss') {
      res.writeHead(500);
      return res.end('oops');
    }
    if (req.url === '/robots.txt') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('User-agent: *\nDisallow: /private/\n');
    }
    if (req.url === '/busy.rss') {
      res.writeHead(429, { 'retry-after': '120' });
      return res.end();
    }
    if (req.url === '/etag.rss') {
      if (req.headers['if-none-match'] === '"v1"') {
        res.writeHead(304, { etag: '"v1"' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"v1"' });
      return res.end(
        `<rss><channel><item><link>${base}/a.html</link></item><item><link>${base}/private/b.html</link></item></channel></rss>`,
      );
    }
    if (req.url === '/ok.rss') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end(
        `<rss><channel><item><title>A</title><link>${base}/a.html</link></item><item><link>${base}/missing.html</link></item></channel></rss>`,
      );
    }
    if (req.url === '/a.html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(
        '<html><body><h1>Tiêu đề</h1><article><p>Đoạn một của bài viết về học sinh.</p><p>Đoạn hai.</p></article></body></html>',
      );
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));
// robots.txt is cached per origin, and a port closed by one test may be the next test's server: no test sees
// another's answer.
beforeEach(() => clearRobotsCache());

/** A port nothing listens on: opened, then closed. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

const source = (url: string) =>
  SourceSchema.parse({ id: 's', name: 'S', outlet: 'S', kind: 'rss', url, tier: 'local' });

function deps() {
  const pages: string[] = [];
  const failed: string[] = [];
  const skipped: string[] = [];
  return {
    pages,
    failed,
    skipped,
    deps: {
      toFetch: async (items: { url: string }[]) => items,
      leftovers: [],
      onPage: async (p: { url: string }) => {
        pages.push(p.url);
      },
      onPageError: async (url: string) => {
        failed.push(url);
      },
      onSkipped: async (url: string, reason: string) => {
        skipped.push(`${url} ${reason}`);
      },
      allowPrivate: true,
      userAgent: 'diemtin-test',
      hostDelaySecs: 0,
    },
  };
}

describe('bad sources end in a per-source error, and the crawl goes on', () => {
  it.each([
    ['garbage instead of a feed', '/garbage.rss', /not an RSS/],
    ['a server error', '/error.rss', /500/],
    ['a closed port', 'closed', /ECONNREFUSED|connect/i],
  ])('%s', async (_, path, message) => {
    const url = path === 'closed' ? `http://127.0.0.1:${await closedPort()}/feed.rss` : `${base}${path}`;
    const d = deps();
    const r = await pollHttpSource(source(url), d.deps);
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(message);
    expect(r.error).toContain(url);
  });

  it('fetches the good items of a feed and reports the missing one', async () => {
    const d = deps();
    const r = await pollHttpSource(source(`${base}/ok.rss`), d.deps);
    expect(r).toMatchObject({ ok: true, discovered: 2, fetched: 1 });
    expect(d.pages).toEqual([`${base}/a.html`]);
    expect(d.failed).toEqual([`${base}/missing.html`]);
  });

  it('refuses private addresses unless allowed', async () => {
    const d = deps();
    const r = await pollHttpSource(source(`${base}/ok.rss`), { ...d.deps, allowPrivate: false });
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/private address/);
  });
});

describe('politeness', () => {
  it('skips links robots.txt disallows, and answers a conditional GET with 304', async () => {
    const d = deps();
    const first = await pollHttpSource(source(`${base}/etag.rss`), d.deps);
    expect(first).toMatchObject({ ok: true, discovered: 2, fetched: 1, etag: '"v1"' });
    expect(d.skipped).toEqual([`${base}/private/b.html disallowed by robots.txt`]);
    const again = deps();
    const second = await pollHttpSource(source(`${base}/etag.rss`), {
      ...again.deps,
      validators: { etag: first.etag },
    });
    expect(second).toMatchObject({ ok: true, notModified: true, httpStatus: 304, discovered: 0, fetched: 0 });
  });

  it('reads Retry-After on 429', async () => {
    const r = await pollHttpSource(source(`${base}/busy.rss`), deps().deps);
    expect(r).toMatchObject({ ok: false, retryAfterSecs: 120 });
    expect(r.error).toMatch(/HTTP 429, retry after 120 s/);
  });

  it('sends the declared user agent', async () => {
    const seen: string[] = [];
    const s = createServer((req, res) => {
      seen.push(String(req.headers['user-agent']));
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      res.end('<rss><channel></channel></rss>');
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/feed.rss`;
    await pollHttpSource(source(url), { ...deps().deps, userAgent: 'diemtin/test (+contact)' });
    await new Promise<void>((r) => s.close(() => r()));
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set(['diemtin/test (+contact)']));
  });
});

describe('address checks at connect time', () => {
  // A name the test resolves itself (no DNS server runs here): public when the request is checked, this
  // machine when the socket opens — what a rebinding DNS server answers.
  function rebinding(): { resolve: Resolver; calls: () => number } {
    let n = 0;
    return {
      resolve: (_host, _options, callback) => {
        n++;
        callback(null, [{ address: n === 1 ? '93.184.216.34' : '127.0.0.1', family: 4 }]);
      },
      calls: () => n,
    };
  }

  it('refuses a name that turns private between the check and the connection, and sends no request', async () => {
    let requests = 0;
    const s = createServer((_req, res) => {
      requests++;
      res.end('secret');
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    const dns = rebinding();
    const error = await fetchPage(`http://rebind.example:${port}/admin`, {
      userAgent: 'diemtin/test',
      allowPrivate: false,
      resolve: dns.resolve,
    }).catch((e: Error) => e);
    await new Promise<void>((r) => s.close(() => r()));
    expect(dns.calls()).toBe(2);
    expect(error).toBeInstanceOf(FetchError);
    expect((error as FetchError).retryable).toBe(false);
    expect((error as Error).message).toMatch(/rebind\.example resolves to private address 127\.0\.0\.1/);
    expect(requests).toBe(0);
  });

  it('connects to the address the name resolves to when private addresses are allowed', async () => {
    const s = createServer((_req, res) => res.end('ok'));
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const port = (s.address() as AddressInfo).port;
    const res = await fetchPage(`http://127.0.0.1:${port}/`, {
      userAgent: 'diemtin/test',
      allowPrivate: true,
    });
    await new Promise<void>((r) => s.close(() => r()));
    expect(res.body).toBe('ok');
  });
});

describe('robots.txt as hostile input', () => {
  it('treats a robots.txt over 512 KiB as no answer (the site waits), without reading it all', async () => {
    let sent = 0;
    const s = createServer((req, res) => {
      if (req.url !== '/robots.txt') return res.end('<rss><channel></channel></rss>');
      res.writeHead(200, { 'content-type': 'text/plain' });
      // 20 MB, streamed: the reader stops at the cap.
      const chunk = `Disallow: /${'x'.repeat(1000)}\n`;
      const write = () => {
        while (sent < 20_000_000) {
          sent += chunk.length;
          if (!res.write(chunk)) return res.once('drain', write);
        }
        res.end();
      };
      write();
    });
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}/feed.rss`;
    const r = await pollHttpSource(source(url), deps().deps);
    await new Promise<void>((r2) => s.close(() => r2()));
    expect(r.ok).toBe(false);
    expect(r.error).toMatch(/robots\.txt unreachable \(response exceeds the 524288-byte cap/);
    expect(sent).toBeLessThan(20_000_000);
  });
});
