import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { deliverDue, vnTime } from '../../alerts/index.ts';
import type { Env } from '../../config/index.ts';
import {
  addDays,
  digestDelivery,
  exportMentions,
  monthlyReport,
  queueDigest,
  ReportInputError,
  reportScope,
  spokespersonReport,
  vnDayOf,
  writeDigest,
} from '../../reports/index.ts';
import { buildApp } from '../app.ts';

export const REPORTS_HELP = `diemtin digest | report | export — the press office's reports

  digest [--date YYYY-MM-DD] [--send] [--to a@x,b@y]
        the daily digest (default yesterday, Vietnam time) as Markdown, e-mail HTML and web page; --send puts one
        e-mail per recipient (province.yaml digest.recipients, or --to) in the outbox and delivers it now; a copy
        already queued for that day is not sent again; what could not be delivered is retried by diemtin run
  report monthly --month YYYY-MM [--out FILE] [--unit PLACE [--agency NAME]] [--date YYYY-MM-DD]
        the monthly opinion report (.docx, Decree 30/2020 format); --unit: a commune or ward office's report
  report spokesperson --year YYYY [--out DIR] [--rule-set nd-244-2026|nd-09-2017]
        yearly spokesperson statistics (Decree 244/2026 Art. 10: 15/12 to 14/12) as .docx and .csv
  export mentions --out FILE.csv|FILE.xlsx [--from D] [--to D] [--scope S,…] [--topic T,…] [--sentiment S,…]
        [--risk R,…] [--risky] [--outlet O,…] [--kind news|social] [--all]
        mentions with their labels; --all includes items not about education`;

const OPTIONS = {
  date: { type: 'string' },
  send: { type: 'boolean', default: false },
  to: { type: 'string' },
  month: { type: 'string' },
  year: { type: 'string' },
  out: { type: 'string' },
  unit: { type: 'string' },
  agency: { type: 'string' },
  'rule-set': { type: 'string' },
  from: { type: 'string' },
  scope: { type: 'string' },
  topic: { type: 'string' },
  sentiment: { type: 'string' },
  risk: { type: 'string' },
  risky: { type: 'boolean', default: false },
  outlet: { type: 'string' },
  kind: { type: 'string' },
  all: { type: 'boolean', default: false },
  province: { type: 'string' },
  sources: { type: 'string' },
} as const;

type Out = NodeJS.WritableStream;

