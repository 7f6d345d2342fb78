import { z } from 'zod';
import { Id, Terms } from './common.ts';

export const TopicSchema = z.object({
  id: Id,
  name: z.string().min(1),
  description: z.string().default(''),
  threshold: z.number().positive().default(3),
  terms: Terms,
  exclude: z.array(z.string()).default([]),
});
export const TopicsFile = z.object({ topics: z.array(TopicSchema).min(1) });

export const RiskSchema = z.object({
  id: Id,
  name: z.string().min(1),
  weight: z.number().min(0).max(1),
  threshold: z.number().positive().default(4),
  terms: Terms,
  exclude: z.array(z.string()).default([]),
});
export const RisksFile = z.object({ risks: z.array(RiskSchema).min(1) });

export const EducationFile = z.object({
  threshold: z.number().positive().default(4),
  terms: Terms,
  traps: z.array(z.string()).default([]),
});

export const SentimentFile = z.object({
  positive: Terms,
  negative: Terms,
  negators: z.array(z.string()).default([]),
  intensifiers: z.record(z.string(), z.number().positive()).default({}),
  rebuttal: z.array(z.string()).default([]),
});

export type Topic = z.infer<typeof TopicSchema>;
export type Risk = z.infer<typeof RiskSchema>;
export type Education = z.infer<typeof EducationFile>;
export type Sentiment = z.infer<typeof SentimentFile>;
