import { join } from 'node:path';
import { ClassifyInput, classify, loadModel } from '../../classifiers/index.ts';
import { type Env, loadProvince } from '../../config/index.ts';
import { mapJsonLines, parseLine } from '../jsonl.ts';

/** The province's configuration for classifying only: source addresses are not needed, so ${VARS} are left empty. */
export function provinceForClassifying(env: Env) {
  return loadProvince(join(env.DIEMTIN_CONFIG_DIR, env.DIEMTIN_PROVINCE), {
    sourcesFile: env.DIEMTIN_SOURCES,
    vars: new Proxy({}, { get: () => '' }),
  });
}

/** `diemtin classify`: JSON Lines {id, title, text, kind} in, one label line per input line, same order. */
export async function classifyCommand(
  env: Env,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<number> {
  const model = loadModel(provinceForClassifying(env), env.DIEMTIN_MODEL);
  await mapJsonLines(input, output, (raw) => {
    const parsed = ClassifyInput.safeParse(raw);
    if (!parsed.success)
      throw new Error(
        parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '),
      );
    return classify(model, parsed.data);
  });
  return 0;
}
