import { join } from 'node:path';
import { ClassifyInput, classify, loadModel } from '../../classifiers/index.ts';
import { type Env, loadProvince } from '../../config/index.ts';
import { mapJsonLines, parseLine } from '../jsonl.ts';

/** `diemtin classify`: JSON Lines {id, title, text, kind} in, one label line per input line, same order. */
export async function classifyCommand(
  env: Env,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<number> {
  const config = loadProvince(join(env.DIEMTIN_CONFIG_DIR, env.DIEMTIN_PROVINCE), {
    sourcesFile: env.DIEMTIN_SOURCES,
    vars: new Proxy({}, { get: () => '' }),
  });
  const model = loadModel(config, env.DIEMTIN_MODEL);
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
