import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCorpus } from '../../classifiers/index.ts';
import { getIncident, incidentEvents, listWebAudit, revokeApiToken, type Store } from '../../store/index.ts';
import type { Listening } from '../../web/index.ts';
import { correctionsJsonl } from '../../web/labels.ts';
import { pgliteStore } from '../helpers/services.ts';
import { apiToken, seedWeb, serveWeb, WebClient } from '../helpers/web.ts';

describe('JSON API with bearer tokens (PGlite, real server)', () => {
  let store: Store;
  let drop: () => Promise<void>;
  let web: Listening;
  let seed: Awaited<ReturnType<typeof seedWeb>>;
  let office: string;

  const api = (path: string, token: string, body?: unknown) =>
    fetch(web.url + path, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    ({ store, drop } = await pgliteStore());
    seed = await seedWeb(store);
    web = await serveWeb(store, seed.config);
    office = (await apiToken(store, 'vanphong')).token;
  });
  afterAll(async () => {
    await web?.close();
    await drop?.();
  });

  it('needs a valid bearer token; a browser session does not open the API', async () => {
    expect((await fetch(`${web.url}/api/v1/incidents`)).status).toBe(401);
    expect((await api('/api/v1/incidents', 'dt_not-a-token')).status).toBe(401);
    const c = new WebClient(web.url);
    await c.login('vanphong');
    expect((await c.request('/api/v1/incidents')).status).toBe(401);
    const { id, token } = await apiToken(store, 'xem');
    expect((await api('/api/v1/incidents', token)).status).toBe(200);
    await revokeApiToken(store, id);
    expect((await api('/api/v1/incidents', token)).status).toBe(401);
  });

  it('searches without diacritics and filters by labels', async () => {
    const r = (await (await api('/api/v1/mentions?q=hoc+sinh+ban+tru', office)).json()) as {
      total: number;
      items: { id: number; title: string; incidentIds: number[] }[];
    };
    expect(r.total).toBe(1);
    expect(r.items[0]).toMatchObject({ id: seed.foodDoc, incidentIds: [seed.food] });
    const fees = (await (await api('/api/v1/mentions?risk=fees&sentiment=negative', office)).json()) as {
      items: { id: number }[];
    };
    expect(fees.items.map((i) => i.id)).toEqual([seed.moneyDoc]);
    expect((await api('/api/v1/mentions?from=2026-13-01', office)).status).toBe(400);
  });

  it('acts on incidents as the account’s person, audited; the spokesperson rule still applies', async () => {
    const ack = await api(`/api/v1/incidents/${seed.food}/ack`, office, { note: 'qua API' });
    expect(ack.status).toBe(200);
    expect(((await ack.json()) as { incident: { state: string } }).incident.state).toBe('acknowledged');
    expect((await incidentEvents(store, seed.food)).find((e) => e.kind === 'acknowledged')?.actor).toBe(
      'theo-doi-1',
    );
    expect(
      (await listWebAudit(store)).some(
        (a) => a.action === 'incident.ack' && a.username === 'vanphong' && a.ok,
      ),
    ).toBe(true);
    const refused = await api(`/api/v1/incidents/${seed.food}/statement`, office, {
      speaker: 'truong-phong-khtc',
      channel: 'portal',
      text: 'x',
    });
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as { error: string }).error).toContain('không được phát ngôn');
    const bad = await api(`/api/v1/incidents/${seed.food}/facts`, office, {});
    expect(bad.status).toBe(400);
    expect((await getIncident(store, seed.food))!.state).toBe('acknowledged');
  });

  it('records a press request and its answer; a request of another incident is not reachable through this one', async () => {
    const asked = await api(`/api/v1/incidents/${seed.food}/press`, office, {
      outlet: 'Báo Lào Cai',
      question: 'Có bao nhiêu học sinh còn nằm viện?',
    });
    expect(asked.status).toBe(200);
    const detail = (await (await api(`/api/v1/incidents/${seed.food}`, office)).json()) as {
      pressRequests: { id: number; state: string }[];
    };
    const requestId = detail.pressRequests[0]!.id;
    // A department account may act on its own incident, but not reach another incident's request through it.
    await api(`/api/v1/incidents/${seed.money}/press`, office, {
      outlet: 'Báo X',
      question: 'Khoản thu nào?',
    });
    const other = (await (await api(`/api/v1/incidents/${seed.money}`, office)).json()) as {
      pressRequests: { id: number }[];
    };
    const gdpt = (await apiToken(store, 'phonggdpt')).token;
    const crossed = await api(`/api/v1/incidents/${seed.food}/answer`, gdpt, {
      requestId: other.pressRequests[0]!.id,
      text: 'x',
    });
    expect(crossed.status).toBe(404);
    const answered = await api(`/api/v1/incidents/${seed.food}/answer`, office, {
      requestId,
      speaker: 'pho-giam-doc-1',
      text: 'Còn 3 em theo dõi tại bệnh viện.',
    });
    expect(answered.status).toBe(200);
    const after = (await (await api(`/api/v1/incidents/${seed.food}`, office)).json()) as {
      pressRequests: { state: string; answered_by: string }[];
    };
    expect(after.pressRequests[0]).toMatchObject({ state: 'answered', answered_by: 'pho-giam-doc-1' });
  });

  it('corrects labels for the office only; the digest is served as JSON', async () => {
    const viewer = (await apiToken(store, 'xem')).token;
    const body = {
      education: true,
      scope: 'province',
      sentiment: 'neutral',
      topics: ['health-safety'],
      risks: [],
    };
    expect((await api(`/api/v1/mentions/${seed.foodDoc}/labels`, viewer, body)).status).toBe(403);
    expect(
      (await api(`/api/v1/mentions/${seed.foodDoc}/labels`, office, { ...body, topics: ['nope'] })).status,
    ).toBe(400);
    expect((await api(`/api/v1/mentions/${seed.foodDoc}/labels`, office, body)).status).toBe(200);
    const [c] = await store.query<{ sentiment: string; risks: string[] }>(
      'SELECT sentiment, risks FROM classifications WHERE document_id = $1',
      [seed.foodDoc],
    );
    expect(c).toEqual({ sentiment: 'neutral', risks: [] });
    // The correction is a training example `diemtin train --corrections` reads (the corpus reader accepts it).
    const file = join(mkdtempSync(join(tmpdir(), 'diemtin-labels-')), 'corrections.jsonl');
    writeFileSync(file, (await correctionsJsonl(store, seed.config)).lines);
    const corpus = readCorpus([file]);
    expect(corpus.problems).toEqual([]);
    expect(corpus.items).toEqual([
      expect.objectContaining({
        id: `web-${seed.foodDoc}`,
        labels: expect.objectContaining({ sentiment: 'neutral', risks: [], topics: ['health-safety'] }),
      }),
    ]);
    const day = new Date(seed.foodAt.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const digest = (await (await api(`/api/v1/digest?date=${day}`, office)).json()) as {
      figures: { relevant: number };
      incidents: { id: number }[];
    };
    expect(digest.figures.relevant).toBe(2);
    expect(digest.incidents.map((i) => i.id).sort()).toEqual([seed.food, seed.money].sort());
  });
});

