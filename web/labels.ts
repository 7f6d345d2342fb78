import { z } from 'zod';
import type { ProvinceConfig } from '../config/index.ts';
import { addWebAudit, correctedItems, correctLabels, type Queryable } from '../store/index.ts';
import type { WebContext } from './app.ts';
import { HttpError, may, type User } from './auth.ts';

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

const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).filter(Boolean)));

export const LabelInput = z.object({
  education: z
    .union([z.boolean(), z.string()])
    .optional()
    .transform((v) => v === true || v === 'on' || v === 'true' || v === '1'),
  scope: z.enum(['province', 'national', 'other-province', 'none']),
  topics: list,
  sentiment: z.enum(['positive', 'neutral', 'negative']),
  risks: list,
});

/** A press officer corrects an item's labels; stored with who and when, audited, applied to the item. */
export async function correctItem(
  ctx: WebContext,
  user: User,
  documentId: number,
  body: unknown,
  ip: string,
): Promise<number> {
  const audit = (ok: boolean, data: Record<string, unknown>) =>
    addWebAudit(ctx.store, {
      userId: user.id,
      username: user.username,
      action: 'labels.correct',
      target: `document:${documentId}`,
      ok,
      data,
      ip,
    });
  if (!may(user, 'label-correct')) {
    await audit(false, { error: 'forbidden' });
    throw new HttpError(403, 'Chỉ Văn phòng và quản trị được sửa nhãn');
  }
  const input = LabelInput.parse(body);
  const topics = new Set(ctx.config.topics.map((t) => t.id));
  const risks = new Set(ctx.config.risks.map((r) => r.id));
  const bad = [...input.topics.filter((t) => !topics.has(t)), ...input.risks.filter((r) => !risks.has(r))];
  if (bad.length) throw new HttpError(400, `Nhãn không có trong cấu hình: ${bad.join(', ')}`);
  const labels = { ...input, scope: input.education ? input.scope : ('none' as const) };
  const id = await ctx.store.transaction((tx) =>
    correctLabels(tx, documentId, { userId: user.id, username: user.username }, labels, ctx.now()),
  );
  if (id === undefined) throw new HttpError(404, `Không có tin #${documentId} (hoặc chưa được phân loại)`);
  await audit(true, labels);
  return id;
}
