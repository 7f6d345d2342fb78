import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliverDue } from '../../alerts/index.ts';
import { buildApp } from '../../cli/app.ts';
import { createLogger, loadEnv } from '../../config/index.ts';
import { vnDate } from '../../crawlers/index.ts';
import { startScheduler, startWorkers } from '../../pipeline/index.ts';
import {
  digestDelivery,
  NoRecipientsError,
  queueDigest,
  scheduleDigest,
  writeDigest,
} from '../../reports/index.ts';
import { createStory, type Store } from '../../store/index.ts';
import { fixtureConfig } from '../helpers/factories.ts';
import { startSmtp, until } from '../helpers/receivers.ts';
import { addMention } from '../helpers/reports.ts';
import {
  dropRedisPrefix,
  pgliteStore,
  postgresStore,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uniqueName,
} from '../helpers/services.ts';

const config = fixtureConfig();
const log = createLogger('silent');
/** Source addresses nothing listens on: these tests never fetch. */
const FIXTURE_VARS = Object.fromEntries(
  ['GIAODUCHOMNAY', 'SOCIAL', 'TAYBACMOI', 'THOIBAOVIET', 'TINLAOCAI'].map((k) => [
    `FIXTURE_${k}`,
    'http://127.0.0.1:9',
  ]),
);

/** A day of coverage (22/11/2026) and the day before, in any store. */
async function seedDay(store: Store) {
  const at = vnDate(2026, 11, 22, 9, 0);
  const story = await createStory(store, 's', 'A', at);
  await addMention(
    store,
    at,
    {
      title: '<script>alert("x")</script> Tuyển sinh lớp 10 ở Lào Cai',
      outlet: 'Tin Lào Cai',
      lead: '(GD&TĐ) - Sở GD&ĐT công bố lịch tuyển sinh. TS. Nguyễn Văn A cho biết thí sinh đăng ký trực tuyến. Câu thứ ba không vào tóm tắt.',
    },
    story,
  );
  for (const outlet of ['Tây Bắc Mới', 'Báo Lào Cai', 'Thời báo Việt', 'Giáo dục Hôm nay'])
    await addMention(store, new Date(at.getTime() + 3600_000), { title: 'Bản in lại', outlet }, story);
  await addMention(store, at, {
    title: 'Bộ GD&ĐT ban hành quy chế thi',
    outlet: 'Giáo dục Hôm nay',
    scope: 'national',
    sentiment: 'negative',
  });
  await addMention(store, vnDate(2026, 11, 21, 9), { title: 'Hôm trước', sentiment: 'negative' });
}

describe('daily digest', () => {
  let store: Store;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ store, drop } = await pgliteStore());
    await seedDay(store);
  });
  afterAll(async () => drop());

  it('groups by topic line, collapses copies, summarises, compares with the day before, escapes crawled text', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'digest-'));
    const d = await writeDigest(store, config, '2026-11-22', dir, vnDate(2026, 11, 23, 7));
    expect(d.figures).toMatchObject({ items: 6, relevant: 6, province: 5, national: 1, negative: 1 });
    expect(d.previous).toMatchObject({ relevant: 1, negative: 1 });
    expect(d.markdown).toContain('ngày 22 tháng 11 năm 2026');
    expect(d.markdown).toContain('về giáo dục: **6** (tăng 5 so với hôm trước)');
    expect(d.markdown).toContain('tiêu cực: **17%** (giảm 83 điểm % so với hôm trước)');
    expect(d.markdown).toContain('Tin Lào Cai và 4 báo khác');
    expect(d.markdown).toContain('### Thi, tuyển sinh (1)');
    expect(d.markdown).toContain(
      'Sở GD&ĐT công bố lịch tuyển sinh. TS. Nguyễn Văn A cho biết thí sinh đăng ký trực tuyến.',
    );
    expect(d.markdown).not.toContain('Câu thứ ba');
    expect(d.markdown).not.toContain('(GD&TĐ)');
    expect(d.markdown.indexOf('Tin về giáo dục của tỉnh')).toBeLessThan(
      d.markdown.indexOf('Bộ GD&ĐT ban hành'),
    );
    for (const html of [d.html, d.page]) {
      expect(html).not.toContain('<script');
      expect(html).toContain('&lt;script&gt;');
    }
    // The e-mail: inline styles only, no style sheet, no scripts; the page: no scripts either.
    expect(d.html).not.toMatch(/<style|<link|class=/);
    expect(d.page).toContain('Content-Security-Policy');
    expect(readFileSync(d.files.html, 'utf8')).toBe(d.html);
    expect(readFileSync(d.files.page, 'utf8')).toBe(d.page);
    await expect(writeDigest(store, config, '2026-13-45', dir)).rejects.toThrow(/không hợp lệ/);
    await expect(writeDigest(store, config, '2026-02-30', dir)).rejects.toThrow(/không hợp lệ/);
  });

  it('needs recipients to send', async () => {
    const none = { ...config, province: { ...config.province, digest: { time: '07:00', recipients: [] } } };
    await expect(queueDigest(store, none, '2026-11-22', { at: new Date() })).rejects.toBeInstanceOf(
      NoRecipientsError,
    );
    // The scheduler builds it, says so once, and does not try again every tick.
    expect(await scheduleDigest(store, none, vnDate(2026, 11, 23, 7, 5), { log })).toBeUndefined();
    const [row] = await store.query<{ queued_at: Date | null }>(
      "SELECT queued_at FROM digests WHERE day = '2026-11-22'",
    );
    expect(row?.queued_at).toBeTruthy();
  });
});

