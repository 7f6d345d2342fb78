import { loadProvince, type ProvinceConfig } from '../../config/index.ts';
import type { Article } from '../../crawlers/index.ts';
import type { NewDocument } from '../../store/index.ts';

export const PROVINCE_DIR = new URL('../../config/provinces/lao-cai', import.meta.url).pathname;

/** The default province with the fixture source list (URLs filled with placeholders unless given). */
export function fixtureConfig(vars: Record<string, string> = {}): ProvinceConfig {
  return loadProvince(PROVINCE_DIR, {
    sourcesFile: 'sources.fixture.yaml',
    vars: new Proxy(vars, { get: (t, k: string) => t[k] ?? 'http://127.0.0.1:9' }),
  });
}

let n = 0;

export function buildArticle(overrides: Partial<Article> = {}): Article {
  n++;
  return {
    url: `https://tin.example/bai-${n}.html`,
    kind: 'news',
    title: `Tin thử nghiệm số ${n}`,
    lead: 'Phần tóm tắt của bài viết.',
    text: 'Nội dung bài viết thử nghiệm về hoạt động của ngành giáo dục tỉnh Lào Cai trong tuần.',
    author: 'Phóng viên',
    publishedAt: new Date('2026-11-20T01:00:00Z'),
    lang: 'vi',
    engagement: {},
    ...overrides,
  };
}

export function buildDocument(overrides: Partial<NewDocument> = {}): NewDocument {
  n++;
  return {
    url: `https://tin.example/doc-${n}.html`,
    canonicalUrl: `https://tin.example/doc-${n}.html`,
    sourceId: 'test-source',
    outlet: 'Tin thử',
    kind: 'news',
    title: `Tài liệu ${n}`,
    lead: '',
    text: `Nội dung ${n}`,
    author: null,
    publishedAt: new Date('2026-11-20T01:00:00Z'),
    fetchedAt: new Date('2026-11-20T02:00:00Z'),
    lang: 'vi',
    engagement: {},
    contentHash: `hash-${n}`,
    simhash: String(n * 7919),
    ...overrides,
  };
}
