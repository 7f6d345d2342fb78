import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTransport,
  deliverDue,
  retryDelayMs,
  type Transport,
  verifyWebhook,
} from '../../alerts/index.ts';
import { createLogger } from '../../config/index.ts';
import { enqueueNotification, openStore, type Store } from '../../store/index.ts';
import { startHookReceiver, startSmtp, until } from '../helpers/receivers.ts';
import {
  dropRedisPrefix,
  makeStore,
  postgresStore,
  STORE_KINDS,
  TEST_DATABASE_URL,
  TEST_REDIS_URL,
  uniqueName,
} from '../helpers/services.ts';

const log = createLogger('silent');
const BIN = new URL('../../bin/diemtin.js', import.meta.url).pathname;
const SECRET = 'test-secret';

async function queue(
  store: Store,
  n: number,
  prefix: string,
  channel: 'email' | 'webhook' = 'email',
  to?: string,
) {
  for (let i = 1; i <= n; i++)
    await enqueueNotification(store, {
      incidentId: null,
      kind: 'test',
      channel,
      recipient: to ?? `nguoi-nhan-${i}@sgddt-laocai.example`,
      subject: `Thông báo thử ${prefix} ${i}`,
      bodyText: `Nội dung ${i}`,
      payload: { n: i },
      dedupeKey: `${prefix}:${i}`,
    });
}

const states = (store: Store, prefix: string) =>
  store.query<{ dedupe_key: string; state: string; attempts: number }>(
    "SELECT dedupe_key, state, attempts FROM notifications WHERE dedupe_key LIKE $1 || ':%' ORDER BY id",
    [prefix],
  );

describe.each(STORE_KINDS)('delivery on %s', (kind) => {
  let store: Store;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ store, drop } = await makeStore(kind));
  });
  afterAll(async () => drop());

  it('retries e-mail with backoff until the SMTP server accepts it, with one Message-ID', async () => {
    const smtp = await startSmtp({ failFirst: 2 });
    const transport = createTransport({ smtpUrl: smtp.url, from: 'diemtin@localhost', outputDir: tmpdir() });
    try {
      await queue(store, 1, 'retry');
      let t = new Date(Date.now() + 1000); // rows are due from the database's now()
      const run = () => deliverDue(store, transport, () => t, { log, leaseMs: 60_000 });
      expect(await run()).toMatchObject({ sent: 0, failed: 1, retryAt: new Date(t.getTime() + 5000) });
      expect(await run()).toMatchObject({ sent: 0, failed: 0 }); // not due yet
      t = new Date(t.getTime() + 5000);
      expect(await run()).toMatchObject({ sent: 0, failed: 1, retryAt: new Date(t.getTime() + 10_000) });
      t = new Date(t.getTime() + 10_000);
      expect(await run()).toMatchObject({ sent: 1, failed: 0, retryAt: undefined });
      expect(await states(store, 'retry')).toEqual([{ dedupe_key: 'retry:1', state: 'sent', attempts: 3 }]);
      expect(smtp.delivered).toHaveLength(1);
      expect(smtp.delivered[0]).toMatchObject({ notification: 'retry:1', messageId: '<retry.1@diemtin>' });
    } finally {
      await transport.close();
      await smtp.close();
    }
  });

  it('gives up at once on a mailbox the server refuses, and says so', async () => {
    const smtp = await startSmtp({ reject: (a) => a.startsWith('khong-ton-tai') });
    const transport = createTransport({ smtpUrl: smtp.url, from: 'diemtin@localhost', outputDir: tmpdir() });
    const given: string[] = [];
    try {
      await queue(store, 1, 'refused', 'email', 'khong-ton-tai@sgddt-laocai.example');
      const r = await deliverDue(store, transport, () => new Date(), {
        log,
        leaseMs: 60_000,
        onGiveUp: async (n, error) => {
          given.push(`${n.dedupe_key} ${error}`);
        },
      });
      expect(r.failed).toBe(1);
      expect(await states(store, 'refused')).toEqual([
        { dedupe_key: 'refused:1', state: 'failed', attempts: 1 },
      ]);
      expect(given).toHaveLength(1);
      expect(given[0]).toMatch(/^refused:1 .*550/);
    } finally {
      await transport.close();
      await smtp.close();
    }
  });

  it('signs webhooks (HMAC-SHA256), retries a 5xx answer and gives up on a 4xx one', async () => {
    const hooks = await startHookReceiver([500]);
    const transport = createTransport({ from: 'x@localhost', outputDir: tmpdir(), webhookSecret: SECRET });
    try {
      await queue(store, 1, 'hook', 'webhook', hooks.url);
      let t = new Date();
      const run = () => deliverDue(store, transport, () => t, { log, leaseMs: 60_000 });
      expect(await run()).toMatchObject({ failed: 1 });
      t = new Date(t.getTime() + retryDelayMs(1));
      expect(await run()).toMatchObject({ sent: 1 });
      expect(hooks.received).toHaveLength(2);
      const last = hooks.received[1]!;
      expect(verifyWebhook(SECRET, last.headers, last.body)).toBe(true);
      expect(verifyWebhook('wrong', last.headers, last.body)).toBe(false);
      expect(verifyWebhook(SECRET, last.headers, last.body.replace('hook', 'hack'))).toBe(false);
      expect(last.headers['x-diemtin-delivery']).toBe('hook:1');
      expect(JSON.parse(last.body)).toMatchObject({ id: 'hook:1', payload: { n: 1 } });
    } finally {
      await hooks.close();
    }
    const gone = await startHookReceiver([410]);
    try {
      await queue(store, 1, 'gone', 'webhook', gone.url);
      await deliverDue(store, transport, () => new Date(), { log, leaseMs: 60_000 });
      expect(await states(store, 'gone')).toEqual([{ dedupe_key: 'gone:1', state: 'failed', attempts: 1 }]);
    } finally {
      await gone.close();
    }
  });

  it('two senders at once deliver each notification exactly once', async () => {
    const smtp = await startSmtp();
    const transports: Transport[] = [1, 2].map(() =>
      createTransport({ smtpUrl: smtp.url, from: 'diemtin@localhost', outputDir: tmpdir() }),
    );
    try {
      await queue(store, 12, 'pair');
      await Promise.all(
        transports.map((tr) =>
          deliverDue(store, tr, () => new Date(), { log, leaseMs: 60_000, concurrency: 3 }),
        ),
      );
      const keys = smtp.delivered.map((m) => m.notification).filter((k) => k.startsWith('pair:'));
      expect(keys.sort()).toEqual(Array.from({ length: 12 }, (_, i) => `pair:${i + 1}`).sort());
      expect((await states(store, 'pair')).every((r) => r.state === 'sent')).toBe(true);
    } finally {
      for (const tr of transports) await tr.close();
      await smtp.close();
    }
  });
});

