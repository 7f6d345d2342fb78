import type { AuthorisationRow, DesignationRow, PersonRow } from '../store/index.ts';
import { IncidentError } from './errors.ts';
import type { RuleSet } from './rule-sets.ts';
import { vnTime } from './time.ts';

export interface SpeakerFacts {
  rules: RuleSet;
  /** The person who would speak (undefined: not registered). */
  person: PersonRow | undefined;
  personId: string;
  /** Everyone registered: grantors are looked up here (no sub-delegation). */
  people: PersonRow[];
  designations: DesignationRow[];
  authorisations: AuthorisationRow[];
  incidentId: number;
  at: Date;
}

export type SpeakerVerdict = {
  as: 'head' | 'standing' | 'authorised';
  authorisationId?: number;
  basis: string;
};

const HOUR = 3600_000;
const inForce = (from: Date, until: Date | null, at: Date) => from <= at && (!until || at < until);
const late = (signed: Date, published: Date | null, within: number | undefined, at: Date) =>
  within !== undefined && at.getTime() > signed.getTime() + within * HOUR && (!published || published > at);

/**
 * Who may speak for the Department on this incident at this moment, under its rule set: the head; the standing
 * spokesperson where the rule set knows one (published on the portal in time); or a person holding a written,
 * per-case, time-limited authorisation signed by the head (no sub-delegation), published in time where the rule
 * set asks. Throws IncidentError naming the rule otherwise. Pure.
 */
export function checkSpeaker(f: SpeakerFacts): SpeakerVerdict {
  const { rules, person, at } = f;
  const s = rules.speakers;
  if (!person?.active)
    throw new IncidentError(
      'unknown-person',
      `Không có người "${f.personId}" trong danh sách (đăng ký bằng lệnh diemtin people add)`,
      `no registered person "${f.personId}" (register with diemtin people add)`,
    );
  if (person.role === 'head') return { as: 'head', basis: s.head.basis };

  if (s.standing) {
    const d = f.designations.find(
      (x) => x.person_id === person.id && inForce(x.designated_at, x.revoked_at, at),
    );
    if (d) {
      if (late(d.designated_at, d.published_at, s.standing.publishWithinHours, at))
        throw new IncidentError(
          'designation-unpublished',
          `${person.name} được chỉ định làm người phát ngôn nhưng thông tin chưa được công bố trên cổng thông tin trong ${s.standing.publishWithinHours} giờ`,
          `${person.name} is the designated spokesperson but was not published on the portal within ${s.standing.publishWithinHours} hours`,
          s.standing.basis,
        );
      return { as: 'standing', basis: s.standing.basis };
    }
  }

  const mine = f.authorisations.filter((a) => a.person_id === person.id && !a.revoked_at);
  const refusals: IncidentError[] = [];
  for (const a of mine) {
    const problem = authorisationProblem(f, a);
    if (!problem) return { as: 'authorised', authorisationId: a.id, basis: s.authorised.basis };
    refusals.push(problem);
  }
  if (refusals.length > 0) throw refusals[0]!;
  const standingNote = s.standing ? '' : ' (theo quy định này, người phát ngôn của Sở cần giấy ủy quyền)';
  throw new IncidentError(
    'not-a-spokesperson',
    `${person.name} (${person.title}) không phải người đứng đầu, không phải người phát ngôn và không có ủy quyền bằng văn bản cho sự việc #${f.incidentId}: không được phát ngôn nhân danh Sở${standingNote}`,
    `${person.name} is neither the head, nor the spokesperson, nor holds a written authorisation for incident #${f.incidentId}: may not speak in the Department's name`,
    s.others,
  );
}

function authorisationProblem(f: SpeakerFacts, a: AuthorisationRow): IncidentError | undefined {
  const rule = f.rules.speakers.authorised;
  const { at } = f;
  const name = f.person!.name;
  if (!rule.roles.includes(f.person!.role as (typeof rule.roles)[number]))
    return new IncidentError(
      'role-not-eligible',
      `${name} có vai trò "${f.person!.role}", không thuộc những người được ủy quyền phát ngôn theo ${f.rules.name}`,
      `${name}'s role "${f.person!.role}" cannot be authorised to speak under ${f.rules.id}`,
      rule.basis,
    );
  const grantor = f.people.find((p) => p.id === a.granted_by);
  if (!rule.subDelegation && grantor?.role !== 'head')
    return new IncidentError(
      'sub-delegation',
      `Ủy quyền số ${a.document} do ${grantor?.name ?? a.granted_by} ký, không phải người đứng đầu: không được ủy quyền lại`,
      `authorisation ${a.document} was signed by ${grantor?.name ?? a.granted_by}, not the head: no sub-delegation`,
      rule.basis,
    );
  if (rule.perCase && a.incident_id !== f.incidentId)
    return new IncidentError(
      'authorisation-other-case',
      `Ủy quyền số ${a.document} của ${name} dành cho ${a.incident_id ? `sự việc #${a.incident_id}` : `"${a.matter}"`}, không phải sự việc #${f.incidentId}`,
      `${name}'s authorisation ${a.document} is for ${a.incident_id ? `incident #${a.incident_id}` : `"${a.matter}"`}, not incident #${f.incidentId}`,
      rule.basis,
    );
  if (a.signed_at > at || a.valid_from > at || (rule.timeLimited && a.valid_until < at))
    return new IncidentError(
      'authorisation-not-in-force',
      `Ủy quyền số ${a.document} của ${name} không có hiệu lực vào thời điểm này (hiệu lực ${vnTime(a.valid_from)} – ${vnTime(a.valid_until)})`,
      `${name}'s authorisation ${a.document} is not in force at that time (${a.valid_from.toISOString()} – ${a.valid_until.toISOString()})`,
      rule.basis,
    );
  if (late(a.signed_at, a.published_at, rule.publishWithinHours, at))
    return new IncidentError(
      'authorisation-unpublished',
      `Ủy quyền số ${a.document} của ${name} chưa được công bố trong ${rule.publishWithinHours} giờ kể từ khi ký`,
      `${name}'s authorisation ${a.document} was not published within ${rule.publishWithinHours} hours of signing`,
      rule.basis,
    );
  return undefined;
}

/**
 * Who is told as "spokesperson" of an incident: the standing spokesperson in force where the rule set knows one,
 * people authorised for this incident, else the head.
 */
export function spokespeople(
  rules: RuleSet,
  people: PersonRow[],
  designations: DesignationRow[],
  authorisations: AuthorisationRow[],
  incidentId: number,
  at: Date,
): PersonRow[] {
  const active = people.filter((p) => p.active);
  const ids = new Set<string>();
  if (rules.speakers.standing)
    for (const d of designations) if (inForce(d.designated_at, d.revoked_at, at)) ids.add(d.person_id);
  for (const a of authorisations)
    if (a.incident_id === incidentId && !a.revoked_at && a.valid_until >= at) ids.add(a.person_id);
  const found = active.filter((p) => ids.has(p.id));
  return found.length > 0 ? found : active.filter((p) => p.role === 'head');
}
