import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import {
  ClassifierPool,
  ClassifyInput,
  classify,
  loadModel,
  type Model,
  type PoolLine,
} from '../../classifiers/index.ts';
import { type Env, loadProvince } from '../../config/index.ts';
import { type LineOutcome, mapJsonLinesInBatches } from '../jsonl.ts';

/** The province's configuration for classifying only: source addresses are not needed, so ${VARS} are left empty. */
export function provinceForClassifying(env: Env) {
  return loadProvince(join(env.DIEMTIN_CONFIG_DIR, env.DIEMTIN_PROVINCE), {
    sourcesFile: env.DIEMTIN_SOURCES,
    vars: new Proxy({}, { get: () => '' }),
  });
}

/** Lines read before deciding: input that ends within the first batch is classified on this thread alone. */
const BATCH = 2000;

/**
 * `diemtin classify`: JSON Lines {id, title, text, kind} in, one label line per input line, same order.
 * Long input is classified on one thread per core (ClassifierPool); short input on this thread.
 */
export async function classifyCommand(
  env: Env,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<number> {
  const config = provinceForClassifying(env);
  // Loaded first, so a missing or damaged model stops the command before any input is read.
  const model: Model = loadModel(config, env.DIEMTIN_MODEL);
  let pool: ClassifierPool | undefined;
  try {
    await mapJsonLinesInBatches(input, output, BATCH, async (raws, at) => {
      const items: ClassifyInput[] = [];
      const outcomes: (LineOutcome | number)[] = raws.map((raw) => {
        const parsed = ClassifyInput.safeParse(raw);
        if (!parsed.success)
          return {
            ok: false,
            error: parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '),
          };
        items.push(parsed.data);
        return items.length - 1;
      });
      // More input after the first batch: worth starting a thread per core.
      if (at.first && !at.last && availableParallelism() > 1)
        pool = await ClassifierPool.open(config, env.DIEMTIN_MODEL);
      const results: PoolLine[] = pool
        ? await pool.classifyMany(items, undefined, true)
        : items.map((item) => JSON.stringify(classify(model, item)));
      return outcomes.map((o) => {
        if (typeof o !== 'number') return o;
        const r = results[o]!;
        return typeof r === 'string' ? { ok: true, json: r } : { ok: false, error: r.error };
      });
    });
  } finally {
    await (pool as ClassifierPool | undefined)?.close();
  }
  return 0;
}
