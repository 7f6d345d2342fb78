import { z } from 'zod';

/** Topic line and risk ids are contracts (docs/labeling-guide.md); ids are kebab-case. */
export const Id = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be kebab-case: lowercase letters, digits, hyphens');

/** "90s", "10m", "2h", "1d" → seconds. */
export const Duration = z
  .union([
    z.number().int().positive(),
    z.string().regex(/^\d+(\.\d+)?\s*(s|m|h|d)$/, 'must look like 90s, 10m, 2h or 1d'),
  ])
  .transform((v) => (typeof v === 'number' ? v : parseDuration(v)));

export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/.exec(text.trim());
  if (!m) throw new Error(`bad duration "${text}"`);
  const unit = { s: 1, m: 60, h: 3600, d: 86400 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return Math.round(Number(m[1]) * unit);
}

/** A phrase → weight map, as a press officer writes it in YAML. */
export const Terms = z.record(z.string().min(1), z.number().min(-10).max(10));

export const Email = z.email();
