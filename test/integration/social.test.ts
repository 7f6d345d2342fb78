import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, pollSocialSource } from '../../crawlers/index.ts';
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
});
