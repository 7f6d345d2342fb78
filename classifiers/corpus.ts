import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** One labeled item (docs/labeling-guide.md). */
export const LabeledItem = z.object({
  id: z.string().min(1),
  kind: z.enum(['news', 'social']).default('news'),
  title: z.string().default(''),
  text: z.string(),
  labels: z.object({
    education: z.boolean(),
    scope: z.enum(['province', 'national', 'other-province', 'none']),
    province: z.string().nullable().optional(),
    topics: z.array(z.string()).default([]),
    sentiment: z.enum(['positive', 'neutral', 'negative']),
    risks: z.array(z.string()).default([]),
  }),
});
export type LabeledItem = z.infer<typeof LabeledItem>;

export type Split = 'train' | 'dev' | 'test';

/** Stable split by a hash of the id: 70 % train, 10 % dev, 20 % test; never changes as items are added. */
export function splitOf(id: string): Split {
  const n = createHash('sha1').update(id).digest().readUInt32BE(0) % 100;
  return n < 70 ? 'train' : n < 80 ? 'dev' : 'test';
}

/** Every *.jsonl under the given files or folders. */
function jsonlFiles(paths: string[]): string[] {
  return paths.flatMap((p) =>
    statSync(p).isDirectory()
      ? readdirSync(p, { recursive: true, encoding: 'utf8' })
          .filter((f) => f.endsWith('.jsonl'))
          .sort()
          .map((f) => join(p, f))
      : [p],
  );
}

export interface CorpusProblem {
  file: string;
  line: number;
  message: string;
}

/** Reads labeled JSON Lines; a bad line is reported with its file and line and skipped. Later ids win. */
export function readCorpus(paths: string[]): { items: LabeledItem[]; problems: CorpusProblem[] } {
  const byId = new Map<string, LabeledItem>();
  const problems: CorpusProblem[] = [];
  for (const file of jsonlFiles(paths)) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((text, i) => {
      if (!text.trim()) return;
      try {
        const item = LabeledItem.parse(JSON.parse(text));
        byId.set(item.id, item);
      } catch (err) {
        const message =
          err instanceof z.ZodError
            ? err.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')
            : (err as Error).message;
        problems.push({ file, line: i + 1, message });
      }
    });
  }
  return { items: [...byId.values()], problems };
}

export const CORPUS_DIR = new URL('./corpus/raw/', import.meta.url).pathname;
