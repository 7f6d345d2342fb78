import { z } from 'zod';
import { Email, Id } from './common.ts';

export const DepartmentSchema = z.object({
  id: Id,
  name: z.string().min(1),
  email: Email,
  phone: z.string().optional(),
  covers: z.string().default(''),
});

export const RoutingRuleSchema = z.object({
  risks: z.array(Id).default([]),
  topics: z.array(Id).default([]),
  department: Id,
});

export const DepartmentsFile = z.object({
  office: Id,
  departments: z.array(DepartmentSchema).min(1),
  routing: z.array(RoutingRuleSchema).default([]),
  default: Id,
});

export const Role = z.enum(['head', 'deputy', 'spokesperson', 'staff', 'monitor']);

export const PersonSchema = z.object({
  id: Id,
  name: z.string().min(1),
  title: z.string().min(1),
  role: Role,
  department: Id.nullable().default(null),
  email: Email,
  phone: z.string().optional(),
});

/** A written authorisation to speak on one matter for a fixed period (no sub-delegation: granted by the head). */
export const AuthorisationSchema = z.object({
  person: Id,
  /** Who signed it; default: the head. */
  grantedBy: Id.optional(),
  matter: z.string().min(1),
  /** Number and date of the written authorisation ("Giấy ủy quyền số 12/GUQ-SGDĐT"). */
  document: z.string().min(1),
  signedAt: z.coerce.date(),
  validFrom: z.coerce.date().optional(),
  validUntil: z.coerce.date(),
  publishedAt: z.coerce.date().optional(),
});

export const PeopleFile = z.object({
  people: z.array(PersonSchema).min(1),
  spokesperson: z
    .object({
      standing: Id.nullable().default(null),
      designatedAt: z.coerce.date().optional(),
      publishedAt: z.coerce.date().optional(),
      document: z.string().optional(),
    })
    .default({ standing: null }),
  authorisations: z.array(AuthorisationSchema).default([]),
});

export type Department = z.infer<typeof DepartmentSchema>;
export type RoutingRule = z.infer<typeof RoutingRuleSchema>;
export type Person = z.infer<typeof PersonSchema>;
