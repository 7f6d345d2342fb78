import { z } from 'zod';
import { extractArticle } from '../../crawlers/index.ts';
import { mapJsonLines, parseLine } from '../jsonl.ts';

const Input = z.object({ id: z.union([z.string(), z.number()]), url: z.string().url(), html: z.string() });

/** `diemtin extract`: JSON Lines {id, url, html} in, {id, title, text, author, publishedAt, lang} out. */
export async function extractCommand(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
): Promise<number> {
  await mapJsonLines(input, output, (raw) => {
    const item = parseLine(Input, raw);
    const a = extractArticle(item.html, item.url);
    return {
      id: item.id,
      title: a.title,
      text: [a.lead, a.text].filter(Boolean).join('\n\n'),
      author: a.author,
      publishedAt: a.publishedAt?.toISOString() ?? null,
      lang: a.lang,
    };
  });
  return 0;
}
