import { createInterface } from 'node:readline';
import type { z } from 'zod';

/** Parses with a schema; a failure becomes one readable line ("text: Invalid input …"). */
export function parseLine<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; '));
}

/** One input line's outcome: a result to print (or its JSON, already serialised), or why the line failed. */
export type LineOutcome =
  | { ok: true; value: unknown }
  | { ok: true; json: string }
  | { ok: false; error: string };

/**
 * The JSON Lines contract loop: one output line per non-empty input line, in order. A line that fails
 * (bad JSON, bad fields) gets {"id", "error"} with its line number, and the run goes on.
 */
export async function mapJsonLines(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  fn: (raw: unknown) => unknown,
): Promise<void> {
  await mapJsonLinesInBatches(input, output, 1, async (raws) =>
    raws.map((raw) => {
      try {
        return { ok: true, value: fn(raw) };
      } catch (err) {
        return { ok: false, error: (err as Error).message };
      }
    }),
  );
}

/**
 * The same contract, with the parsed lines handed over in batches of up to `size` (for work spread over
 * threads); `fn` returns one outcome per value, in order.
 */
export async function mapJsonLinesInBatches(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  size: number,
  fn: (raws: unknown[], at: { first: boolean; last: boolean }) => Promise<LineOutcome[]>,
): Promise<void> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let batch: { n: number; id: unknown; raw?: unknown; error?: string }[] = [];
  let first = true;
  const flush = async (last: boolean) => {
    const parsed = batch.filter((b) => b.error === undefined);
    const outcomes =
      parsed.length > 0
        ? await fn(
            parsed.map((b) => b.raw),
            { first, last },
          )
        : [];
    first = false;
    let k = 0;
    const text = batch.map((b) => {
      const o: LineOutcome = b.error === undefined ? outcomes[k++]! : { ok: false, error: b.error };
      if (!o.ok) return JSON.stringify({ id: b.id, error: `line ${b.n}: ${o.error.split('\n')[0]}` });
      return 'json' in o ? o.json : JSON.stringify(o.value);
    });
    batch = [];
    if (text.length > 0 && !output.write(`${text.join('\n')}\n`))
      await new Promise((resolve) => output.once('drain', resolve));
  };
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    try {
      const raw = JSON.parse(line);
      batch.push({ n, id: raw?.id ?? null, raw });
    } catch (err) {
      batch.push({ n, id: null, error: (err as Error).message });
    }
    if (batch.length >= size) await flush(false);
  }
  await flush(true);
}
