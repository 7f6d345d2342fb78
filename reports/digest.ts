import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProvinceConfig } from '../config/index.ts';
import { json, type Store } from '../store/index.ts';
import { digestData } from './digest-data.ts';
import { renderHtml, renderMarkdown } from './digest-render.ts';

export interface DigestResult {
  day: string;
  markdown: string;
  html: string;
  files: { markdown: string; html: string };
  figures: Awaited<ReturnType<typeof digestData>>['figures'];
}

/** Builds the digest of a Vietnam calendar day, stores it, and writes it as Markdown and HTML under outputDir. */
export async function writeDigest(
  store: Store,
  config: ProvinceConfig,
  day: string,
  outputDir: string,
): Promise<DigestResult> {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(Date.parse(day)))
    throw new Error(`bad date "${day}": use YYYY-MM-DD`);
  const data = await digestData(store, config, day);
  const markdown = renderMarkdown(data);
  const html = renderHtml(data);
  await store.query(
    `INSERT INTO digests (province, day, markdown, html, stats) VALUES ($1, $2, $3, $4, $5::jsonb)
     ON CONFLICT (province, day) DO UPDATE SET markdown = $3, html = $4, stats = $5::jsonb, created_at = now()`,
    [config.province.slug, day, markdown, html, json(data.figures)],
  );
  mkdirSync(outputDir, { recursive: true });
  const files = {
    markdown: join(outputDir, `diem-tin-${day}.md`),
    html: join(outputDir, `diem-tin-${day}.html`),
  };
  writeFileSync(files.markdown, markdown);
  writeFileSync(files.html, html);
  return { day, markdown, html, files, figures: data.figures };
}
