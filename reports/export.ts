import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import ExcelJS from 'exceljs';
import { z } from 'zod';
import type { ProvinceConfig } from '../config/index.ts';
import { json, type Queryable } from '../store/index.ts';
import { DaySchema, dayBounds } from './dates.ts';
import { summarize } from './sentences.ts';

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item),
  );

/** Filters of a mention export; every field optional (strings from the command line are split on commas). */
export const ExportFilter = z
  .object({
    from: DaySchema.optional(),
    to: DaySchema.optional(),
    scope: list(
      z.enum(['province', 'national', 'other-province', 'none'], {
        message: 'phạm vi: province, national, other-province hoặc none',
      }),
    ).optional(),
    topic: list(z.string().min(1)).optional(),
    sentiment: list(
      z.enum(['positive', 'neutral', 'negative'], { message: 'sắc thái: positive, neutral hoặc negative' }),
    ).optional(),
    risk: list(z.string().min(1)).optional(),
    outlet: list(z.string().min(1)).optional(),
    kind: list(z.enum(['news', 'social'], { message: 'loại: news hoặc social' })).optional(),
    /** Only items about education (default); false exports everything classified. */
    education: z.boolean().default(true),
    /** Only items with at least one crisis risk. */
    risky: z.boolean().default(false),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, {
    message: 'ngày bắt đầu (--from) sau ngày kết thúc (--to)',
    path: ['to'],
  });
export type ExportFilter = z.infer<typeof ExportFilter>;

export interface MentionRow {
  id: number;
  at: Date;
  outlet: string;
  kind: string;
  title: string;
  url: string;
  lead: string;
  text: string;
  scope: string;
  sentiment: string;
  topics: string[];
  risks: string[];
  places: string[];
}

/** Reads matching mentions in pages (keyset on time and id), so a large export never holds everything at once. */
export async function* mentions(
  db: Queryable,
  f: ExportFilter,
  pageSize = 2000,
): AsyncGenerator<MentionRow[]> {
  const from = f.from ? dayBounds(f.from)[0] : new Date(0);
  const to = f.to ? dayBounds(f.to)[1] : new Date('9999-01-01');
  const arr = (v?: string[]) => (v?.length ? json(v) : null);
  const set = (col: string, n: number) =>
    `($${n}::jsonb IS NULL OR ${col} IN (SELECT jsonb_array_elements_text($${n}::jsonb)))`;
  const any = (col: string, n: number) =>
    `($${n}::jsonb IS NULL OR ${col} ?| ARRAY(SELECT jsonb_array_elements_text($${n}::jsonb)))`;
  let after: [Date, number] = [new Date(from.getTime() - 1), 0];
  for (;;) {
    const rows = await db.query<MentionRow>(
      `SELECT d.id, COALESCE(d.published_at, d.fetched_at) AS at, d.outlet, d.kind, d.title, d.url, d.lead,
              left(d.text, 2000) AS text, c.scope, c.sentiment, c.topics, c.risks, c.places
       FROM documents d JOIN classifications c ON c.document_id = d.id
       WHERE COALESCE(d.published_at, d.fetched_at) >= $1 AND COALESCE(d.published_at, d.fetched_at) < $2
         AND (COALESCE(d.published_at, d.fetched_at), d.id) > ($3, $4)
         AND ($5::boolean = false OR c.education) AND ($6::boolean = false OR jsonb_array_length(c.risks) > 0)
         AND ${set('c.scope', 7)} AND ${set('c.sentiment', 8)} AND ${set('d.outlet', 9)} AND ${set('d.kind', 10)}
         AND ${any('c.topics', 11)} AND ${any('c.risks', 12)}
       ORDER BY 2, 1 LIMIT $13`,
      [
        from,
        to,
        after[0],
        after[1],
        f.education,
        f.risky,
        arr(f.scope),
        arr(f.sentiment),
        arr(f.outlet),
        arr(f.kind),
        arr(f.topic),
        arr(f.risk),
        pageSize,
      ],
    );
    if (rows.length === 0) return;
    yield rows;
    const last = rows[rows.length - 1]!;
    after = [last.at, last.id];
    if (rows.length < pageSize) return;
  }
}

const SCOPES: Record<string, string> = {
  province: 'Trong tỉnh',
  national: 'Trong nước',
  'other-province': 'Tỉnh khác',
  none: 'Không liên quan',
};
const SENTIMENTS: Record<string, string> = {
  positive: 'Tích cực',
  neutral: 'Trung tính',
  negative: 'Tiêu cực',
};

export const COLUMNS = [
  { header: 'Mã', key: 'id', width: 8 },
  { header: 'Thời gian', key: 'time', width: 18 },
  { header: 'Nguồn', key: 'outlet', width: 22 },
  { header: 'Loại', key: 'kind', width: 12 },
  { header: 'Tiêu đề', key: 'title', width: 60 },
  { header: 'Liên kết', key: 'url', width: 40 },
  { header: 'Phạm vi', key: 'scope', width: 14 },
  { header: 'Sắc thái', key: 'sentiment', width: 12 },
  { header: 'Tuyến thông tin', key: 'topics', width: 40 },
  { header: 'Nguy cơ', key: 'risks', width: 30 },
  { header: 'Địa danh', key: 'places', width: 30 },
  { header: 'Tóm tắt', key: 'summary', width: 80 },
] as const;

type Cells = Record<(typeof COLUMNS)[number]['key'], string | number | Date>;

function cells(r: MentionRow, config: ProvinceConfig): Cells {
  const topic = new Map(config.topics.map((t) => [t.id, t.name]));
  const risk = new Map(config.risks.map((k) => [k.id, k.name]));
  return {
    id: r.id,
    time: r.at,
    outlet: r.outlet,
    kind: r.kind === 'social' ? 'Mạng xã hội' : 'Báo chí',
    title: r.title,
    url: r.url,
    scope: SCOPES[r.scope] ?? r.scope,
    sentiment: SENTIMENTS[r.sentiment] ?? r.sentiment,
    topics: r.topics.map((t) => topic.get(t) ?? t).join('; '),
    risks: r.risks.map((k) => risk.get(k) ?? k).join('; '),
    places: r.places.join('; '),
    summary: summarize(r.lead || r.text, 2),
  };
}

/** A CSV field: quoted, and a leading = + - @ neutralised so a spreadsheet never runs crawled text as a formula. */
export function csvField(v: string | number | Date): string {
  if (typeof v === 'number') return String(v);
  const s = v instanceof Date ? vnIso(v) : v;
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return `"${safe.replace(/"/g, '""')}"`;
}

/** "2027-01-05 07:30" in Vietnam time. */
const vnIso = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');

/** Writes matching mentions to a file as CSV or XLSX (by the file's extension); returns the row count. */
export async function exportMentions(
  db: Queryable,
  config: ProvinceConfig,
  raw: z.input<typeof ExportFilter>,
  file: string,
): Promise<number> {
  const filter = ExportFilter.parse(raw);
  let n = 0;
  if (/\.xlsx$/i.test(file)) {
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true });
    const ws = wb.addWorksheet('Tin bài', { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = COLUMNS.map((c) => ({ ...c }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    for await (const page of mentions(db, filter))
      for (const r of page) {
        const c = cells(r, config);
        const row = ws.addRow({
          ...c,
          time: vnIso(r.at),
          url: { text: r.url, hyperlink: /^https?:/i.test(r.url) ? r.url : undefined },
        });
        row.commit();
        n++;
      }
    ws.commit();
    await wb.commit();
    return n;
  }
  if (!/\.csv$/i.test(file)) throw new Error(`không hỗ trợ định dạng của "${file}": dùng .csv hoặc .xlsx`);
  const out = createWriteStream(file);
  const write = async (s: string) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`\uFEFF${COLUMNS.map((c) => csvField(c.header)).join(',')}\r\n`);
  for await (const page of mentions(db, filter))
    for (const r of page) {
      const c = cells(r, config);
      await write(`${COLUMNS.map((col) => csvField(c[col.key])).join(',')}\r\n`);
      n++;
    }
  out.end();
  await once(out, 'finish');
  return n;
}
