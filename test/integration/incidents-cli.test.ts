import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { incidentsCommand } from '../../cli/commands/incidents.ts';
import { peopleCommand } from '../../cli/commands/people.ts';
import { loadEnv } from '../../config/index.ts';
import { openStore } from '../../store/index.ts';
import { fixtureConfig } from '../helpers/factories.ts';
import { mention, seedPeople } from '../helpers/incidents.ts';

const BIN = new URL('../../bin/diemtin.js', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'diemtin-cli-'));
const env = { ...process.env, DATA_DIR: join(dir, 'data'), OUTPUT_DIR: join(dir, 'out'), LOG_LEVEL: 'warn' };
/** The real binary (start-up, exit codes, stderr). */
const spawned = (...args: string[]) =>
  spawnSync('node', [BIN, ...args], { env, encoding: 'utf8', timeout: 60_000 });

const sink = () => {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, cb) {
      text += chunk;
      cb();
    },
  });
  return { stream, text: () => text };
};

/** The same commands in this process (each still opens the store and builds the app, as the binary does). */
async function run(...args: string[]) {
  const [command, ...rest] = args;
  const out = sink();
  const err = sink();
  const status = await (command === 'people' ? peopleCommand : incidentsCommand)(
    loadEnv(env),
    rest,
    out.stream,
    err.stream,
  );
  return { status, stdout: out.text(), stderr: err.text() };
}

describe('diemtin incidents and people (embedded store)', () => {
  beforeAll(async () => {
    const config = fixtureConfig();
    const store = await openStore({ dataDir: env.DATA_DIR });
    await seedPeople(store, config);
    const now = new Date(Date.now() - 3600_000);
    await mention(
      store,
      config,
      {
        title: 'Học sinh lớp 7 bị đánh hội đồng ở xã Bảo Nhai, clip lan truyền',
        text: 'Một nữ sinh lớp 7 trường THCS xã Bảo Nhai bị nhóm bạn đánh hội đồng, quay clip đăng lên mạng xã hội.',
        risks: { violence: 0.9 },
        topics: ['school-culture'],
        places: ['Bảo Nhai'],
        publishedAt: new Date(now.getTime() - 3600_000),
      },
      now,
    );
    await store.close();
  }, 120_000);

  it('lists, acknowledges, refuses a statement by staff in Vietnamese and English, records the spokesperson’s', async () => {
    const list = spawned('incidents', 'list', '--json');
    expect(list.status).toBe(0);
    const [inc] = JSON.parse(list.stdout);
    expect(inc).toMatchObject({
      id: 1,
      department: 'chinh-tri-tu-tuong',
      rule_set: 'nd-244-2026',
      state: 'open',
    });

    const ack = await run(
      'incidents',
      'ack',
      '1',
      '--by',
      'chanh-van-phong',
      '--note',
      'Đã nhận, giao phòng CTTT xác minh',
    );
    expect(ack.status).toBe(0);
    expect(ack.stdout).toMatch(/Đã tiếp nhận sự việc #1/);

    const staff = spawned(
      'incidents',
      'statement',
      '1',
      '--by',
      'truong-phong-cttt',
      '--channel',
      'interview',
      '--text',
      'Đang xác minh.',
    );
    expect(staff.status).toBe(1);
    expect(staff.stderr).toMatch(
      /^Lỗi: .*không được phát ngôn nhân danh Sở \(Điều 3 khoản 7 Nghị định 244\/2026\/NĐ-CP\)/,
    );
    expect(staff.stderr).toMatch(/may not speak in the Department's name/);

    const bad = await run(
      'incidents',
      'statement',
      '1',
      '--by',
      'pho-giam-doc-1',
      '--channel',
      'fax',
      '--text',
      'x',
    );
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/channel/);

    const ok = await run(
      'incidents',
      'statement',
      '1',
      '--by',
      'pho-giam-doc-1',
      '--channel',
      'portal',
      '--text',
      'Sở GD&ĐT đã chỉ đạo nhà trường xác minh, hỗ trợ tâm lý cho học sinh và xử lý nghiêm.',
    );
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/đúng hạn/);
    expect(ok.stdout).toMatch(/Thông báo: \d+ đã gửi/);

    const show = await run('incidents', 'show', '1', '--json');
    const d = JSON.parse(show.stdout);
    expect(d.incident.state).toBe('statement-issued');
    expect(d.statements).toMatchObject([
      { speaker_id: 'pho-giam-doc-1', speaker_as: 'standing', channel: 'portal', on_time: true },
    ]);
    expect(
      d.events
        .filter((e: { actor: string }) => e.actor !== 'system')
        .map((e: { actor: string; kind: string }) => `${e.actor} ${e.kind}`),
    ).toEqual(['chanh-van-phong acknowledged', 'pho-giam-doc-1 statement-issued']);
    const text = await run('incidents', 'show', '1');
    expect(text.stdout).toMatch(/Phát ngôn ban đầu: .* — đã xong lúc/);
    expect(readdirSync(join(env.OUTPUT_DIR, 'mail')).length).toBeGreaterThan(0);
  }, 120_000);

  it('registers people and a per-case authorisation; the yearly statistics count the statement', async () => {
    const add = await run(
      'people',
      'add',
      '--id',
      'pho-phong-cttt',
      '--name',
      'Nông Văn Sơn',
      '--title',
      'Phó Trưởng phòng CTTT',
      '--role',
      'staff',
      '--email',
      'sonnv@sgddt-laocai.example',
      '--department',
      'chinh-tri-tu-tuong',
    );
    expect(add.status).toBe(0);
    const auth = await run(
      'people',
      'authorise',
      'pho-phong-cttt',
      '--incident',
      '1',
      '--by',
      'giam-doc',
      '--document',
      'Giấy ủy quyền số 5/GUQ-SGDĐT',
      '--until',
      new Date(Date.now() + 86400_000).toISOString(),
    );
    expect(auth.status).toBe(0);
    const subDelegated = await run(
      'people',
      'designate',
      'pho-phong-cttt',
      '--by',
      'pho-giam-doc-1',
      '--document',
      'QĐ 9',
    );
    expect(subDelegated.status).toBe(1);
    expect(subDelegated.stderr).toMatch(/Chỉ người đứng đầu/);
    const list = spawned('people', 'list');
    expect(list.stdout).toMatch(/pho-phong-cttt\tstaff\tNông Văn Sơn/);
    expect(list.stdout).toMatch(
      /ủy quyền số 1 \(Giấy ủy quyền số 5\/GUQ-SGDĐT\): pho-phong-cttt do giam-doc ký/,
    );

    const stats = JSON.parse((await run('incidents', 'stats', '--json')).stdout);
    expect(stats.ruleSet).toBe('nd-244-2026');
    expect(stats.items.find((i: { id: string }) => i.id === 'on-time')).toMatchObject({ value: 1, of: 1 });
  }, 120_000);
});
