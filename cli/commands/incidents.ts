import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import {
  type ActionContext,
  acknowledge,
  answerPressRequest,
  assign,
  deliverDue,
  dismiss,
  IncidentError,
  monitor,
  provideFacts,
  recordCompliance,
  recordPressRequest,
  recordStatement,
  refusePressRequest,
  requestCorrection,
  resolve,
  sweepClock,
  vnTime,
  yearlyStatistics,
} from '../../alerts/index.ts';
import type { Env } from '../../config/index.ts';
import { getIncident, listIncidents, listSpikes, OPEN_STATES } from '../../store/index.ts';
import { type App, buildApp } from '../app.ts';
import { incidentDetail, incidentLine, renderDetail } from './incident-view.ts';

export const INCIDENTS_HELP = `diemtin incidents — sự việc (incidents) and the spokesperson's legal clock

  list [--all] [--state S] [--json]          open incidents (--all: every state)
  show ID [--json]                          everything recorded about one incident
  ack ID --by P [--divided-opinion]         acknowledge (--divided-opinion: Decree 244/2026 Art. 7.4 clock)
  assign ID --department D [--person P] --by P
  facts ID --by P --text T [--event-at T]   the department's verified facts (and when the event happened)
  statement ID --by P [--speaker P] --channel C --text T
                                            channels: press-conference, briefing, portal, written, interview, social, other
  monitor ID --by P                         after the statement, keep watching
  resolve ID --by P [--note T]
  dismiss ID --by P --reason T              a false alarm (kept for retraining the classifier)
  press ID --by P --outlet O --question Q [--journalist J] [--due T]    a request from the press
  answer REQUEST --by P [--speaker P] --text T
  refuse REQUEST --by P [--speaker P] --ground G [--reason T]           grounds: secret, investigation, inspection
  correction ID --by P --outlet O --url U --letter L [--grounds T] [--outlet-kind online|daily|other]
  complied CORRECTION --by P [--partial | --refused] [--note T]
  stats [--year YYYY] [--rule-set ID] [--json]   yearly spokesperson statistics (Decree 244/2026 Art. 10)
  spikes [--json]                           spike alerts (mentions per hour far above the baseline)
  sweep                                     run the legal clock once now (the scheduler does this every 10 s)

Times (--at, --due, --event-at) are ISO 8601; without an offset they are Vietnam time (+07:00).
Every action takes --at (default now) and --note; P is a person id (diemtin people list).`;

const OPTIONS = {
  by: { type: 'string' },
  at: { type: 'string' },
  note: { type: 'string' },
  department: { type: 'string' },
  person: { type: 'string' },
  text: { type: 'string' },
  'event-at': { type: 'string' },
  speaker: { type: 'string' },
  channel: { type: 'string' },
  reason: { type: 'string' },
  outlet: { type: 'string' },
  journalist: { type: 'string' },
  question: { type: 'string' },
  due: { type: 'string' },
  ground: { type: 'string' },
  url: { type: 'string' },
  letter: { type: 'string' },
  grounds: { type: 'string' },
  'outlet-kind': { type: 'string' },
  partial: { type: 'boolean', default: false },
  refused: { type: 'boolean', default: false },
  'divided-opinion': { type: 'boolean', default: false },
  year: { type: 'string' },
  'rule-set': { type: 'string' },
  state: { type: 'string' },
  all: { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  province: { type: 'string' },
  sources: { type: 'string' },
} as const;

/** An ISO time; without an offset it is Vietnam time. */
export function vnDateArg(s: string | undefined): Date | undefined {
  if (!s) return undefined;
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/.test(s) || !s.includes('T') ? s : `${s}+07:00`;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(withZone) ? `${withZone}T00:00:00+07:00` : withZone);
  if (Number.isNaN(d.getTime()))
    throw new IncidentError('bad-time', `Thời điểm không hợp lệ: "${s}"`, `bad time "${s}"`);
  return d;
}

const num = (s: string | undefined, what: string) => {
  const n = Number(s);
  if (!s || !Number.isInteger(n) || n <= 0)
    throw new IncidentError('bad-id', `Cần số ${what} (ví dụ: 12)`, `a ${what} number is needed (e.g. 12)`);
  return n;
};

