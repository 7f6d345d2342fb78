import { createInterface } from 'node:readline';
import type { z } from 'zod';

/** Parses with a schema; a failure becomes one readable line ("text: Invalid input …"). */
export function parseLine<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '));
}

/**
 * The JSON Lines contract loop: one output line per non-empty input line, in order. A line that fails
 * (bad JSON, bad fields) gets {"id", "error"} with its line number, and the run goes on.
 */
export async function mapJsonLines(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  fn: (raw: unknown) => unknown,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let id: unknown = null;
    try {
      const raw = JSON.parse(line);
      id = raw?.id ?? null;
      output.write(`${JSON.stringify(fn(raw))}\n`);
    } catch (err) {
      output.write(
        `${JSON.stringify({ id, error: `line ${n}: ${(err as Error).message.split('\n')[0]}` })}\n`,
      );
    }
  }
}
