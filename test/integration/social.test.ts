import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, pollSocialSource } from '../../crawlers/index.ts';
import type { Resolver } from '../../crawlers/net-guard.ts';
import { type Fixtures, startFixtures } from '../fixtures/server/index.ts';
import { WALL_AFTER } from '../fixtures/server/social-site.ts';
import { fixtureConfig } from '../helpers/factories.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('social page through Chromium', () => {
  let fx: Fixtures;
  beforeAll(async () => {
    if (!chromiumAvailable(CHROMIUM))
      throw new Error(
        `Chromium is required for this test: install it (apt-get install chromium) or set CHROMIUM_PATH`,
      );
    fx = await startFixtures();
  });
  afterAll(async () => fx?.close());

  const poll = (cookies?: string) => {
    const config = fixtureConfig(fx.vars);
    const source = { ...config.sources.find((s) => s.kind === 'social')!, ...(cookies ? { cookies } : {}) };
    return pollSocialSource(source, {
      profile: config.profiles[source.profile!]!,
      chromiumPath: CHROMIUM,
      allowPrivate: true,
      userAgent: 'diemtin-test',
    });
  };

  it('reads posts rendered by script: dismisses the overlay, loads more until the wall, parses times and counts', async () => {
    const posts = await poll();
    expect(posts).toHaveLength(WALL_AFTER);
    const byId = new Map(fx.posts.map((p) => [p.id, p]));
    for (const post of posts) {
      const id = post.url.split('/').pop()!;
      const want = byId.get(id)!;
      expect(post.text.replace(/\s+/g, ' ').trim()).toBe(want.text.replace(/\s+/g, ' ').trim());
      expect(post.author).toBe(want.author);
      // Shown times have minute precision ("2 giờ" = 2–3 hours ago); within a day is what the page can tell.
      expect(Math.abs(post.publishedAt!.getTime() - want.at.getTime())).toBeLessThan(3600_000 * 24);
      // Counts of a thousand or more are shown rounded ("1,9K").
      const near = (got: number | undefined, n: number) =>
        expect(Math.abs((got ?? -1) - n)).toBeLessThanOrEqual(n >= 1000 ? n * 0.05 : 0);
      near(post.engagement.comments, want.comments);
      near(post.engagement.shares, want.shares);
      near(post.engagement.reactions, want.reactions);
    }
  });

  it('reads past the wall with a saved session', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'diemtin-cookies-'));
    const file = join(dir, 'state.json');
    const host = new URL(fx.social.url).hostname;
    writeFileSync(
      file,
      JSON.stringify({ cookies: [{ name: 'c_user', value: '1', domain: host, path: '/' }] }),
    );
    const posts = await poll(file);
    expect(posts.length).toBe(fx.posts.length);
  });

  it('keeps a public page from making the browser reach private addresses', async () => {
    // An intranet service, and a public-looking page that embeds it (written by us, shaped like the fixture group).
    let intranetHits = 0;
    const intranet = createServer((_req, res) => {
      intranetHits++;
      res.end();
    });
    await new Promise<void>((r) => intranet.listen(0, '127.0.0.1', r));
    const secret = `http://127.0.0.1:${(intranet.address() as AddressInfo).port}/router/admin.png`;
    const page = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="vi"><body><div role="feed">
<div role="article" aria-posinset="1"><h3><a href="/profile/phu-huynh">Phụ huynh lớp 3A</a></h3>
<a class="post-time" href="/groups/phu-huynh-bat-xat/posts/9001" title="Thứ hai, 23 tháng 11, 2026 lúc 07:15">2 giờ</a>
<div data-ad-preview="message"><div dir="auto">Trường thu thêm tiền điều hòa mà không họp phụ huynh.</div></div>
<div class="post-counts"><span aria-label="Cảm xúc: 12">12</span> · <span>3 bình luận</span></div></div>
</div><img src="${secret}" alt=""></body></html>`);
    });
    await new Promise<void>((r) => page.listen(0, '127.0.0.1', r));
    const port = (page.address() as AddressInfo).port;
    const config = fixtureConfig(fx.vars);
    const fixture = config.sources.find((s) => s.kind === 'social')!;
    const source = { ...fixture, url: `http://nhom-phu-huynh.example:${port}/groups/phu-huynh-bat-xat` };
    // The page's name is public to our resolver (no DNS server runs here); Chromium is told to find it on this
    // machine.
    const resolve: Resolver = (host, _o, callback) =>
      host === 'nhom-phu-huynh.example'
        ? callback(null, [{ address: '93.184.216.34', family: 4 }])
        : callback(Object.assign(new Error(`no such host ${host}`), { code: 'ENOTFOUND' }), []);
    const read = (allowPrivate: boolean) =>
      pollSocialSource(source, {
        profile: config.profiles[source.profile!]!,
        chromiumPath: CHROMIUM,
        allowPrivate,
        userAgent: 'diemtin-test',
        resolve,
        // Crawlee sends the browser's traffic through a local proxy, which would resolve the name itself.
        chromiumArgs: [
          '--host-resolver-rules=MAP nhom-phu-huynh.example 127.0.0.1',
          '--proxy-bypass-list=nhom-phu-huynh.example',
        ],
      });
    try {
      const posts = await read(false);
      expect(posts.map((p) => p.text)).toEqual(['Trường thu thêm tiền điều hòa mà không họp phụ huynh.']);
      expect(intranetHits).toBe(0);
      // The same page with private addresses allowed (tests, the demo) does reach it: the check is what stops it.
      await read(true);
      expect(intranetHits).toBeGreaterThan(0);
    } finally {
      await new Promise<void>((r) => intranet.close(() => r()));
      await new Promise<void>((r) => page.close(() => r()));
    }
  });
});
