import { z } from 'zod';
import { PersonSchema, type ProvinceConfig } from '../config/index.ts';
import {
  addAuthorisation,
  addDesignation,
  addIncidentEvent,
  getIncident,
  getPerson,
  type IncidentRow,
  listAuthorisations,
  listDesignations,
  listPeople,
  markPapers,
  type PersonRow,
  type Queryable,
  type Store,
  seedPeople,
  upsertPerson,
} from '../store/index.ts';
import { IncidentError } from './errors.ts';
import { ruleSet } from './rule-sets.ts';
import { checkSpeaker, type SpeakerVerdict } from './speakers.ts';

/**
 * Brings people.yaml into the database as a seed: people, the standing spokesperson's designation and the
 * authorisations it lists are added when missing; what `diemtin people` changed is kept.
 */
export async function seedPeopleFromConfig(store: Store, config: ProvinceConfig): Promise<void> {
  const p = config.province.slug;
  const { people, spokesperson, authorisations } = config.people;
  const head = people.find((x) => x.role === 'head')!;
  await store.transaction(async (tx) => {
    await seedPeople(
      tx,
      p,
      people.map((x) => ({ ...x, phone: x.phone ?? null })),
    );
    if (spokesperson.standing) {
      const at = spokesperson.designatedAt ?? new Date(0);
      await addDesignation(tx, p, {
        personId: spokesperson.standing,
        designatedAt: at,
        designatedBy: head.id,
        document: spokesperson.document ?? null,
        publishedAt: spokesperson.publishedAt ?? (spokesperson.designatedAt ? null : at),
        seedKey: `people.yaml:standing:${spokesperson.standing}:${at.toISOString()}`,
      });
    }
    for (const a of authorisations)
      await addAuthorisation(tx, p, {
        personId: a.person,
        grantedBy: a.grantedBy ?? head.id,
        incidentId: null,
        matter: a.matter,
        document: a.document,
        signedAt: a.signedAt,
        validFrom: a.validFrom ?? a.signedAt,
        validUntil: a.validUntil,
        publishedAt: a.publishedAt ?? null,
        seedKey: `people.yaml:auth:${a.person}:${a.document}`,
      });
  });
}

/** A registered, active person, or an IncidentError naming the id. */
export async function requirePerson(db: Queryable, config: ProvinceConfig, id: string): Promise<PersonRow> {
  const p = await getPerson(db, config.province.slug, id);
  if (!p?.active)
    throw new IncidentError(
      'unknown-person',
      `Không có người "${id}" trong danh sách (xem: diemtin people list)`,
      `no registered person "${id}" (see: diemtin people list)`,
    );
  return p;
}

/** May this person speak for the Department on this incident at `at`? Throws the refusal otherwise. */
export async function speakerFor(
  db: Queryable,
  config: ProvinceConfig,
  inc: IncidentRow,
  personId: string,
  at: Date,
): Promise<SpeakerVerdict> {
  const p = config.province.slug;
  const [people, designations, authorisations] = await Promise.all([
    listPeople(db, p),
    listDesignations(db, p),
    listAuthorisations(db, p),
  ]);
  return checkSpeaker({
    rules: ruleSet(inc.rule_set),
    person: people.find((x) => x.id === personId),
    personId,
    people,
    designations,
    authorisations,
    incidentId: inc.id,
    at,
  });
}

export const PersonInput = PersonSchema.extend({ phone: z.string().nullable().default(null) });

export async function addPerson(store: Store, config: ProvinceConfig, input: z.input<typeof PersonInput>) {
  const p = PersonInput.parse(input);
  if (p.department && !config.departments.departments.some((d) => d.id === p.department))
    throw new IncidentError(
      'unknown-department',
      `Không có đơn vị "${p.department}"`,
      `no department "${p.department}"`,
    );
  await upsertPerson(store, config.province.slug, p);
}

