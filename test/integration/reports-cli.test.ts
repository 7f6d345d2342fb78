import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/diemtin.js', import.meta.url).pathname;

describe('diemtin report, digest and export commands', () => {
  it('write their files, and refuse bad input with a clear message and exit code 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'reports-cli-'));
    const env = {
      ...process.env,
      DATA_DIR: join(dir, 'data'),
      OUTPUT_DIR: join(dir, 'out'),
      DIEMTIN_SOURCES: 'sources.fixture.yaml',
      LOG_LEVEL: 'silent',
      ...Object.fromEntries(
        ['GIAODUCHOMNAY', 'SOCIAL', 'TAYBACMOI', 'THOIBAOVIET', 'TINLAOCAI'].map((k) => [
          `FIXTURE_${k}`,
          'http://127.0.0.1:9',
        ]),
      ),
    };
    const run = (...args: string[]) =>
      spawnSync('node', [BIN, ...args], { env, encoding: 'utf8', timeout: 120_000 });

    const monthly = run('report', 'monthly', '--month', '2026-01', '--out', join(dir, 'r.docx'));
    expect(monthly.stderr).toBe('');
    expect(monthly.status).toBe(0);
    expect(monthly.stdout).toContain('tháng không có dữ liệu');
    expect(existsSync(join(dir, 'r.docx'))).toBe(true);

    const future = run('report', 'monthly', '--month', '2999-01');
    expect(future.status).toBe(2);
    expect(future.stderr).toMatch(/tháng 2999-01 chưa bắt đầu/);

    // Without SMTP_URL the outbox writes the e-mails as files.
    const digest = run('digest', '--date', '2026-01-10', '--send', '--to', 'a@x.example,b@x.example');
    expect(digest.status).toBe(0);
    expect(digest.stdout).toMatch(/✓ a@x\.example/);
    expect(readdirSync(join(dir, 'out', 'mail')).filter((f) => f.endsWith('.eml'))).toHaveLength(2);
    expect(existsSync(join(dir, 'out', 'diem-tin-2026-01-10.html'))).toBe(true);

    const bad = run('export', 'mentions', '--out', join(dir, 'm.csv'), '--sentiment', 'giận');
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/sắc thái: positive, neutral hoặc negative/);
  });
});
