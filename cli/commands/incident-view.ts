import {
  CHANNELS,
  departmentName,
  LEAD_NAMES,
  LEVEL_NAMES,
  type Lead,
  type Level,
  ruleSet,
  STATE_NAMES,
  type State,
  spokespeople,
  statementBasis,
  vnRemaining,
  vnTime,
} from '../../alerts/index.ts';
import type { ProvinceConfig } from '../../config/index.ts';
import {
  type IncidentRow,
  incidentEvents,
  incidentMentions,
  incidentNotifications,
  listAuthorisations,
  listCorrections,
  listDesignations,
  listPeople,
  listPressRequests,
  listStatements,
  type Queryable,
} from '../../store/index.ts';

const level = (l: string) => LEVEL_NAMES[l as Level] ?? l;
const state = (s: string) => STATE_NAMES[s as State] ?? s;

/** One line per incident: id, level, state, department, the next due time. */
export function incidentLine(config: ProvinceConfig, i: IncidentRow, now: Date): string {
  const due =
    !i.facts_at && !i.statement_at ? ['thông tin', i.facts_due_at] : ['phát ngôn', i.statement_due_at];
  const clock = i.statement_at
    ? `đã phát ngôn ${vnTime(i.statement_at)}`
    : `hạn ${due[0]} ${vnTime(due[1] as Date)} (${vnRemaining(due[1] as Date, now)})`;
  return [
    `#${i.id}`,
    level(i.level),
    state(i.state),
    departmentName(config, i.department),
    clock,
    `${i.mention_count} tin`,
    i.title,
  ].join('\t');
}

/** Everything recorded about an incident, for `incidents show` (text or JSON). */
export async function incidentDetail(db: Queryable, config: ProvinceConfig, inc: IncidentRow, now: Date) {
  const p = config.province.slug;
  const [mentions, statements, press, corrections, events, notifications, people, designations, auths] =
    await Promise.all([
      incidentMentions(db, inc.id),
      listStatements(db, inc.id),
      listPressRequests(db, inc.id),
      listCorrections(db, inc.id),
      incidentEvents(db, inc.id),
      incidentNotifications(db, inc.id),
      listPeople(db, p),
      listDesignations(db, p),
      listAuthorisations(db, p),
    ]);
  const rules = ruleSet(inc.rule_set);
  const growth = new Map<string, number>();
  for (const m of mentions) {
    const t = m.published_at && m.published_at < m.fetched_at ? m.published_at : m.fetched_at;
    const hour = `${vnTime(t).slice(6)} ${vnTime(t).slice(0, 2)}h`;
    growth.set(hour, (growth.get(hour) ?? 0) + 1);
  }
  return {
    incident: { ...inc, signature: undefined },
    ruleSet: { id: rules.id, name: rules.name, statementBasis: statementBasis(rules, inc) },
    spokespeople: spokespeople(rules, people, designations, auths, inc.id, now).map((x) => x.id),
    growth: [...growth.entries()].map(([hour, mentions]) => ({ hour, mentions })),
    mentions: mentions.map(({ text: _t, lead: _l, scores: _s, explanations: _e, ...m }) => m),
    statements,
    pressRequests: press,
    corrections,
    events,
    notifications,
    authorisations: auths.filter((a) => a.incident_id === inc.id),
    names: Object.fromEntries(people.map((x) => [x.id, `${x.name} (${x.title})`])),
  };
}

type Detail = Awaited<ReturnType<typeof incidentDetail>>;