/** Prints a refused action or bad input (Vietnamese, then English); false for any other error. */
export function reportRefusal(e: unknown, err: NodeJS.WritableStream): boolean {
  if (e instanceof IncidentError) err.write(`Lỗi: ${e.vi}${e.basis ? ` (${e.basis})` : ''}\n  (${e.en})\n`);
  else if (e instanceof ZodError)
    err.write(
      `Lỗi: dữ liệu không hợp lệ / invalid input:\n${e.issues.map((i) => `  ${i.path.join('.') || '-'}: ${i.message}`).join('\n')}\n`,
    );
  else return false;
  return true;
}

/** `diemtin incidents …`: returns the exit code; a refused action prints why (Vietnamese, then English). */
export async function incidentsCommand(
  env: Env,
  argv: string[],
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
) {
  const { values: v, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS });
  const [sub, arg] = positionals;
  if (!sub) {
    out.write(`${INCIDENTS_HELP}\n`);
    return 1;
  }
  const app = await buildApp(env);
  try {
    await run(app, sub, arg, v, out);
    return 0;
  } catch (e) {
    if (!reportRefusal(e, err)) throw e;
    return 1;
  } finally {
    await app.close();
  }
}

type Values = ReturnType<
  typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: true }>
>['values'];

async function run(app: App, sub: string, arg: string | undefined, v: Values, out: NodeJS.WritableStream) {
  const { store, config } = app.ctx;
  const now = app.ctx.now();
  const c: ActionContext = { store, config, now, options: { webhookUrl: app.ctx.env.WEBHOOK_URL } };
  const say = (s: string) => out.write(`${s}\n`);
  const base = () => ({ incidentId: num(arg, 'sự việc'), by: v.by ?? '', at: vnDateArg(v.at), note: v.note });
  switch (sub) {
    case 'list': {
      const states = v.all ? undefined : v.state ? [v.state] : OPEN_STATES;
      const rows = await listIncidents(store, config.province.slug, states);
      if (v.json)
        return say(
          JSON.stringify(
            rows.map(({ signature: _s, ...r }) => r),
            null,
            2,
          ),
        );
      if (rows.length === 0) return say('Không có sự việc nào.');
      for (const i of rows) say(incidentLine(config, i, now));
      return;
    }
    case 'show': {
      const inc = await getIncident(store, num(arg, 'sự việc'));
      if (!inc || inc.province !== config.province.slug)
        throw new IncidentError('no-incident', `Không có sự việc #${arg}`, `no incident #${arg}`);
      const d = await incidentDetail(store, config, inc, now);
      return say(v.json ? JSON.stringify(d, null, 2) : renderDetail(config, d, now));
    }
    case 'ack':
      await acknowledge(c, { ...base(), dividedOpinion: v['divided-opinion'] });
      return done(app, say, `Đã tiếp nhận sự việc #${arg}.`);
    case 'assign':
      await assign(c, { ...base(), department: v.department ?? '', person: v.person });
      return done(app, say, `Đã giao sự việc #${arg} cho ${v.department}.`);
    case 'facts':
      await provideFacts(c, { ...base(), text: v.text ?? '', eventAt: vnDateArg(v['event-at']) });
      return done(app, say, `Đã ghi nhận thông tin xác minh cho sự việc #${arg}.`);
    case 'statement': {
      const r = await recordStatement(c, {
        ...base(),
        speaker: v.speaker,
        channel: (v.channel ?? '') as 'other',
        text: v.text ?? '',
      });
      return done(
        app,
        say,
        `Đã ghi nhận phát ngôn số ${r.statementId}${r.onTime ? ' (đúng hạn)' : ' (QUÁ HẠN)'}.`,
      );
    }
    case 'monitor':
      await monitor(c, base());
      return say(`Sự việc #${arg} chuyển sang theo dõi.`);
    case 'resolve':
      await resolve(c, base());
      return say(`Đã kết thúc sự việc #${arg}.`);
    case 'dismiss':
      await dismiss(c, { ...base(), reason: v.reason ?? '' });
      return say(
        `Đã loại sự việc #${arg} (báo động nhầm); các tin được giữ lại để huấn luyện lại bộ phân loại.`,
      );
    case 'press': {
      const r = await recordPressRequest(c, {
        incidentId: num(arg, 'sự việc'),
        by: v.by ?? '',
        outlet: v.outlet ?? '',
        journalist: v.journalist,
        question: v.question ?? '',
        at: vnDateArg(v.at),
        dueAt: vnDateArg(v.due),
      });
      return say(`Đã ghi nhận yêu cầu số ${r.requestId} của ${v.outlet}; hạn trả lời ${vnTime(r.dueAt)}.`);
    }
    case 'answer':
      await answerPressRequest(c, {
        requestId: num(arg, 'yêu cầu'),
        by: v.by ?? '',
        speaker: v.speaker,
        text: v.text ?? '',
        at: vnDateArg(v.at),
      });
      return say(`Đã ghi nhận trả lời yêu cầu số ${arg}.`);
    case 'refuse':
      await refusePressRequest(c, {
        requestId: num(arg, 'yêu cầu'),
        by: v.by ?? '',
        speaker: v.speaker,
        ground: v.ground ?? '',
        reason: v.reason,
        at: vnDateArg(v.at),
      });
      return say(`Đã ghi nhận từ chối cung cấp thông tin cho yêu cầu số ${arg}.`);
    case 'correction': {
      const r = await requestCorrection(c, {
        incidentId: num(arg, 'sự việc'),
        by: v.by ?? '',
        outlet: v.outlet ?? '',
        url: v.url ?? '',
        letter: v.letter ?? '',
        grounds: v.grounds,
        outletKind: (v['outlet-kind'] ?? 'online') as 'online',
        at: vnDateArg(v.at),
      });
      return say(
        `Đã ghi nhận yêu cầu cải chính số ${r.correctionId} (${r.asks.join(', ')}); kiểm tra lúc ${vnTime(r.dueAt)}.`,
      );
    }
    case 'complied':
      await recordCompliance(c, {
        correctionId: num(arg, 'yêu cầu cải chính'),
        by: v.by ?? '',
        compliance: v.refused ? 'refused' : v.partial ? 'partial' : 'complied',
        note: v.note,
        at: vnDateArg(v.at),
      });
      return say(`Đã ghi nhận kết quả cải chính của yêu cầu số ${arg}.`);
    case 'stats':
      return stats(app, v, say);
    case 'spikes': {
      const rows = await listSpikes(store, config.province.slug);
      if (v.json) return say(JSON.stringify(rows, null, 2));
      if (rows.length === 0) return say('Chưa có cảnh báo tăng đột biến.');
      for (const s of rows)
        say(
          `${vnTime(s.window_end)}\t${s.label_kind} ${s.label}\t${s.count} tin / ${s.window_end.getTime() - s.window_start.getTime() > 0 ? Math.round((s.window_end.getTime() - s.window_start.getTime()) / 60_000) : 0} phút (bình thường ${s.baseline})\t${s.department}`,
        );
      return;
    }
    case 'sweep': {
      const r = await sweepClock(store, config, now, c.options);
      return done(
        app,
        say,
        `Đồng hồ pháp lý: ${r.warnings} cảnh báo, ${r.overdue} quá hạn, ${r.notifications} thông báo.`,
      );
    }
    default:
      throw new IncidentError(
        'bad-command',
        `Không có lệnh "incidents ${sub}"`,
        `unknown command "incidents ${sub}"; see diemtin incidents`,
      );
  }
}

