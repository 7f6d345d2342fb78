import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/diemtin.js', import.meta.url).pathname;
const run = (args: string[], input: string) =>
  spawnSync('node', [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000 });

describe('diemtin classify (contract)', () => {
  it('answers each line in order, with an error object for a bad line, and exits 0', () => {
    const lines = [
      JSON.stringify({
        id: 'a',
        title: 'Lào Cai: 31 học sinh bán trú nhập viện nghi ngộ độc thực phẩm',
        text: 'Sau bữa trưa tại bếp ăn bán trú của trường tiểu học xã Trịnh Tường (huyện Bát Xát cũ), nhiều học sinh bị đau bụng, nôn, phải đưa đi cấp cứu.',
        kind: 'news',
      }),
      '{not json',
      JSON.stringify({
        id: 'c',
        title: 'Giá rau tại chợ tăng mạnh',
        text: 'Thị trường rau xanh biến động do mưa lớn.',
        kind: 'news',
      }),
      JSON.stringify({ id: 'd', text: 42 }),
    ];
    const r = run(['classify'], `${lines.join('\n')}\n`);
    expect(r.status).toBe(0);
    const out = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out.map((o) => o.id)).toEqual(['a', null, 'c', 'd']);
    expect(out[0]).toMatchObject({
      education: true,
      scope: 'province',
      sentiment: 'negative',
      risks: expect.arrayContaining(['food-safety']),
    });
    expect(out[0].places).toContain('Bát Xát');
    expect(out[1].error).toMatch(/line 2/);
    expect(out[2]).toMatchObject({ education: false, scope: 'none', topics: [], risks: [] });
    expect(out[3].error).toMatch(/text/);
  });
});

describe('diemtin extract (contract)', () => {
  it('returns the main text without navigation or comments', () => {
    const html =
      '<html><head><title>T</title><meta property="article:published_time" content="2026-11-23T07:15:00+07:00"></head><body><nav><a>Trang chủ</a></nav><h1>Tiêu đề bài</h1><article><p>Đoạn thứ nhất của bài.</p><p>Đoạn thứ hai của bài.</p><div class="comment-box">Bình luận của bạn đọc</div></article></body></html>';
    const r = run(['extract'], `${JSON.stringify({ id: 1, url: 'https://a.vn/x.html', html })}\n`);
    const out = JSON.parse(r.stdout.trim());
    expect(out).toMatchObject({
      id: 1,
      title: 'Tiêu đề bài',
      publishedAt: '2026-11-23T00:15:00.000Z',
      lang: 'vi',
    });
    expect(out.text).toContain('Đoạn thứ hai của bài.');
    expect(out.text).not.toMatch(/Trang chủ|Bình luận/);
  });
});

describe('bad configuration', () => {
  it('stops start-up with the file and the problem', () => {
    const r = spawnSync('node', [BIN, 'sources', 'list'], {
      encoding: 'utf8',
      env: { ...process.env, DIEMTIN_SOURCES: 'no-such-file.yaml', DATA_DIR: 'memory://' },
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no-such-file\.yaml.*cannot read/);
  });
});

describe('diemtin worker (distributed)', () => {
  it('stops cleanly on SIGTERM (docker stop), closing its Redis and database connections', async () => {
    const { spawn } = await import('node:child_process');
    const { postgresStore, TEST_DATABASE_URL, TEST_REDIS_URL, uniqueName } = await import(
      '../helpers/services.ts'
    );
    const pg = await postgresStore();
    const child = spawn('node', [BIN, 'worker', '--stages', 'fetch,extract,notify'], {
      env: {
        ...process.env,
        DATABASE_URL: `${TEST_DATABASE_URL}?search_path=${pg.schema}`,
        REDIS_URL: TEST_REDIS_URL,
        QUEUE_PREFIX: uniqueName('sigterm'),
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      await new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`worker did not start: ${out}`)), 30_000);
        child.stderr.on('data', (d) => {
          out += d;
          if (out.includes('worker running')) {
            clearTimeout(t);
            resolve();
          }
        });
      });
      const stoppedAt = Date.now();
      child.kill('SIGTERM');
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(0);
      expect(Date.now() - stoppedAt).toBeLessThan(10_000); // docker's grace period before SIGKILL
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await pg.drop();
    }
  }, 60_000);
});
