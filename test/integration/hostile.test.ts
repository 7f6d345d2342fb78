import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SourceSchema } from '../../config/index.ts';
import { extractArticle, parseFeed, pollHttpSource } from '../../crawlers/index.ts';

const TITLE = 'Học sinh vùng cao đến trường';
const page = (title: string, body = 'Các em học sinh ở xã Y Tý đã trở lại lớp học sau kỳ nghỉ.') =>
  `<html><head><title>${title}</title></head><body><h1>${title}</h1><article><p>${body}</p><p>Đoạn thứ hai của bài viết.</p></article></body></html>`;

/** Windows-1258 spells tones as combining marks after a base letter that keeps its vowel marks (ê, ơ, ư). */
function cp1258(text: string): Buffer {
  const tones = /[\u0300\u0301\u0303\u0309\u0323]/g;
  const spelled = text
    .normalize('NFD')
    .replace(
      /(\P{M})(\p{M}+)/gu,
      (_, b: string, marks: string) =>
        (b + marks.replace(tones, '')).normalize('NFC') + (marks.match(tones) ?? []).join(''),
    );
  return iconv.encode(spelled, 'windows-1258');
}

let server: Server;
let base = '';
const routes: Record<string, (res: import('node:http').ServerResponse) => void> = {
  '/cp1258-header.html': (res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=windows-1258' });
    res.end(cp1258(page(TITLE)));
  },
  '/cp1258-meta.html': (res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(
      cp1258(
        page(TITLE).replace(
          '<head>',
          '<head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258">',
        ),
      ),
    );
  },
  '/nfd.html': (res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(page(TITLE.normalize('NFD')));
  },
  '/invalid-utf8.html': (res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      Buffer.concat([
        Buffer.from(page(TITLE).slice(0, 200)),
        Buffer.from([0xc3, 0x28, 0xff, 0xfe]),
        Buffer.from(page(TITLE).slice(200)),
      ]),
    );
  },
  '/nested.html': (res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<html><body><h1>${TITLE}</h1>${'<div>'.repeat(20_000)}<p>Nội dung nằm rất sâu trong trang web lồng nhau.</p>${'</div>'.repeat(20_000)}</body></html>`,
    );
  },
  '/huge.html': (res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(`<html><body>${'x'.repeat(8 * 1024 * 1024)}</body></html>`);
  },
  '/bomb.html': (res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
    res.end(bomb);
  },
  '/endless.html': (res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const timer = setInterval(() => {
      if (!res.write(chunk)) return;
    }, 1);
    res.on('close', () => clearInterval(timer));
  },
  '/slow.html': (res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.write('<html><body>');
    // …and then nothing, for longer than the client waits.
  },
  '/loop-a.html': (res) => {
    res.writeHead(302, { location: '/loop-b.html' });
    res.end();
  },
  '/loop-b.html': (res) => {
    res.writeHead(302, { location: '/loop-a.html' });
    res.end();
  },
};
let bomb: Buffer;

beforeAll(async () => {
  bomb = gzipSync(Buffer.alloc(200 * 1024 * 1024, 0));
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url === '/feed.rss') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end(
        `<rss><channel>${Object.keys(routes)
          .filter((r) => r !== '/loop-b.html')
          .map((r) => `<item><link>${base}${r}</link></item>`)
          .join('')}</channel></rss>`,
      );
    }
    const route = routes[url];
    if (route) return route(res);
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('hostile input against a real local server', () => {
  it('stores the readable pages and reports each hostile one as a per-page error, and the crawl goes on', async () => {
    const pages = new Map<string, string>();
    const failed = new Map<string, string>();
    const source = SourceSchema.parse({
      id: 'h',
      name: 'H',
      outlet: 'H',
      kind: 'rss',
      url: `${base}/feed.rss`,
      tier: 'local',
    });
    const r = await pollHttpSource(source, {
      toFetch: async (items) => items,
      leftovers: [],
      onPage: async (p) => {
        pages.set(new URL(p.url).pathname, p.html);
      },
      onPageError: async (url, error) => {
        failed.set(new URL(url).pathname, error);
      },
      allowPrivate: true,
      userAgent: 'diemtin-test',
      hostDelaySecs: 0,
      maxConcurrency: 4,
      timeoutMs: 3000,
    });
    expect(r.ok).toBe(true);
    expect([...pages.keys()].sort()).toEqual([
      '/cp1258-header.html',
      '/cp1258-meta.html',
      '/invalid-utf8.html',
      '/nested.html',
      '/nfd.html',
    ]);
    for (const path of ['/cp1258-header.html', '/cp1258-meta.html', '/nfd.html']) {
      expect(extractArticle(pages.get(path)!, `${base}${path}`).title, path).toBe(TITLE);
    }
    expect(pages.get('/invalid-utf8.html')).toContain('\uFFFD');
    expect(extractArticle(pages.get('/nested.html')!, `${base}/nested.html`).text).toContain(
      'Nội dung nằm rất sâu',
    );
    expect(failed.get('/huge.html')).toMatch(/exceeds the \d+-byte cap/);
    expect(failed.get('/bomb.html')).toMatch(/cap \(after decompression\)/);
    expect(failed.get('/endless.html')).toMatch(/cap|timed out/);
    expect(failed.get('/slow.html')).toMatch(/no data for|timed out/);
    expect(failed.get('/loop-a.html')).toMatch(/redirect loop/);
  });

  it('reads what it can of a truncated feed, and says so when nothing is a feed', () => {
    const truncated = `<rss><channel><item><link>${base}/a.html</link></item><item><link>${base}/b.html</link></item><item><li`;
    expect(parseFeed(truncated, base).map((i) => i.url)).toEqual([`${base}/a.html`, `${base}/b.html`]);
    expect(() => parseFeed('<<<>>> &&& ', base)).toThrow(/not an RSS, Atom or JSON feed/);
    expect(() => parseFeed('{"items": 3', base)).toThrow();
  });
});
