import { randomBytes } from 'node:crypto';
import { processMention, seedPeopleFromConfig } from '../../alerts/index.ts';
import type { ProvinceConfig } from '../../config/index.ts';
import { createStory, insertDocument, type Store, saveClassification } from '../../store/index.ts';

export interface MentionSpec {
  title?: string;
  text: string;
  kind?: 'news' | 'social';
  outlet?: string;
  tier?: 'national' | 'provincial' | 'local' | 'social';
  publishedAt: Date;
  fetchedAt?: Date;
  engagement?: Record<string, number>;
  /** Joins this story (a copy); default: a story of its own. */
  storyId?: number;
  scope?: 'province' | 'national' | 'other-province' | 'none';
  sentiment?: 'positive' | 'neutral' | 'negative';
  topics?: string[];
  /** Risk id → classifier score (0..1); weighted by the risk's configured weight. */
  risks?: Record<string, number>;
  /** Places named; "Xã (Tỉnh)" marks a place in another province. */
  places?: string[];
}

/** Stores a classified document (with its source) as the pipeline would, and returns its id and story. */
export async function storeMention(store: Store, m: MentionSpec): Promise<{ id: number; storyId: number }> {
  const tier = m.tier ?? (m.kind === 'social' ? 'social' : 'provincial');
  const outlet = m.outlet ?? (m.kind === 'social' ? 'Nhóm phụ huynh' : 'Báo tỉnh');
  const sourceId = `src-${outlet.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${tier}`;
  await store.query(
    `INSERT INTO sources (id, province, name, outlet, kind, url, tier, interval_s)
     VALUES ($1, 'lao-cai', $2, $2, 'rss', 'https://example.invalid/', $3, 300) ON CONFLICT (id) DO NOTHING`,
    [sourceId, outlet, tier],
  );
  const fetchedAt = m.fetchedAt ?? new Date(m.publishedAt.getTime() + 60_000);
  const storyId =
    m.storyId ?? (await createStory(store, m.title ?? m.text.slice(0, 80), outlet, m.publishedAt));
  const key = randomBytes(6).toString('hex');
  const id = (await insertDocument(
    store,
    {
      url: `https://tin.example/${key}.html`,
      canonicalUrl: `https://tin.example/${key}.html`,
      sourceId,
      outlet,
      kind: m.kind ?? 'news',
      title: m.title ?? '',
      lead: '',
      text: m.text,
      author: null,
      publishedAt: m.publishedAt,
      fetchedAt,
      lang: 'vi',
      engagement: m.engagement ?? {},
      contentHash: key,
      simhash: String(Number.parseInt(key.slice(0, 8), 16)),
    },
    storyId,
  ))!;
  const risks = m.risks ?? {};
  const places = m.places ?? [];
  await saveClassification(store, id, 'test', {
    education: true,
    scope: m.scope ?? 'province',
    places: places.map((p) => p.replace(/\s*\([^)]+\)$/, '')),
    topics: m.topics ?? [],
    sentiment: m.sentiment ?? 'negative',
    risks: Object.keys(risks),
    scores: { risks, riskLevel: Math.max(0, ...Object.values(risks)) },
    explanations: { places },
  });
  return { id, storyId };
}

/** Stores a mention and runs incident detection on it at `now`. */
export async function mention(store: Store, config: ProvinceConfig, m: MentionSpec, now: Date) {
  const doc = await storeMention(store, m);
  const outcome = await processMention(store, config, doc.id, now);
  return { ...doc, ...outcome };
}

/** The people of people.yaml in the database. */
export const seedPeople = (store: Store, config: ProvinceConfig) => seedPeopleFromConfig(store, config);

export const at = (iso: string) => new Date(iso);
export const HOUR = 3600_000;
export const later = (d: Date, hours: number) => new Date(d.getTime() + hours * HOUR);
