import type { ProvinceConfig } from '../config/index.ts';
import { correctedItems, type Queryable } from '../store/index.ts';

/**
 * The press officers' corrections as labeled JSON Lines in the corpus format (docs/labeling-guide.md), the
 * latest correction of each item; `diemtin train --corrections` trains on them.
 */
export async function correctionsJsonl(
  db: Queryable,
  config: ProvinceConfig,
): Promise<{ lines: string; count: number }> {
  const rows = await correctedItems(db);
  const lines = rows.map((r) =>
    JSON.stringify({
      id: `web-${r.document_id}`,
      kind: r.kind,
      title: r.title,
      text: r.text,
      labels: {
        education: r.education,
        scope: r.scope,
        province: r.scope === 'province' ? config.province.slug : null,
        topics: r.topics,
        sentiment: r.sentiment,
        risks: r.risks,
      },
      corrected: { by: r.username, at: r.at },
    }),
  );
  return { lines: lines.map((l) => `${l}\n`).join(''), count: rows.length };
}
