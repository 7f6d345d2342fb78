import { describe, expect, it } from 'vitest';
import {
  bestMatch,
  checkSpeaker,
  chooseTitle,
  dueAction,
  dueTimes,
  eventWords,
  IncidentError,
  isSpike,
  leadOf,
  type MentionFacts,
  matchScore,
  opensIncident,
  retryDelayMs,
  ruleSet,
  ruleSetFor,
  severity,
  signWebhook,
  similarity,
  transition,
  verifyWebhook,
} from '../../alerts/index.ts';
import type { AuthorisationRow, DesignationRow, PersonRow } from '../../store/index.ts';
import { fixtureConfig } from '../helpers/factories.ts';

const H = 3600_000;
const settings = fixtureConfig().province.incidents;
const d = (iso: string) => new Date(iso);
const plus = (t: Date, h: number) => new Date(t.getTime() + h * H);

describe('rule sets', () => {
  it('are chosen by the Vietnam day the matter was received, unless pinned', () => {
    expect(ruleSetFor(d('2026-06-30T16:59:00Z')).id).toBe('nd-09-2017'); // 23:59 on 30/06 in Vietnam
    expect(ruleSetFor(d('2026-06-30T17:00:00Z')).id).toBe('nd-244-2026'); // 00:00 on 01/07
    expect(ruleSetFor(d('2026-12-01T00:00:00Z'), 'nd-09-2017').id).toBe('nd-09-2017');
  });

  it('start the statement clock at the event (09/2017), at receipt or at the determination (244/2026)', () => {
    const event = d('2026-03-01T00:00:00Z');
    const received = plus(event, 10);
    const clock = { event_at: event, received_at: received, determined_at: null };
    expect(dueTimes(ruleSet('nd-09-2017'), settings, clock)).toEqual({
      statementDueAt: plus(event, 24),
      factsDueAt: plus(received, 8),
    });
    expect(dueTimes(ruleSet('nd-244-2026'), settings, clock).statementDueAt).toEqual(plus(received, 24));
    const determined = { ...clock, determined_at: plus(received, 3) };
    expect(dueTimes(ruleSet('nd-244-2026'), settings, determined).statementDueAt).toEqual(plus(received, 27));
    // Facts come before the statement: an event found 20 hours late leaves 4 hours for both.
    const late = { ...clock, received_at: plus(event, 20) };
    expect(dueTimes(ruleSet('nd-09-2017'), settings, late).factsDueAt).toEqual(plus(event, 24));
  });
});

describe('the clock', () => {
  const rules = ruleSet('nd-244-2026');
  const due = d('2026-09-02T00:00:00Z');
  const base = { dueAt: due, warned: [] as string[], overdueAt: null, announcedAt: plus(due, -24) };

  it('warns 6 and 2 hours before, then marks overdue', () => {
    expect(dueAction(rules, base, plus(due, -7))).toEqual({ mark: [], overdue: false });
    expect(dueAction(rules, base, plus(due, -6))).toEqual({ send: '6h', mark: ['6h'], overdue: false });
    expect(dueAction(rules, { ...base, warned: ['6h'] }, plus(due, -1))).toEqual({
      send: '2h',
      mark: ['2h'],
      overdue: false,
    });
    expect(dueAction(rules, { ...base, warned: ['6h', '2h'] }, due)).toEqual({ mark: [], overdue: true });
  });

  it('after downtime sends only the most urgent warning; never one older than the announcement', () => {
    expect(dueAction(rules, base, plus(due, -1))).toEqual({ send: '2h', mark: ['6h', '2h'], overdue: false });
    const announced = { ...base, announcedAt: plus(due, -4) };
    expect(dueAction(rules, announced, plus(due, -4))).toEqual({ mark: ['6h'], overdue: false });
    expect(dueAction(rules, { ...base, overdueAt: due }, plus(due, 5))).toEqual({ mark: [], overdue: false });
  });
});

