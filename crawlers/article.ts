import { z } from 'zod';

/** What the crawlers produce for one article or post; the pipeline stores it. */
export const Article = z.object({
  url: z.string().url(),
  canonicalUrl: z.string().optional(),
  kind: z.enum(['news', 'social']),
  title: z.string(),
  lead: z.string().default(''),
  text: z.string(),
  author: z.string().nullable().default(null),
  publishedAt: z.coerce.date().nullable().default(null),
  lang: z.string().default('vi'),
  engagement: z.record(z.string(), z.number()).default({}),
});
export type Article = z.infer<typeof Article>;