/** Prints, then delivers what the action decided right away (a running monitor would within seconds). */
async function done(app: App, say: (s: string) => void, message: string) {
  say(message);
  const r = await deliverDue(app.ctx.store, app.ctx.transport, app.ctx.now, {
    log: app.ctx.log,
    leaseMs: app.ctx.env.NOTIFY_LEASE_SECONDS * 1000,
  });
  if (r.sent + r.failed > 0)
    say(`Thông báo: ${r.sent} đã gửi${r.failed ? `, ${r.failed} lỗi (sẽ gửi lại)` : ''}.`);
}

async function stats(app: App, v: Values, say: (s: string) => void) {
  const now = app.ctx.now();
  let year = v.year ? Number(v.year) : Number(vnTime(now).slice(-4));
  let s = await yearlyStatistics(app.ctx.store, app.ctx.config, year, v['rule-set']);
  // By default the period that contains today (from 15 December it is next year's under 244/2026).
  if (!v.year && now >= s.to)
    s = await yearlyStatistics(app.ctx.store, app.ctx.config, ++year, v['rule-set']);
  if (v.json) return say(JSON.stringify(s, null, 2));
  say(
    `Thống kê phát ngôn năm ${year} (${s.ruleSet}): ${vnTime(s.from)} – ${vnTime(new Date(s.to.getTime() - 60_000))}`,
  );
  say(`Căn cứ: ${s.basis}${s.dueBy ? `; báo cáo trước ${vnTime(s.dueBy).slice(6)}` : ''}`);
  for (const i of s.items) say(`  ${i.label}: ${i.value}${i.of !== undefined ? ` / ${i.of}` : ''}`);
}