describe('who may speak', () => {
  const person = (id: string, role: PersonRow['role']): PersonRow => ({
    id,
    role,
    name: id,
    title: role,
    department: null,
    email: `${id}@x.example`,
    phone: null,
    active: true,
  });
  const people = [
    person('head', 'head'),
    person('deputy', 'deputy'),
    person('staff', 'staff'),
    person('deputy2', 'deputy'),
  ];
  const at = d('2026-09-10T05:00:00Z');
  const auth = (o: Partial<AuthorisationRow> = {}): AuthorisationRow => ({
    id: 1,
    person_id: 'deputy',
    granted_by: 'head',
    incident_id: 7,
    matter: 'sự việc #7',
    document: '12/GUQ',
    signed_at: plus(at, -2),
    valid_from: plus(at, -2),
    valid_until: plus(at, 48),
    published_at: null,
    revoked_at: null,
    ...o,
  });
  const designation: DesignationRow = {
    id: 1,
    person_id: 'deputy',
    designated_at: d('2026-07-10T00:00:00Z'),
    designated_by: 'head',
    document: 'QĐ 1',
    published_at: d('2026-07-10T09:00:00Z'),
    revoked_at: null,
  };
  const check = (
    id: string,
    rules: string,
    o: { designations?: DesignationRow[]; authorisations?: AuthorisationRow[]; when?: Date } = {},
  ) =>
    checkSpeaker({
      rules: ruleSet(rules),
      person: people.find((p) => p.id === id),
      personId: id,
      people,
      designations: o.designations ?? [],
      authorisations: o.authorisations ?? [],
      incidentId: 7,
      at: o.when ?? at,
    });
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(IncidentError);
      return (e as IncidentError).code;
    }
    return 'allowed';
  };

  it('the head always; the standing spokesperson under 244/2026 only, once published in time', () => {
    expect(check('head', 'nd-09-2017').as).toBe('head');
    expect(check('deputy', 'nd-244-2026', { designations: [designation] }).as).toBe('standing');
    expect(code(() => check('deputy', 'nd-09-2017', { designations: [designation] }))).toBe(
      'not-a-spokesperson',
    );
    const unpublished = { ...designation, published_at: null };
    expect(code(() => check('deputy', 'nd-244-2026', { designations: [unpublished] }))).toBe(
      'designation-unpublished',
    );
    const fresh = { ...unpublished, designated_at: plus(at, -3) };
    expect(check('deputy', 'nd-244-2026', { designations: [fresh] }).as).toBe('standing');
  });

  it('an authorisation: written by the head, for this case, in its period, published within 12 hours under 09/2017', () => {
    expect(check('deputy', 'nd-09-2017', { authorisations: [auth()] })).toMatchObject({
      as: 'authorised',
      authorisationId: 1,
    });
    expect(code(() => check('deputy', 'nd-09-2017', { authorisations: [auth({ incident_id: 8 })] }))).toBe(
      'authorisation-other-case',
    );
    expect(
      code(() => check('deputy', 'nd-09-2017', { authorisations: [auth({ valid_until: plus(at, -1) })] })),
    ).toBe('authorisation-not-in-force');
    expect(
      code(() => check('deputy', 'nd-09-2017', { authorisations: [auth({ granted_by: 'deputy2' })] })),
    ).toBe('sub-delegation');
    const old = auth({ signed_at: plus(at, -13), valid_from: plus(at, -13) });
    expect(code(() => check('deputy', 'nd-09-2017', { authorisations: [old] }))).toBe(
      'authorisation-unpublished',
    );
    expect(check('deputy', 'nd-244-2026', { authorisations: [old] }).as).toBe('authorised'); // no 12-hour rule
    expect(
      check('deputy', 'nd-09-2017', { authorisations: [{ ...old, published_at: plus(at, -2) }] }).as,
    ).toBe('authorised');
    // A department head cannot be authorised under 09/2017 (a Sở authorises a deputy), can under 244/2026.
    const staffAuth = auth({ person_id: 'staff' });
    expect(code(() => check('staff', 'nd-09-2017', { authorisations: [staffAuth] }))).toBe(
      'role-not-eligible',
    );
    expect(check('staff', 'nd-244-2026', { authorisations: [staffAuth] }).as).toBe('authorised');
    expect(code(() => check('nobody', 'nd-244-2026'))).toBe('unknown-person');
  });
});

