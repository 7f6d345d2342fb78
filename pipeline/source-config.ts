import type { Source } from '../config/index.ts';
import { getSource } from '../store/index.ts';
import type { PipelineContext } from './context.ts';

const byContext = new WeakMap<PipelineContext, Map<string, Source>>();

/**
 * A source's configuration (outlet, selectors) from the province files this process loaded: no database
 * round trip per page. A source no longer in the files is read from its stored row.
 */
export async function sourceConfig(ctx: PipelineContext, id: string): Promise<Source | undefined> {
  let map = byContext.get(ctx);
  if (!map) {
    map = new Map(ctx.config.sources.map((s) => [s.id, s]));
    byContext.set(ctx, map);
  }
  return map.get(id) ?? (await getSource(ctx.store, id))?.config;
}