/** The detail as Vietnamese text. */
export function renderDetail(config: ProvinceConfig, d: Detail, now: Date): string {
  const i = d.incident;
  const who = (id: string | null) => (id ? (d.names[id] ?? id) : '-');
  const deadline = (name: string, due: Date, met: Date | null, overdue: Date | null, basis: string) =>
    `  ${name}: ${vnTime(due)} — ${met ? `đã xong lúc ${vnTime(met)}${met > due ? ' (muộn)' : ''}` : overdue ? 'QUÁ HẠN' : vnRemaining(due, now)} (${basis})`;
  const out = [
    `#${i.id} [${level(i.level)}] ${i.title}`,
    `Trạng thái: ${state(i.state)} · Đơn vị chủ trì: ${departmentName(config, i.department)}${i.assigned_to ? ` (người được giao: ${who(i.assigned_to)})` : ''} · ${LEAD_NAMES[i.lead_by as Lead] ?? i.lead_by}`,
    `Căn cứ: ${d.ruleSet.name} · nhận lúc ${vnTime(i.received_at)} · sự việc xảy ra (ước tính) ${vnTime(i.event_at)}`,
    `Rủi ro: ${i.risks.join(', ') || '-'} · Tuyến tin: ${i.topics.join(', ') || '-'} · Địa bàn: ${i.places.join(', ') || '-'}${i.other_provinces.length ? ` · Tỉnh khác: ${i.other_provinces.join(', ')}` : ''}`,
    `Tin, bài: ${i.mention_count} tin từ ${i.outlet_count} nguồn (${i.news_count} bài báo, trong đó ${i.national_count} báo trung ương; ${i.social_count} bài mạng xã hội); ${i.reach} lượt tương tác; lần đầu ${vnTime(i.first_seen_at)}, gần nhất ${vnTime(i.last_seen_at)}`,
    `Diễn biến: ${d.growth.map((g) => `${g.hour}: ${g.mentions}`).join(' · ')}`,
    'Thời hạn:',
    deadline(
      'Thông tin đã kiểm chứng',
      i.facts_due_at,
      i.facts_at,
      i.facts_overdue_at,
      ruleSet(i.rule_set).clock.facts.basis,
    ),
    deadline(
      'Phát ngôn ban đầu',
      i.statement_due_at,
      i.statement_at,
      i.statement_overdue_at,
      d.ruleSet.statementBasis,
    ),
    `Người được phát ngôn: ${d.spokespeople.map(who).join('; ')}`,
  ];
  if (i.closed_at) out.push(`Đóng lúc ${vnTime(i.closed_at)}: ${i.closed_reason ?? ''}`);
  const section = (title: string, rows: string[]) => {
    if (rows.length > 0) out.push('', `${title}:`, ...rows.map((r) => `  ${r}`));
  };
  section(
    'Phát ngôn',
    d.statements.map(
      (s) =>
        `${vnTime(s.at)} ${who(s.speaker_id)} — ${CHANNELS[s.channel as keyof typeof CHANNELS] ?? s.channel}${s.on_time ? '' : ' (quá hạn)'}: ${s.text}`,
    ),
  );
  section(
    'Yêu cầu của báo chí',
    d.pressRequests.map(
      (r) =>
        `số ${r.id} ${r.outlet}${r.journalist ? ` (${r.journalist})` : ''}, nhận ${vnTime(r.received_at)}, hạn ${vnTime(r.due_at)}: ${r.question} → ${r.state === 'open' ? 'chưa trả lời' : `${r.state === 'refused' ? `từ chối (${r.refusal_ground})` : 'đã trả lời'} lúc ${vnTime(r.answered_at!)} bởi ${who(r.answered_by)}: ${r.answer ?? ''}`}`,
    ),
  );
  section(
    'Yêu cầu cải chính',
    d.corrections.map(
      (c) =>
        `số ${c.id} ${c.outlet} (${c.letter}, ${vnTime(c.sent_at)}; yêu cầu: ${c.asks.join(', ')}) — ${c.compliance === 'pending' ? `chờ, kiểm tra lúc ${vnTime(c.due_at)}` : `${c.compliance}${c.complied_at ? ` lúc ${vnTime(c.complied_at)}` : ''}`} — ${c.url}`,
    ),
  );
  section(
    'Tin, bài',
    d.mentions.map((m) => `${m.outlet}: ${m.title || '(bài đăng mạng xã hội)'} <${m.url}>`),
  );
  section(
    'Nhật ký',
    d.events.map(
      (e) =>
        `${vnTime(e.at)} ${e.actor === 'system' ? 'hệ thống' : who(e.actor)}: ${e.kind} ${JSON.stringify(e.data)}`,
    ),
  );
  section(
    'Thông báo',
    d.notifications.map(
      (n) =>
        `${vnTime(n.created_at)} ${n.channel} ${n.recipient}: ${n.state}${n.attempts > 1 ? ` (${n.attempts} lần)` : ''}${n.last_error ? ` — ${n.last_error}` : ''}`,
    ),
  );
  return out.join('\n');
}