describe('diemtin users, tokens and labels export (the command, embedded store)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diemtin-web-cli-'));
  const env = {
    ...process.env,
    DATA_DIR: join(dir, 'data'),
    OUTPUT_DIR: join(dir, 'out'),
    LOG_LEVEL: 'warn',
  };
  const run = (args: string[], input = '') =>
    spawnSync('node', ['bin/diemtin.js', ...args], { input, env, encoding: 'utf8', timeout: 120_000 });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the first admin from a password on stdin, refuses a short one, makes a token, exports corrections', () => {
    const short = run(['users', 'add', 'quantri', '--role', 'admin'], 'ngan\n');
    expect(short.status).toBe(2);
    expect(short.stderr).toContain('ít nhất 10 ký tự');
    const ok = run(['users', 'add', 'quantri', '--role', 'admin'], 'mat-khau-quan-tri-1\n');
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('account quantri (admin) saved');
    const token = run(['tokens', 'add', 'quantri', '--name', 'he-thong-van-phong']);
    expect(token.stdout.trim()).toMatch(/^dt_[A-Za-z0-9_-]{40,}$/);
    const exported = run(['labels', 'export']);
    expect(exported.stdout).toContain('0 corrected items');
    expect(readFileSync(join(dir, 'out', 'labels', 'corrections.jsonl'), 'utf8')).toBe('');
  });
});