/** `diemtin digest …`, `diemtin report …`, `diemtin export …`; returns the exit code. */
export async function reportsCommand(env: Env, argv: string[], out: Out, err: Out): Promise<number> {
  const { values: v, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  const [command, sub] = positionals;
  const say = (s: string) => out.write(`${s}\n`);
  const need = (name: keyof typeof v) => {
    if (!v[name]) throw new ReportInputError(`thiếu --${name} (xem diemtin ${command} --help)`);
    return v[name] as string;
  };
  if (command === 'report' && sub !== 'monthly' && sub !== 'spokesperson')
    throw new ReportInputError(
      'dùng: diemtin report monthly --month YYYY-MM | report spokesperson --year YYYY',
    );
  if (command === 'export' && sub !== 'mentions')
    throw new ReportInputError('dùng: diemtin export mentions --out FILE');
  const app = await buildApp(env);
  const { store, config } = app.ctx;
  const now = app.ctx.now();
  try {
    if (command === 'digest') return await digest(app.ctx, v, say, err);
    if (command === 'report' && sub === 'monthly') {
      const month = need('month');
      const file = resolve(
        v.out ?? `${env.OUTPUT_DIR}/bao-cao-thang-${month}${v.unit ? `-${slug(v.unit)}` : ''}.docx`,
      );
      const r = await monthlyReport(store, config, month, {
        scope: reportScope({ unit: v.unit, agency: v.agency }),
        now,
        issuedOn: v.date,
        out: file,
      });
      say(
        `Báo cáo tháng ${r.data.month.label}: ${r.data.current.own} tin, bài; ${r.data.incidents.length} sự việc${r.data.current.own === 0 ? ' (tháng không có dữ liệu)' : ''}\n  ${file}`,
      );
      return 0;
    }
    if (command === 'report' && sub === 'spokesperson') {
      const r = await spokespersonReport(store, config, need('year'), {
        now,
        ruleSet: v['rule-set'],
        outDir: resolve(v.out ?? env.OUTPUT_DIR),
      });
      for (const i of r.stats.items)
        say(`${i.label}: ${i.of === undefined ? i.value : `${i.value}/${i.of}`}`);
      say(`  ${r.files!.docx}\n  ${r.files!.csv}`);
      return 0;
    }
    const file = resolve(need('out'));
    const n = await exportMentions(
      store,
      config,
      {
        from: v.from,
        to: v.to,
        scope: v.scope,
        topic: v.topic,
        sentiment: v.sentiment,
        risk: v.risk,
        outlet: v.outlet,
        kind: v.kind,
        risky: v.risky,
        education: !v.all,
      },
      file,
    );
    say(`${n} tin, bài → ${file}`);
    return 0;
  } finally {
    await app.close();
  }
}

const slug = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

type Ctx = Awaited<ReturnType<typeof buildApp>>['ctx'];

async function digest(
  ctx: Ctx,
  v: Record<string, unknown>,
  say: (s: string) => void,
  err: Out,
): Promise<number> {
  const now = ctx.now();
  const day = (v.date as string | undefined) ?? addDays(vnDayOf(now), -1);
  if (!v.send) {
    const d = await writeDigest(ctx.store, ctx.config, day, ctx.env.OUTPUT_DIR, now);
    say(`Điểm tin ${day}: ${d.figures.relevant} tin về giáo dục, ${d.figures.province} về tỉnh`);
    say(`  ${d.files.markdown}\n  ${d.files.html}\n  ${d.files.page}`);
    // What became of the e-mails already queued for that day (by the morning schedule or an earlier --send).
    for (const s of await digestDelivery(ctx.store, ctx.config.province.slug, day))
      say(
        `  thư gửi ${s.recipient}: ${s.state === 'sent' ? `đã gửi ${s.sent_at ? vnTime(s.sent_at) : ''}` : `${s.state === 'failed' ? 'đã dừng gửi' : 'đang chờ gửi lại'} (${s.last_error ?? 'chưa gửi'})`}`,
      );
    return 0;
  }
  const to = (v.to as string | undefined)?.split(',').map((s) => s.trim());
  const q = await queueDigest(ctx.store, ctx.config, day, {
    at: now,
    recipients: to,
    outputDir: ctx.env.OUTPUT_DIR,
  });
  say(`Điểm tin ${day}: ${q.digest.figures.relevant} tin về giáo dục, ${q.digest.figures.province} về tỉnh`);
  if (q.already.length) say(`  đã gửi hoặc đã xếp hàng trước đó (không gửi lại): ${q.already.join(', ')}`);
  await deliverDue(ctx.store, ctx.transport, ctx.now, {
    log: ctx.log,
    leaseMs: ctx.env.NOTIFY_LEASE_SECONDS * 1000,
  });
  const states = await digestDelivery(ctx.store, ctx.config.province.slug, day);
  let unsent = 0;
  for (const s of states) {
    if (s.state === 'sent') say(`  ✓ ${s.recipient}: đã gửi ${s.sent_at ? vnTime(s.sent_at) : ''}`);
    else {
      unsent++;
      const next =
        s.state === 'failed' ? 'đã dừng gửi' : `sẽ thử lại lúc ${vnTime(s.next_attempt_at)} (diemtin run)`;
      err.write(`  ✗ ${s.recipient}: chưa gửi được (${s.last_error ?? s.state}); ${next}\n`);
    }
  }
  return unsent ? 1 : 0;
}
