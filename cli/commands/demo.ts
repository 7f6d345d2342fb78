import { randomBytes } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LEVEL_NAMES, type Level, vnTime } from '../../alerts/index.ts';
import type { Env } from '../../config/index.ts';
import { vnDay } from '../../crawlers/index.ts';
import { startScheduler, startWorkers, waitForIdle } from '../../pipeline/index.ts';
import { monthlyReport, spokespersonReport, writeDigest } from '../../reports/index.ts';
import { incidentMentions, listIncidents, makeAllDue } from '../../store/index.ts';
import { startFixtures } from '../../test/fixtures/server/index.ts';
import { startWeb } from '../../web/index.ts';
import { addUser } from '../../web/users.ts';
import { buildApp } from '../app.ts';
import { demoHandling } from './demo-handling.ts';
import { untilSignal } from './run.ts';

/** `demo --serve`: the dashboard on the demo's store, with a fresh admin account, until Ctrl+C. */
async function serveDemo(app: Awaited<ReturnType<typeof buildApp>>, env: Env, say: (s: string) => void) {
  const password = randomBytes(9).toString('base64url');
  await addUser(app.ctx.store, app.ctx.config, {
    username: 'demo',
    role: 'admin',
    person: 'theo-doi-1',
    password,
  });
  const web = await startWeb({ store: app.ctx.store, config: app.ctx.config, env, log: app.ctx.log });
  say(`  dashboard: ${web.url}  (đăng nhập: demo / ${password}; Ctrl+C to stop)`);
  await untilSignal();
  await web.close();
}

export interface DemoResult {
  monthlyReport?: string;
  documents: number;
  relevant: number;
  province: number;
  incidents: { id: number; title: string; department: string; level: string; mentions: number }[];
  outputDir: string;
  socialSkipped: boolean;
}

/**
 * `diemtin demo`: starts the fixture province's sites on 127.0.0.1, runs the whole pipeline on the embedded
 * store (fresh each time) until everything is processed, writes digests and incidents, prints a summary.
 */
export async function demoCommand(
  baseEnv: Env,
  out: NodeJS.WritableStream = process.stdout,
  o: { serve?: boolean } = {},
): Promise<DemoResult> {
  const started = Date.now();
  const fixtures = await startFixtures();
  const outputDir = resolve(baseEnv.OUTPUT_DIR, 'demo');
  const env: Env = {
    ...baseEnv,
    DIEMTIN_SOURCES: 'sources.fixture.yaml',
    ALLOW_PRIVATE_SOURCES: true,
    DATA_DIR: baseEnv.DATABASE_URL ? baseEnv.DATA_DIR : resolve(baseEnv.DATA_DIR, 'demo'),
    OUTPUT_DIR: outputDir,
  };
  if (!env.DATABASE_URL) rmSync(env.DATA_DIR, { recursive: true, force: true });
  rmSync(outputDir, { recursive: true, force: true });
  mkdirSync(outputDir, { recursive: true });
  const say = (s = '') => out.write(`${s}\n`);
  say(`diemtin demo: fixture province Lào Cai on ${Object.values(fixtures.vars).length} local sites`);
  const app = await buildApp(env, { vars: fixtures.vars, hostDelaySecs: 0 });
  const { ctx } = app;
  if (!ctx.browser)
    say(
      `  social page skipped: Chromium not found at ${env.CHROMIUM_PATH} (install it, e.g. apt-get install chromium, or set CHROMIUM_PATH)`,
    );
  try {
    startWorkers(ctx);
    await makeAllDue(ctx.store, ctx.now());
    const scheduler = startScheduler(ctx, 500);
    await waitForIdle(ctx, { quietMs: 2500, timeoutMs: 600_000 });
    await scheduler.close();

    const handled = await demoHandling(app);
    const now = ctx.now();
    const today = vnDay(now);
    const yesterday = vnDay(new Date(now.getTime() - 86400_000));
    const digests = [
      await writeDigest(ctx.store, ctx.config, yesterday, outputDir),
      await writeDigest(ctx.store, ctx.config, today, outputDir),
    ];
    const counts = (
      await ctx.store.query<{ documents: number; relevant: number; province: number }>(
        `SELECT count(*)::int AS documents, count(*) FILTER (WHERE c.education)::int AS relevant,
                count(*) FILTER (WHERE c.scope = 'province')::int AS province
         FROM documents d JOIN classifications c ON c.document_id = d.id`,
      )
    )[0]!;
    const incidents = await listIncidents(ctx.store, ctx.config.province.slug);
    const deptName = (id: string) => ctx.config.departments.departments.find((d) => d.id === id)?.name ?? id;
    const report: string[] = ['# Sự việc phát hiện trong lần chạy thử', ''];
    const result: DemoResult = { ...counts, incidents: [], outputDir, socialSkipped: !ctx.browser };
    for (const i of incidents) {
      const mentions = await incidentMentions(ctx.store, i.id);
      result.incidents.push({
        id: i.id,
        title: i.title,
        department: i.department,
        level: i.level,
        mentions: mentions.length,
      });
      report.push(
        `## #${i.id} ${i.title}`,
        '',
        `- Mức độ: ${LEVEL_NAMES[i.level as Level] ?? i.level}; đơn vị chủ trì: ${deptName(i.department)}; căn cứ: ${i.rule_set}`,
        `- Hạn cung cấp thông tin: ${vnTime(i.facts_due_at)}; hạn phát ngôn: ${vnTime(i.statement_due_at)}`,
        `- ${mentions.length} tin, ${i.outlet_count} nguồn:`,
        ...mentions.map((m) => `  - ${m.outlet}: ${m.title || '(bài đăng mạng xã hội)'} <${m.url}>`),
        '',
      );
    }
    writeFileSync(join(outputDir, 'su-viec.md'), report.join('\n'));
    writeFileSync(join(outputDir, 'su-viec.json'), `${JSON.stringify(result.incidents, null, 2)}\n`);

    say(
      `  documents stored: ${counts.documents}; about education: ${counts.relevant}; about the province: ${counts.province}`,
    );
    say(`  incidents opened: ${incidents.length}`);
    for (const i of result.incidents)
      say(
        `    #${i.id} [${LEVEL_NAMES[i.level as Level] ?? i.level}] ${deptName(i.department)} — ${i.title.slice(0, 80)} (${i.mentions} tin)`,
      );
    // The fixture coverage is dated today: the month so far and the statistics year so far.
    const month = today.slice(0, 7);
    const monthly = await monthlyReport(ctx.store, ctx.config, month, {
      now,
      out: join(outputDir, `bao-cao-thang-${month}.docx`),
    });
    const year = Number(today.slice(0, 4)) + (today.slice(5) >= '12-15' ? 1 : 0);
    const stats = await spokespersonReport(ctx.store, ctx.config, year, { now, outDir: outputDir });
    say(`  digests: ${digests.map((d) => d.files.page).join(', ')} (e-mail: .email.html, Markdown: .md)`);
    if (handled) say(`  handling recorded for the demo: ${handled}`);
    say(`  monthly report: ${monthly.file}`);
    say(`  spokesperson statistics: ${stats.files!.docx}, ${stats.files!.csv}`);
    say(`  incidents: ${join(outputDir, 'su-viec.md')}`);
    say(`  notifications (e-mail files): ${join(outputDir, 'mail')}`);
    say(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (o.serve) await serveDemo(app, env, say);
    return result;
  } finally {
    await app.close();
    await fixtures.close();
  }
}