/** Starts a diemtin process that delivers the outbox to `smtpUrl`; resolves its stderr lines as they come. */
function startMonitor(args: string[], env: Record<string, string>) {
  const child = spawn('node', [BIN, ...args], {
    env: { ...process.env, LOG_LEVEL: 'debug', NOTIFY_LEASE_SECONDS: '2', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const lines: string[] = [];
  let rest = '';
  child.stderr!.on('data', (d) => {
    const parts = (rest + d).split('\n');
    rest = parts.pop()!;
    lines.push(...parts);
  });
  const sentCount = () => lines.filter((l) => l.includes('"msg":"notification sent"')).length;
  return { child, lines, sentCount };
}

const exited = (c: ChildProcess) =>
  c.exitCode !== null ? Promise.resolve() : new Promise<void>((resolve) => c.once('exit', () => resolve()));

describe('a process killed mid-delivery, then restarted', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diemtin-kill-'));
  const sources = join(dir, 'sources.yaml');
  writeFileSync(sources, 'sources: []\n');

  async function killAndRestart(
    prepare: () => Promise<{
      args: string[];
      env: Record<string, string>;
      read: () => Promise<Store>;
      done: () => Promise<void>;
    }>,
  ) {
    // The server accepts two messages, then leaves every other one unanswered.
    let seen = 0;
    const s = await startSmtp({ hold: () => seen++ >= 2 });
    const p = await prepare();
    const env = { ...p.env, SMTP_URL: s.url, DIEMTIN_SOURCES: sources, OUTPUT_DIR: dir };
    const first = startMonitor(p.args, env);
    let second: ReturnType<typeof startMonitor> | undefined;
    try {
      // Decided before the process started, with no queue job: the scheduler finds them in the outbox.
      await until('two sent and one held', () => first.sentCount() === 2 && s.held().length > 0, 90_000);
      first.child.kill('SIGKILL');
      await exited(first.child);
      await until('the dead client’s messages dropped', () => s.held().length === 0);
      s.release();
      second = startMonitor(p.args, env);
      await until('all six delivered', () => s.delivered.length >= 6, 90_000);
      second.child.kill('SIGTERM');
      await exited(second.child);
      const keys = s.delivered.map((m) => m.notification).sort();
      expect(keys).toEqual(['kill:1', 'kill:2', 'kill:3', 'kill:4', 'kill:5', 'kill:6']);
      const store = await p.read();
      expect((await states(store, 'kill')).map((r) => r.state)).toEqual(Array(6).fill('sent'));
    } finally {
      for (const m of [first, second]) if (m && m.child.exitCode === null) m.child.kill('SIGKILL');
      await s.close();
      await p.done();
    }
  }

  it('embedded (diemtin run on PGlite): loses and duplicates nothing', async () => {
    const dataDir = join(dir, 'data');
    await killAndRestart(async () => {
      const store = await openStore({ dataDir });
      await queue(store, 6, 'kill');
      await store.close();
      let reopened: Store | undefined;
      return {
        args: ['run'],
        env: { DATA_DIR: dataDir },
        read: async () => {
          reopened = await openStore({ dataDir });
          return reopened;
        },
        done: async () => reopened?.close(),
      };
    });
  }, 240_000);

  it('distributed (diemtin worker on PostgreSQL + Redis): loses and duplicates nothing', async () => {
    const pg = await postgresStore();
    const prefix = uniqueName('kill');
    await killAndRestart(async () => {
      await queue(pg.store, 6, 'kill');
      return {
        args: ['worker', '--stages', 'notify', '--scheduler'],
        env: {
          DATABASE_URL: `${TEST_DATABASE_URL}?search_path=${pg.schema}`,
          REDIS_URL: TEST_REDIS_URL,
          QUEUE_PREFIX: prefix,
        },
        read: async () => pg.store,
        done: async () => {
          await dropRedisPrefix(prefix);
          await pg.drop();
        },
      };
    });
  }, 240_000);
});