describe('morning digest over SMTP', () => {
  it('is queued once after the configured time by schedulers of both run modes, and sent', async () => {
    const smtp = await startSmtp();
    const pg = await postgresStore();
    const prefix = uniqueName('dq');
    await seedDay(pg.store);
    let clock = vnDate(2026, 11, 23, 6, 55);
    const apps = await Promise.all(
      [{}, { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: prefix }].map((extra) =>
        buildApp(
          loadEnv(
            {},
            {
              DIEMTIN_SOURCES: 'sources.fixture.yaml',
              DATABASE_URL: TEST_DATABASE_URL,
              SMTP_URL: smtp.url,
              OUTPUT_DIR: mkdtempSync(join(tmpdir(), 'digest-out-')),
              LOG_LEVEL: 'silent',
              ...extra,
            },
          ),
          { vars: FIXTURE_VARS, schema: pg.schema, now: () => clock, log },
        ),
      ),
    );
    try {
      for (const app of apps) startWorkers(app.ctx, ['notify']);
      // A first tick of each scheduler runs every periodic task; before 07:00 nothing is due.
      const tickAll = async () => {
        const schedulers = apps.map((a) => startScheduler(a.ctx, 3_600_000));
        await Promise.all(schedulers.map((s) => s.tick()));
        await Promise.all(schedulers.map((s) => s.close()));
      };
      await tickAll();
      expect(await digestDelivery(pg.store, 'lao-cai', '2026-11-22')).toHaveLength(0);
      clock = vnDate(2026, 11, 23, 7, 1);
      await tickAll();
      // Delivered and recorded: the server's answer comes before the outbox marks the row sent.
      await until(
        'both copies of the digest are sent',
        async () =>
          (await digestDelivery(pg.store, 'lao-cai', '2026-11-22')).filter((s) => s.state === 'sent')
            .length === 2,
      );
      await tickAll(); // restarted schedulers: already queued, not sent again
      const states = await digestDelivery(pg.store, 'lao-cai', '2026-11-22');
      expect(states.map((s) => [s.recipient, s.state])).toEqual([
        ['baochi@sgddt-laocai.example', 'sent'],
        ['vanphong@sgddt-laocai.example', 'sent'],
      ]);
      expect(smtp.delivered.map((m) => m.to[0]).sort()).toEqual([
        'baochi@sgddt-laocai.example',
        'vanphong@sgddt-laocai.example',
      ]);
      const raw = smtp.delivered[0]!.raw;
      expect(raw).toMatch(/Content-Type: text\/plain/);
      expect(raw).toMatch(/Content-Type: text\/html/);
      expect(raw).toMatch(/^Subject: .+/m);
    } finally {
      for (const app of apps) await app.close();
      await pg.drop();
      await smtp.close();
      await dropRedisPrefix(prefix);
    }
  });

  it('keeps the digest in the outbox when the SMTP server is unreachable, and sends it once it is back', async () => {
    const { store, drop } = await pgliteStore();
    try {
      await seedDay(store);
      const q = await queueDigest(store, config, '2026-11-22', {
        at: new Date(),
        recipients: ['a@sgddt.example'],
      });
      expect(q.queued).toEqual(['a@sgddt.example']);
      const smtp = await startSmtp();
      const url = smtp.url;
      await smtp.close(); // nothing listens on that port now
      const { createTransport } = await import('../../alerts/index.ts');
      const down = createTransport({ smtpUrl: url, from: 'diemtin <d@x.example>', outputDir: tmpdir() });
      const r = await deliverDue(store, down, () => new Date(), { log, leaseMs: 60_000 });
      await down.close();
      expect(r).toMatchObject({ sent: 0, failed: 1 });
      const [pending] = await digestDelivery(store, 'lao-cai', '2026-11-22');
      expect(pending).toMatchObject({ state: 'pending', attempts: 1 });
      expect(pending!.last_error).toMatch(/ECONNREFUSED|connect/i);
      // Queuing again (another morning tick, or --send by hand) does not add a second copy.
      expect(
        (await queueDigest(store, config, '2026-11-22', { at: new Date(), recipients: ['a@sgddt.example'] }))
          .already,
      ).toEqual(['a@sgddt.example']);
      const back = await startSmtp();
      const up = createTransport({ smtpUrl: back.url, from: 'diemtin <d@x.example>', outputDir: tmpdir() });
      const later = () => new Date(Date.now() + 3_600_000); // past the retry time
      expect(await deliverDue(store, up, later, { log, leaseMs: 60_000 })).toMatchObject({ sent: 1 });
      await up.close();
      await back.close();
      expect(back.delivered).toHaveLength(1);
      expect((await digestDelivery(store, 'lao-cai', '2026-11-22'))[0]).toMatchObject({
        state: 'sent',
        attempts: 2,
      });
    } finally {
      await drop();
    }
  });
});
