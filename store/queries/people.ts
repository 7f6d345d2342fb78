import { json, type Queryable } from '../db.ts';

export interface PersonRow {
  id: string;
  name: string;
  title: string;
  role: 'head' | 'deputy' | 'spokesperson' | 'staff' | 'monitor';
  department: string | null;
  email: string;
  phone: string | null;
  active: boolean;
}

export interface DesignationRow {
  id: number;
  person_id: string;
  designated_at: Date;
  designated_by: string | null;
  document: string | null;
  published_at: Date | null;
  revoked_at: Date | null;
}

export interface AuthorisationRow {
  id: number;
  person_id: string;
  granted_by: string;
  incident_id: number | null;
  matter: string;
  document: string;
  signed_at: Date;
  valid_from: Date;
  valid_until: Date;
  published_at: Date | null;
  revoked_at: Date | null;
}

export type NewPerson = Omit<PersonRow, 'active'>;

/** Inserts people not yet known (a seed never overwrites what `diemtin people` changed). */
export async function seedPeople(db: Queryable, province: string, people: NewPerson[]): Promise<void> {
  await db.query(
    `INSERT INTO people (province, id, name, title, role, department, email, phone)
     SELECT $1, p.id, p.name, p.title, p.role, p.department, p.email, p.phone
     FROM jsonb_to_recordset($2::jsonb) AS p(id text, name text, title text, role text, department text,
       email text, phone text)
     ON CONFLICT (province, id) DO NOTHING`,
    [province, json(people)],
  );
}

/** Adds a person or updates one (an explicit edit). */
export async function upsertPerson(db: Queryable, province: string, p: NewPerson): Promise<void> {
  await db.query(
    `INSERT INTO people (province, id, name, title, role, department, email, phone)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (province, id) DO UPDATE SET name = $3, title = $4, role = $5, department = $6, email = $7,
       phone = $8, active = true`,
    [province, p.id, p.name, p.title, p.role, p.department, p.email, p.phone],
  );
}

export async function setPersonActive(
  db: Queryable,
  province: string,
  id: string,
  active: boolean,
): Promise<boolean> {
  const rows = await db.query('UPDATE people SET active = $3 WHERE province = $1 AND id = $2 RETURNING id', [
    province,
    id,
    active,
  ]);
  return rows.length > 0;
}

export async function listPeople(db: Queryable, province: string): Promise<PersonRow[]> {
  return db.query<PersonRow>(
    `SELECT id, name, title, role, department, email, phone, active FROM people WHERE province = $1
     ORDER BY CASE role WHEN 'head' THEN 0 WHEN 'deputy' THEN 1 WHEN 'spokesperson' THEN 2 ELSE 3 END, id`,
    [province],
  );
}

export async function getPerson(db: Queryable, province: string, id: string): Promise<PersonRow | undefined> {
  return (
    await db.query<PersonRow>(
      'SELECT id, name, title, role, department, email, phone, active FROM people WHERE province = $1 AND id = $2',
      [province, id],
    )
  )[0];
}

export interface NewDesignation {
  personId: string;
  designatedAt: Date;
  designatedBy: string | null;
  document: string | null;
  publishedAt: Date | null;
  seedKey?: string;
}

/** Designates the standing spokesperson; an earlier designation still in force is revoked at that time. */
export async function addDesignation(
  db: Queryable,
  province: string,
  d: NewDesignation,
): Promise<number | undefined> {
  if (d.seedKey) {
    const seen = await db.query('SELECT id FROM designations WHERE seed_key = $1', [d.seedKey]);
    if (seen.length > 0) return undefined;
  }
  await db.query(
    `UPDATE designations SET revoked_at = $2 WHERE province = $1 AND revoked_at IS NULL AND designated_at <= $2`,
    [province, d.designatedAt],
  );
  const rows = await db.query<{ id: number }>(
    `INSERT INTO designations (province, person_id, designated_at, designated_by, document, published_at, seed_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (seed_key) DO NOTHING RETURNING id`,
    [province, d.personId, d.designatedAt, d.designatedBy, d.document, d.publishedAt, d.seedKey ?? null],
  );
  return rows[0]?.id;
}

export async function listDesignations(db: Queryable, province: string): Promise<DesignationRow[]> {
  return db.query<DesignationRow>(
    `SELECT id, person_id, designated_at, designated_by, document, published_at, revoked_at FROM designations
     WHERE province = $1 ORDER BY designated_at, id`,
    [province],
  );
}

export interface NewAuthorisation {
  personId: string;
  grantedBy: string;
  incidentId: number | null;
  matter: string;
  document: string;
  signedAt: Date;
  validFrom: Date;
  validUntil: Date;
  publishedAt: Date | null;
  seedKey?: string;
}

export async function addAuthorisation(
  db: Queryable,
  province: string,
  a: NewAuthorisation,
): Promise<number | undefined> {
  const rows = await db.query<{ id: number }>(
    `INSERT INTO authorisations (province, person_id, granted_by, incident_id, matter, document, signed_at,
       valid_from, valid_until, published_at, seed_key)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) ON CONFLICT (seed_key) DO NOTHING RETURNING id`,
    [
      province,
      a.personId,
      a.grantedBy,
      a.incidentId,
      a.matter,
      a.document,
      a.signedAt,
      a.validFrom,
      a.validUntil,
      a.publishedAt,
      a.seedKey ?? null,
    ],
  );
  return rows[0]?.id;
}

export async function listAuthorisations(
  db: Queryable,
  province: string,
  personId?: string,
): Promise<AuthorisationRow[]> {
  return db.query<AuthorisationRow>(
    `SELECT id, person_id, granted_by, incident_id, matter, document, signed_at, valid_from, valid_until,
       published_at, revoked_at FROM authorisations
     WHERE province = $1 AND ($2::text IS NULL OR person_id = $2) ORDER BY signed_at, id`,
    [province, personId ?? null],
  );
}

/** Records publication on the portal (or revocation) of a designation or authorisation. */
export async function markPapers(
  db: Queryable,
  province: string,
  table: 'designations' | 'authorisations',
  id: number,
  field: 'published_at' | 'revoked_at',
  at: Date,
): Promise<boolean> {
  const rows = await db.query(
    `UPDATE ${table} SET ${field} = $3 WHERE province = $1 AND id = $2 AND ${field} IS NULL RETURNING id`,
    [province, id, at],
  );
  return rows.length > 0;
}