export const DesignationInput = z.object({
  person: z.string().min(1),
  by: z.string().min(1),
  at: z.coerce.date(),
  document: z.string().min(1),
  publishedAt: z.coerce.date().optional(),
});

/** The head designates the standing spokesperson (the previous designation ends). */
export async function designate(
  store: Store,
  config: ProvinceConfig,
  input: z.input<typeof DesignationInput>,
) {
  const d = DesignationInput.parse(input);
  return store.transaction(async (tx) => {
    await requirePerson(tx, config, d.person);
    const head = await requirePerson(tx, config, d.by);
    if (head.role !== 'head')
      throw new IncidentError(
        'not-head',
        `Chỉ người đứng đầu mới chỉ định người phát ngôn; ${head.name} là ${head.title}`,
        `only the head designates the spokesperson; ${head.name} is ${head.title}`,
      );
    return addDesignation(tx, config.province.slug, {
      personId: d.person,
      designatedAt: d.at,
      designatedBy: d.by,
      document: d.document,
      publishedAt: d.publishedAt ?? null,
    });
  });
}

export const AuthorisationInput = z.object({
  person: z.string().min(1),
  by: z.string().min(1),
  incidentId: z.number().int().positive(),
  document: z.string().min(1, 'ủy quyền phải bằng văn bản: cần số văn bản (--document)'),
  signedAt: z.coerce.date(),
  validFrom: z.coerce.date().optional(),
  validUntil: z.coerce.date(),
  publishedAt: z.coerce.date().optional(),
  matter: z.string().optional(),
});

/**
 * Records a written authorisation to speak on one incident for a fixed period. Whether it lets the person
 * speak (signed by the head, role, period, publication) is judged when they speak, under the incident's rule set.
 */
export async function authorise(
  store: Store,
  config: ProvinceConfig,
  input: z.input<typeof AuthorisationInput>,
) {
  const a = AuthorisationInput.parse(input);
  if (a.validUntil <= (a.validFrom ?? a.signedAt))
    throw new IncidentError(
      'bad-period',
      'Thời hạn ủy quyền phải kết thúc sau khi bắt đầu',
      'the authorisation must end after it starts',
    );
  return store.transaction(async (tx) => {
    await requirePerson(tx, config, a.person);
    await requirePerson(tx, config, a.by);
    const inc = await getIncident(tx, a.incidentId);
    if (!inc || inc.province !== config.province.slug)
      throw new IncidentError(
        'no-incident',
        `Không có sự việc #${a.incidentId}`,
        `no incident #${a.incidentId}`,
      );
    const id = (await addAuthorisation(tx, config.province.slug, {
      personId: a.person,
      grantedBy: a.by,
      incidentId: a.incidentId,
      matter: a.matter ?? inc.title,
      document: a.document,
      signedAt: a.signedAt,
      validFrom: a.validFrom ?? a.signedAt,
      validUntil: a.validUntil,
      publishedAt: a.publishedAt ?? null,
    }))!;
    await addIncidentEvent(
      tx,
      a.incidentId,
      a.by,
      'authorised',
      { authorisation: id, person: a.person, document: a.document, validUntil: a.validUntil },
      a.signedAt,
    );
    return id;
  });
}

/** Marks a designation or authorisation published on the portal, or revoked. */
export async function markPaper(
  store: Store,
  config: ProvinceConfig,
  what: 'designation' | 'authorisation',
  id: number,
  field: 'published' | 'revoked',
  at: Date,
): Promise<void> {
  const ok = await markPapers(
    store,
    config.province.slug,
    what === 'designation' ? 'designations' : 'authorisations',
    id,
    field === 'published' ? 'published_at' : 'revoked_at',
    at,
  );
  if (!ok)
    throw new IncidentError(
      'no-paper',
      `Không có ${what === 'designation' ? 'quyết định chỉ định' : 'giấy ủy quyền'} số ${id} chưa được ${field === 'published' ? 'công bố' : 'thu hồi'}`,
      `no ${what} ${id} that is not already ${field}`,
    );
}