describe('lifecycle', () => {
  it('moves forward only, and refuses what the state does not allow', () => {
    expect(transition('open', 'ack')).toBe('acknowledged');
    expect(transition('open', 'statement')).toBe('statement-issued');
    expect(transition('statement-issued', 'facts')).toBe('statement-issued');
    expect(transition('monitoring', 'resolve')).toBe('resolved');
    expect(transition('resolved', 'reopen')).toBe('monitoring');
    expect(() => transition('statement-issued', 'dismiss')).toThrow(/loại bỏ/);
    expect(() => transition('dismissed', 'statement')).toThrow(IncidentError);
    expect(() => transition('open', 'resolve')).toThrow(/cannot resolve/);
  });
});

describe('severity', () => {
  const base = {
    riskLevel: 0.5,
    outlets: 1,
    nationalNews: 0,
    newsCount: 1,
    socialCount: 0,
    engagement: 0,
    recentMentions: 1,
  };
  it('rises with reach and spread: a parents’ page, then the national press', () => {
    expect(severity({ ...base, riskLevel: 0.3 }, settings.levels).level).toBe('theo-doi');
    expect(severity(base, settings.levels).level).toBe('su-co');
    const spread = severity(
      { ...base, outlets: 3, nationalNews: 1, socialCount: 1, engagement: 3000, recentMentions: 3 },
      settings.levels,
    );
    expect(spread.parts).toEqual({
      risk: 0.5,
      spread: 0.2,
      national: 0.15,
      crossMedium: 0.1,
      engagement: 0.1,
      velocity: 0.1,
    });
    expect(spread.level).toBe('khung-hoang');
  });
});

