import { z } from 'zod';
import type { ProvinceConfig } from '../config/index.ts';
import {
  getPerson,
  getWebUser,
  insertApiToken,
  type Store,
  upsertWebUser,
  WEB_ROLES,
} from '../store/index.ts';
import { hashPassword, newToken } from './auth.ts';

export const UserInput = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z0-9._-]{2,40}$/, 'tên đăng nhập: 2–40 ký tự a-z, 0-9, . _ -'),
    name: z.string().trim().min(1).max(200).optional(),
    role: z.enum(WEB_ROLES),
    department: z
      .string()
      .trim()
      .optional()
      .transform((s) => s || undefined),
    /** The registered person (people) this account acts as in incident records. */
    person: z
      .string()
      .trim()
      .optional()
      .transform((s) => s || undefined),
    password: z.string().min(10, 'mật khẩu cần ít nhất 10 ký tự').max(1000),
  })
  .refine((u) => u.role !== 'department' || u.department, {
    message: 'tài khoản phòng chuyên môn cần --department',
    path: ['department'],
  });

/** Adds (or updates) a dashboard account after checking its department and person exist. */
export async function addUser(
  store: Store,
  config: ProvinceConfig,
  raw: z.input<typeof UserInput>,
): Promise<number> {
  const u = UserInput.parse(raw);
  if (u.department && !config.departments.departments.some((d) => d.id === u.department))
    throw new Error(`không có đơn vị "${u.department}" trong departments.yaml`);
  let name = u.name;
  if (u.person) {
    const p = await getPerson(store, config.province.slug, u.person);
    if (!p?.active) throw new Error(`không có người "${u.person}" (xem: diemtin people list)`);
    if (u.role === 'department' && p.department && p.department !== u.department)
      throw new Error(`${p.name} thuộc đơn vị ${p.department}, không phải ${u.department}`);
    name ??= p.name;
  }
  return upsertWebUser(store, {
    username: u.username,
    name: name ?? u.username,
    role: u.role,
    department: u.department ?? null,
    person_id: u.person ?? null,
    password_hash: await hashPassword(u.password),
  });
}

/** A new API token for an account; the token itself is shown once and only its hash is kept. */
export async function addToken(
  store: Store,
  username: string,
  name: string,
): Promise<{ id: number; token: string }> {
  const user = await getWebUser(store, username);
  if (!user?.active) throw new Error(`không có tài khoản "${username}"`);
  const { token, hash } = newToken('dt_');
  const id = await insertApiToken(store, user.id, name, hash);
  return { id, token };
}
