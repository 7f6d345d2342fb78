import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { buildModel, ClassifyInput, classify } from '../../classifiers/index.ts';
import { type Env, loadProvince } from '../../config/index.ts';

/**
 * `diemtin classify`: JSON Lines in, one result line per input line, same order. A bad line gets
 * an error object for its id and the run goes on.
 */
export async function classifyCommand(
  env: Env,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<number> {
  const config = loadProvince(join(env.DIEMTIN_CONFIG_DIR, env.DIEMTIN_PROVINCE), {
    sourcesFile: env.DIEMTIN_SOURCES,
    vars: new Proxy({}, { get: () => '' }),
  });
  const model = buildModel(config);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let id: unknown = null;
    try {
      const raw = JSON.parse(line);
      id = raw?.id ?? null;
      const parsed = ClassifyInput.safeParse(raw);
      if (!parsed.success)
        throw new Error(
          parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '),
        );
      output.write(`${JSON.stringify(classify(model, parsed.data))}\n`);
    } catch (err) {
      output.write(`${JSON.stringify({ id, error: `line ${n}: ${(err as Error).message}` })}\n`);
    }
  }
  return 0;
}
