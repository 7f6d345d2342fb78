import { z } from 'zod';
import { Duration, Id } from './common.ts';

export const SourceKind = z.enum(['rss', 'sitemap', 'listing', 'page', 'social']);
export const Tier = z.enum(['national', 'provincial', 'local', 'social']);

export const Selectors = z.object({
  title: z.string().optional(),
  lead: z.string().optional(),
  body: z.string().optional(),
  time: z.string().optional(),
  author: z.string().optional(),
  remove: z.array(z.string()).default([]),
});

export const SourceSchema = z.object({
  id: Id,
  name: z.string().min(1),
  outlet: z.string().min(1),
  kind: SourceKind,
  url: z.string().min(1),
  tier: Tier,
  interval: Duration.default(600),
  enabled: z.boolean().default(true),
  selectors: Selectors.optional(),
  listing: z
    .object({
      item: z.string(),
      next: z.string().optional(),
      maxPages: z.number().int().positive().default(3),
    })
    .optional(),
  profile: z.string().optional(),
  cookies: z.string().optional(),
  maxItems: z.number().int().positive().default(200),
});

export const SourcesFile = z.object({ sources: z.array(SourceSchema) });

export type Source = z.infer<typeof SourceSchema>;
export type SourceKind = z.infer<typeof SourceKind>;
