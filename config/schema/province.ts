import { z } from 'zod';
import { Email, Id } from './common.ts';

export const RuleSetId = z.enum(['nd-09-2017', 'nd-244-2026']);

/** Severity levels, lowest first: theo dõi (watch), sự cố (incident), khủng hoảng (crisis). */
export const Level = z.enum(['theo-doi', 'su-co', 'khung-hoang']);

/** Spike alerts: mentions in the last window of a topic line or risk against the trailing hourly baseline. */
const SpikeSettings = z.object({
  windowMinutes: z.number().int().positive().default(60),
  baselineDays: z.number().positive().default(7),
  /** At least this many mentions in the window. */
  minCount: z.number().int().positive().default(5),
  /** And at least this many times the baseline for a window of that length. */
  factor: z.number().positive().default(3),
  /** One alert per label per this many hours. */
  cooldownHours: z.number().positive().default(6),
});

export const IncidentSettings = z.object({
  /** The department's verified facts are due this many hours after receipt (never after the statement). */
  factsDueHours: z.number().positive().default(8),
  /** Minimum weighted risk (risk score × the risk's weight) for a negative province item to open an incident. */
  riskThreshold: z.number().min(0).max(1).default(0.35),
  /** Per-risk minimum, overriding riskThreshold for that risk. */
  riskThresholds: z.record(Id, z.number().min(0).max(1)).default({}),
  /** A new mention may join an incident seen within this many hours of it. */
  joinWindowHours: z.number().positive().default(96),
  /** Severity score from which each level starts. */
  levels: z
    .object({ 'su-co': z.number().min(0).default(0.5), 'khung-hoang': z.number().min(0).default(0.85) })
    .default({ 'su-co': 0.5, 'khung-hoang': 0.85 }),
  /** The statement clock (warnings, overdue) runs from this level up; below it the incident is watched. */
  statementFromLevel: Level.default('su-co'),
  /** Answer due time for a press request that names none. */
  pressRequestDueHours: z.number().positive().default(24),
  spike: SpikeSettings.default(SpikeSettings.parse({})),
});

/** The official reports: who they are addressed to, who receives copies, who signs. */
const ReportSettings = z.object({
  /** "Kính gửi": addressees of the monthly opinion report. */
  monthlyTo: z.array(z.string().min(1)).default(['Văn phòng Bộ Giáo dục và Đào tạo']),
  /** "Nơi nhận" lines before "- Lưu: …" (the addressees come first as "Như trên"). */
  copies: z.array(z.string().min(1)).default(['Như trên', 'Giám đốc Sở (để b/c)', 'Các Phó Giám đốc Sở']),
  /** What follows "- Lưu:" (the archive and the drafting unit). */
  keep: z.string().default('VT, VP'),
  /** Who signs: a person id from people.yaml; a deputy signs "KT. GIÁM ĐỐC". Default: the head. */
  signer: Id.optional(),
});

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
  incidents: IncidentSettings.default(IncidentSettings.parse({})),
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
  reports: ReportSettings.default(ReportSettings.parse({})),
});

export type ProvinceInfo = z.infer<typeof ProvinceFile>;
export type RuleSetId = z.infer<typeof RuleSetId>;
export type Level = z.infer<typeof Level>;
export type IncidentSettings = z.infer<typeof IncidentSettings>;
export type ReportSettings = z.infer<typeof ReportSettings>;
