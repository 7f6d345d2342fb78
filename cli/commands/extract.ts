import { createInterface } from 'node:readline';
import { z } from 'zod';
import { extractArticle } from '../../crawlers/index.ts';

const Input = z.object({ id: z.union([z.string(), z.number()]), url: z.string().url(), html: z.string() });

/** `diemtin extract`: JSON Lines {id, url, html} in, {id, title, text, author, publishedAt, lang} out. */
export async function extractCommand(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (line.trim() === '') continue;
    let id: unknown = null;
    try {
      const raw = JSON.parse(line);
      id = raw?.id ?? null;
      const item = Input.parse(raw);
      const a = extractArticle(item.html, item.url);
      output.write(
        `${JSON.stringify({
          id: item.id,
          title: a.title,
          text: [a.lead, a.text].filter(Boolean).join('\n\n'),
          author: a.author,
          publishedAt: a.publishedAt?.toISOString() ?? null,
          lang: a.lang,
        })}\n`,
      );
    } catch (err) {
      output.write(
        `${JSON.stringify({ id, error: `line ${n}: ${(err as Error).message.split('\n')[0]}` })}\n`,
      );
    }
  }
  return 0;
}
