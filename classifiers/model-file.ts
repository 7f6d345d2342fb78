import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { TrainedStats } from './classify.ts';
import { deserializeNb, serializeNb } from './nb.ts';

/** The shipped model, trained by `diemtin train` on classifiers/corpus (train and dev splits). */
export const DEFAULT_MODEL_PATH = new URL('./model/model.json', import.meta.url).pathname;

const FORMAT = 'diemtin-nb/1';

const ModelFile = z.object({
  format: z.literal(FORMAT),
  version: z.string(),
  trainedAt: z.string(),
  items: z.number(),
  thresholds: z.record(z.string(), z.number()),
  nb: z.object({
    outputs: z.array(z.string()),
    bias: z.array(z.number()),
    features: z.array(z.string()),
    weights: z.array(z.array(z.number())),
    lengthPower: z.number().optional(),
  }),
});

export function saveStats(path: string, stats: TrainedStats): void {
  mkdirSync(dirname(path), { recursive: true });
  const body = {
    format: FORMAT,
    version: stats.version,
    trainedAt: stats.trainedAt,
    items: stats.items,
    thresholds: stats.thresholds,
    nb: serializeNb(stats.nb),
  };
  writeFileSync(path, `${JSON.stringify(body)}\n`);
}

/** Reads a trained model; a missing or damaged file is an error naming the file. */
export function loadStats(path: string): TrainedStats {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the model ${path}: ${(err as Error).message}`);
  }
  const parsed = ModelFile.safeParse(raw);
  if (!parsed.success)
    throw new Error(
      `${path} is not a diemtin model (${parsed.error.issues
        .slice(0, 3)
        .map((i) => `${i.path.join('.')}: ${i.message}`)
        .join('; ')}); run diemtin train`,
    );
  const m = parsed.data;
  return {
    version: m.version,
    trainedAt: m.trainedAt,
    items: m.items,
    thresholds: m.thresholds,
    nb: deserializeNb(m.nb),
  };
}
