import { z } from 'zod';
import { Email, Id } from './common.ts';

export const RuleSetId = z.enum(['nd-09-2017', 'nd-244-2026']);

export const ProvinceFile = z.object({
  slug: Id,
  name: z.string().min(1),
  /** Code of the province in the 2025 administrative-unit list. */
  adminCode: z.string().regex(/^\d{2}$/),
  /** Codes of the pre-2025 provinces merged into it (their districts and communes count as the province). */
  formerCodes: z.array(z.string().regex(/^\d{2}$/)).default([]),
  /** Names of the pre-2025 provinces merged into it ("Yên Bái"): they name the province, not a place in it. */
  formerNames: z.array(z.string()).default([]),
  agency: z.string().min(1),
  agencyShort: z.string().min(1),
  parentAgency: z.string().min(1),
  place: z.string().min(1),
  timezone: z.string().default('Asia/Ho_Chi_Minh'),
  ruleSet: z.union([z.literal('auto'), RuleSetId]).default('auto'),
  incidents: z
    .object({
      factsDueHours: z.number().positive().default(8),
      riskThreshold: z.number().min(0).max(1).default(0.35),
      joinWindowHours: z.number().positive().default(96),
    })
    .default({ factsDueHours: 8, riskThreshold: 0.35, joinWindowHours: 96 }),
  digest: z
    .object({
      time: z
        .string()
        .regex(/^\d{2}:\d{2}$/)
        .default('07:00'),
      recipients: z.array(Email).default([]),
    })
    .default({ time: '07:00', recipients: [] }),
  extraPlaces: z.array(z.string()).default([]),
});

export type ProvinceInfo = z.infer<typeof ProvinceFile>;
export type RuleSetId = z.infer<typeof RuleSetId>;
