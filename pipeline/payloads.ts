import { z } from 'zod';
import { Article } from '../crawlers/index.ts';

/** Every stage's job payload; handlers parse with these, so a bad payload fails that job only. */
export const FetchPayload = z.object({ sourceId: z.string().min(1) });

export const ExtractPayload = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('page'),
    sourceId: z.string(),
    url: z.string().url(),
    finalUrl: z.string().url(),
    html: z.string(),
    fetchedAt: z.coerce.date(),
    hint: z.object({ title: z.string().optional(), publishedAt: z.string().optional() }).default({}),
  }),
  z.object({ kind: z.literal('post'), sourceId: z.string(), fetchedAt: z.coerce.date(), article: Article }),
]);

export const AnalysePayload = z.object({ documentId: z.number().int().positive() });
export const AlertPayload = z.object({ documentId: z.number().int().positive() });
export const NotifyPayload = z.object({ reason: z.string().default('due') });

export const STAGES = ['fetch', 'extract', 'analyse', 'alert', 'notify'] as const;
export type StageName = (typeof STAGES)[number];

export const PAYLOADS = {
  fetch: FetchPayload,
  extract: ExtractPayload,
  analyse: AnalysePayload,
  alert: AlertPayload,
  notify: NotifyPayload,
} satisfies Record<StageName, z.ZodType>;

export type PayloadOf<S extends StageName> = z.input<(typeof PAYLOADS)[S]>;
