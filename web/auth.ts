import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import type { IncidentRow, WebRole, WebUserRow } from '../store/index.ts';

/** argon2id with the OWASP minimum (19 MiB, 2 passes). */
const ARGON = {
  algorithm: 2 /* Algorithm.Argon2id (a const enum) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the username is unknown, so the answer takes as long as for a real one. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => {
  decoy ??= hashPassword(randomBytes(16).toString('hex'));
  return decoy;
};

/** A new random token (cookie or bearer) and the SHA-256 the database keeps. */
export function newToken(prefix = ''): { token: string; hash: string } {
  const token = prefix + randomBytes(32).toString('base64url');
  return { token, hash: tokenHash(token) };
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

export const ROLE_NAMES: Record<WebRole, string> = {
  admin: 'Quản trị',
  office: 'Văn phòng (theo dõi báo chí)',
  department: 'Phòng chuyên môn',
  leadership: 'Lãnh đạo Sở, người phát ngôn',
  viewer: 'Chỉ xem',
};

export type User = Pick<WebUserRow, 'id' | 'username' | 'name' | 'role' | 'department' | 'person_id'>;

/** What each role may do; a department account's incident rights stop at its own department (mayActOn). */
const RIGHTS: Record<string, WebRole[]> = {
  'incident-act': ['admin', 'office', 'department', 'leadership'],
  'label-correct': ['admin', 'office'],
  'source-toggle': ['admin', 'office'],
  'report-generate': ['admin', 'office', 'department', 'leadership'],
  configure: ['admin'],
};

export type Right = keyof typeof RIGHTS;

export const may = (user: User, right: Right): boolean => RIGHTS[right]?.includes(user.role) ?? false;

/** May this account see the incident? Department accounts see their own department's only. */
export const maySee = (user: User, inc: Pick<IncidentRow, 'department'>): boolean =>
  user.role !== 'department' || inc.department === user.department;

export const mayActOn = (user: User, inc: Pick<IncidentRow, 'department'>): boolean =>
  may(user, 'incident-act') && maySee(user, inc);

/** Thrown by handlers; turned into 401/403/404/400 pages or JSON by the error handler. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}