describe('one incident per event', () => {
  const words = (s: string) => eventWords(s);
  const poisoning = words(
    '31 học sinh bán trú ở xã Trịnh Tường nhập viện nghi ngộ độc thực phẩm sau bữa trưa',
  );
  it('compares wording without diacritics, ignoring pairs common to all education news', () => {
    expect(
      similarity(words('hoc sinh ban tru Trinh Tuong nghi ngo doc thuc pham'), poisoning),
    ).toBeGreaterThan(0.7);
    expect(words('học sinh giáo dục')).toEqual(['sinh giao']);
  });

  it('joins by story, by shared risk and place, or much shared wording; never across communes', () => {
    const inc = { storyIds: [1], risks: ['food-safety'], places: ['Trịnh Tường'], words: poisoning };
    expect(matchScore({ storyIds: [1], risks: [], places: [], words: [] }, inc)).toBe(1);
    expect(
      matchScore({ storyIds: [2], risks: ['food-safety'], places: ['Trịnh Tường'], words: [] }, inc),
    ).toBeCloseTo(0.6);
    expect(
      matchScore({ storyIds: [2], risks: ['food-safety'], places: ['Pha Long'], words: [] }, inc),
    ).toBeUndefined();
    const vague = {
      storyIds: [2],
      risks: ['food-safety'],
      places: [],
      words: words('ngộ độc thực phẩm ở trường bán trú'),
    };
    expect(matchScore(vague, inc)).toBeGreaterThan(0.4);
    expect(matchScore({ ...vague, words: words('trời rét đậm') }, inc)).toBeUndefined();
    const other = {
      id: 2,
      storyIds: [9],
      risks: ['fees'],
      places: ['Trịnh Tường'],
      words: words('thu tiền sai quy định'),
    };
    expect(
      bestMatch({ storyIds: [3], risks: ['food-safety'], places: ['Trịnh Tường'], words: [] }, [
        other,
        { ...inc, id: 1 },
      ])?.id,
    ).toBe(1);
  });

  it('is titled by its most-covered story’s earliest news title, else the first post', () => {
    const m = (o: Partial<MentionFacts>): MentionFacts => ({
      documentId: 1,
      kind: 'news',
      outlet: 'A',
      tier: 'provincial',
      storyId: 1,
      title: '',
      text: '',
      publishedAt: d('2026-01-01T00:00:00Z'),
      fetchedAt: d('2026-01-02T00:00:00Z'),
      engagement: {},
      risks: [],
      riskLevel: 0,
      topics: [],
      places: [],
      otherProvinces: [],
      ...o,
    });
    const post = m({
      kind: 'social',
      text: 'Cả nhóm ơi, con mình bị đau bụng sau bữa trưa ở trường\nthêm dòng hai',
    });
    expect(chooseTitle([post])).toBe('Cả nhóm ơi, con mình bị đau bụng sau bữa trưa ở trường');
    const early = m({
      title: 'Tin sớm, ít báo đăng lại',
      storyId: 5,
      publishedAt: d('2025-12-31T00:00:00Z'),
    });
    const original = m({ title: 'Bài gốc', storyId: 1, publishedAt: d('2026-01-01T01:00:00Z') });
    const reprint = m({ title: 'Bài đăng lại', storyId: 1, publishedAt: d('2026-01-01T02:00:00Z') });
    expect(chooseTitle([post, early, reprint, original])).toBe('Bài gốc');
  });

  it('is led by the province when other provinces are named, by the Ministry when many are', () => {
    expect(leadOf([])).toBe('department');
    expect(leadOf(['Sơn La'])).toBe('province');
    expect(leadOf(['Sơn La', 'Lai Châu', 'Hà Giang'])).toBe('ministry');
  });
});

describe('spikes, retries and signatures', () => {
  it('a spike is many mentions and several times the baseline', () => {
    const s = { minCount: 5, factor: 3 };
    expect(isSpike(6, 0, 167, s).spike).toBe(true);
    expect(isSpike(4, 0, 167, s).spike).toBe(false);
    expect(isSpike(6, 400, 167, s).spike).toBe(false); // about 2.4 an hour is normal for this label
  });

  it('retries back off exponentially up to half an hour', () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([5000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(20)).toBe(1_800_000);
  });

  it('a webhook signature covers the timestamp and the body', () => {
    const now = new Date();
    const ts = Math.floor(now.getTime() / 1000);
    const headers = {
      'x-diemtin-timestamp': String(ts),
      'x-diemtin-signature': signWebhook('s', ts, '{"a":1}'),
    };
    expect(verifyWebhook('s', headers, '{"a":1}', now)).toBe(true);
    expect(verifyWebhook('s', headers, '{"a":2}', now)).toBe(false);
    expect(verifyWebhook('s', headers, '{"a":1}', new Date(now.getTime() + 600_000))).toBe(false); // replayed later
  });
});

describe('what opens an incident', () => {
  const config = fixtureConfig();
  it('takes a negative mention with a risk above its threshold', () => {
    expect(opensIncident(config, 'negative', { 'food-safety': 0.9 })).toBe(true);
    expect(opensIncident(config, 'negative', { fees: 0.05 })).toBe(false);
    expect(opensIncident(config, 'positive', { 'food-safety': 0.9 })).toBe(false);
  });
  it('takes a spreading false claim whatever its tone, but not the rebuttal of one', () => {
    expect(opensIncident(config, 'neutral', { misinformation: 0.9 })).toBe(true);
    expect(opensIncident(config, 'neutral', { misinformation: 0.9 }, true)).toBe(false);
    expect(opensIncident(config, 'neutral', { 'food-safety': 0.9 })).toBe(false);
  });
});
