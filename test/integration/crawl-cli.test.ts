import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Fixtures, startFixtures } from '../fixtures/server/index.ts';

const BIN = new URL('../../bin/diemtin.js', import.meta.url).pathname;
const run = promisify(execFile);

describe('diemtin crawl --once and sources check on the fixture province', () => {
  let fx: Fixtures;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fx = await startFixtures();
    env = {
      ...process.env,
      ...fx.vars,
      DIEMTIN_SOURCES: 'sources.fixture.yaml',
      ALLOW_PRIVATE_SOURCES: 'true',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'diemtin-crawl-')),
      OUTPUT_DIR: mkdtempSync(join(tmpdir(), 'diemtin-out-')),
      LOG_LEVEL: 'error',
    };
  });
  afterAll(async () => fx?.close());

  it('sources check: every fixture source answers with items', async () => {
    const { stdout } = await run('node', [BIN, 'sources', 'check'], { env, timeout: 120_000 });
    for (const id of [
      'tinlaocai-rss',
      'giaoduchomnay-rss',
      'thoibaoviet-sitemap',
      'taybacmoi-giao-duc',
      'phu-huynh-lao-cai',
    ])
      expect(stdout).toMatch(new RegExp(`${id}\\s+\\S+\\s+tốt`));
    expect(stdout).toMatch(/, 0 failing/);
  });

  it('crawl --once --source: fetches that source, then a second crawl finds nothing new (304)', async () => {
    const first = await run('node', [BIN, 'crawl', '--once', '--source', 'tinlaocai-rss'], {
      env,
      timeout: 120_000,
    });
    const count = fx.articles.filter((a) => a.outlet === 'tinlaocai').length;
    expect(first.stdout).toMatch(new RegExp(`tinlaocai-rss\\s+tốt\\s+200\\s+${count}\\s+${count}`));
    const second = await run('node', [BIN, 'crawl', '--once', '--source', 'tinlaocai-rss'], {
      env,
      timeout: 120_000,
    });
    expect(second.stdout).toMatch(/tinlaocai-rss\s+tốt\s+304\s+0\s+0\s+không đổi \(304\)/);
  });

  it('sources check fails loudly for a source whose selectors no longer match', async () => {
    const broken = { ...env, FIXTURE_TAYBACMOI: `${fx.sites.taybacmoi.url}/khong-co` };
    const r = await run('node', [BIN, 'sources', 'check'], { env: broken, timeout: 120_000 }).catch((e) => e);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/taybacmoi-giao-duc\s+listing\s+LỖI\s+404/);
  });
});
