import { Presets, SingleBar } from 'cli-progress';
import { vnTime } from '../../alerts/index.ts';
import type { Env } from '../../config/index.ts';
import { probeSource } from '../../crawlers/index.ts';
import { startWorkers, waitForIdle } from '../../pipeline/index.ts';
import { listSources } from '../../store/index.ts';
import { buildApp } from '../app.ts';

/** Plain text table with padded columns. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i]!))).join('  '))
    .join('\n');
}

/** `diemtin sources check`: validates the configuration (by loading it), probes every source, prints a health table. */
export async function sourcesCheckCommand(env: Env, out: NodeJS.WritableStream): Promise<number> {
  const app = await buildApp(env);
  try {
    const { config } = app.ctx;
    const health = new Map((await listSources(app.ctx.store)).map((s) => [s.id, s]));
    const rows = [
      ['nguồn', 'loại', 'kết quả', 'HTTP', 'mục', 'ms', 'lần thành công cuối', 'lỗi liên tiếp', 'ghi chú'],
    ];
    let failed = 0;
    for (const s of config.sources) {
      const h = health.get(s.id);
      if (!s.enabled) {
        rows.push([
          s.id,
          s.kind,
          'tắt',
          '',
          '',
          '',
          '',
          '',
          h?.disabled_reason ?? 'disabled in configuration',
        ]);
        continue;
      }
      const r = await probeSource(s, {
        userAgent: env.USER_AGENT,
        allowPrivate: env.ALLOW_PRIVATE_SOURCES,
        chromiumPath: env.CHROMIUM_PATH,
        profile: s.profile ? config.profiles[s.profile] : undefined,
      });
      if (!r.ok) failed++;
      rows.push([
        s.id,
        s.kind,
        r.ok ? 'tốt' : 'LỖI',
        r.status ? String(r.status) : '',
        String(r.items),
        String(r.ms),
        h?.last_success_at ? vnTime(h.last_success_at) : '-',
        String(h?.consecutive_failures ?? 0),
        [r.error, r.note, h?.health_disabled ? `disabled: ${h.disabled_reason}` : '']
          .filter(Boolean)
          .join('; '),
      ]);
    }
    out.write(`${table(rows)}\n\n${config.sources.length} sources, ${failed} failing\n`);
    return failed > 0 ? 1 : 0;
  } finally {
    await app.close();
  }
}

/** `diemtin crawl --once [--source ID]`: polls sources once, with a progress bar, and prints what each gave. */
export async function crawlOnceCommand(
  env: Env,
  sourceId: string | undefined,
  out: NodeJS.WritableStream,
): Promise<number> {
  const app = await buildApp(env);
  const { ctx } = app;
  try {
    const known = (await listSources(ctx.store)).filter((s) => s.enabled && !s.health_disabled);
    const ids = sourceId ? [sourceId] : known.map((s) => s.id);
    if (sourceId && !known.some((s) => s.id === sourceId)) throw new Error(`no enabled source "${sourceId}"`);
    const started = new Date();
    startWorkers(ctx);
    for (const id of ids) await ctx.queues.add('fetch', { sourceId: id }, { jobId: `fetch-${id}` });
    const bar = new SingleBar(
      {
        format: 'Thu thập |{bar}| {value}/{total} nguồn · {docs} bài mới · {errors} lỗi',
        stream: process.stderr,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    bar.start(ids.length, 0, { docs: 0, errors: 0 });
    const progress = async () => {
      const [p] = await ctx.store.query<{ polled: number; errors: number; docs: number }>(
        `SELECT (SELECT count(*)::int FROM fetch_log WHERE started_at >= $1) AS polled,
                (SELECT count(*)::int FROM fetch_log WHERE started_at >= $1 AND NOT ok) AS errors,
                (SELECT count(*)::int FROM documents WHERE created_at >= $1) AS docs`,
        [started],
      );
      bar.update(p!.polled, { docs: p!.docs, errors: p!.errors });
    };
    const timer = setInterval(() => void progress().catch(() => {}), 500);
    try {
      await waitForIdle(ctx, { quietMs: 1500, timeoutMs: 3600_000 });
    } finally {
      clearInterval(timer);
      await progress();
      bar.stop();
    }
    const log = await ctx.store.query<{
      source_id: string;
      ok: boolean;
      http_status: number | null;
      discovered: number;
      fetched: number;
      not_modified: boolean;
      error: string | null;
    }>(
      'SELECT source_id, ok, http_status, discovered, fetched, not_modified, error FROM fetch_log WHERE started_at >= $1 ORDER BY source_id',
      [started],
    );
    const rows = [['nguồn', 'kết quả', 'HTTP', 'tìm thấy', 'tải mới', 'ghi chú']];
    for (const l of log)
      rows.push([
        l.source_id,
        l.ok ? 'tốt' : 'LỖI',
        l.http_status ? String(l.http_status) : '',
        String(l.discovered),
        String(l.fetched),
        l.not_modified ? 'không đổi (304)' : (l.error ?? ''),
      ]);
    out.write(`${table(rows)}\n`);
    return log.some((l) => !l.ok) ? 1 : 0;
  } finally {
    await app.close();
  }
}
