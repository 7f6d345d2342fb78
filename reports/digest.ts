import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ProvinceConfig } from '../config/index.ts';
import { json, type Queryable } from '../store/index.ts';
import { DaySchema } from './dates.ts';
import { type DayFigures, digestData } from './digest-data.ts';
import { renderPage } from './digest-page.ts';
import { renderEmail, renderMarkdown } from './digest-render.ts';

export interface DigestResult {
  day: string;
  markdown: string;
  /** The e-mail HTML. */
  html: string;
  /** The web page. */
  page: string;
  figures: DayFigures;
  previous: DayFigures;
  files?: { markdown: string; html: string; page: string };
}

/** Builds the digest of a Vietnam calendar day and stores it (one row per province and day). */
export async function buildDigest(
  db: Queryable,
  config: ProvinceConfig,
  day: string,
  at: Date = new Date(),
): Promise<DigestResult> {
  const parsed = DaySchema.safeParse(day);
  if (!parsed.success)
    throw new Error(`ngày "${day}" không hợp lệ: dùng dạng YYYY-MM-DD (${parsed.error.issues[0]?.message})`);
  const data = await digestData(db, config, day, at);
  const result = {
    day,
    markdown: renderMarkdown(data),
    html: renderEmail(data),
    page: renderPage(data),
    figures: data.figures,
    previous: data.previous,
  };
  await db.query(
    `INSERT INTO digests (province, day, markdown, html, page, stats) VALUES ($1, $2, $3, $4, $5, $6::jsonb)
     ON CONFLICT (province, day) DO UPDATE SET markdown = $3, html = $4, page = $5, stats = $6::jsonb, created_at = now()`,
    [
      config.province.slug,
      day,
      result.markdown,
      result.html,
      result.page,
      json({ ...data.figures, previous: data.previous }),
    ],
  );
  return result;
}

/** Writes a built digest as Markdown, e-mail HTML and web page under outputDir. */
export function writeDigestFiles(d: DigestResult, outputDir: string): Required<DigestResult>['files'] {
  mkdirSync(outputDir, { recursive: true });
  const files = {
    markdown: join(outputDir, `diem-tin-${d.day}.md`),
    html: join(outputDir, `diem-tin-${d.day}.email.html`),
    page: join(outputDir, `diem-tin-${d.day}.html`),
  };
  writeFileSync(files.markdown, d.markdown);
  writeFileSync(files.html, d.html);
  writeFileSync(files.page, d.page);
  return files;
}

/** Builds, stores and writes the digest of a day. */
export async function writeDigest(
  db: Queryable,
  config: ProvinceConfig,
  day: string,
  outputDir: string,
  at: Date = new Date(),
): Promise<Required<DigestResult>> {
  const d = await buildDigest(db, config, day, at);
  return { ...d, files: writeDigestFiles(d, outputDir) };
}
