import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProvinceInfo } from '../config/index.ts';
import { type Hit, PhraseMatcher } from './matcher.ts';
import { fold, words } from './normalize.ts';

/**
 * Gazetteer built from the official administrative-unit lists (classifiers/data/admin-units, MIT):
 * the configured province's current and former names, former districts and communes, and other
 * provinces' names, so a text can be placed in the province, another province, or none.
 */

interface Unit {
  Code: string;
  Name: string;
  FullName: string;
  CodeName: string;
}
interface NewProvince extends Unit {
  Wards: Unit[];
}
interface OldProvince extends Unit {
  District: (Unit & { Ward: Unit[] })[];
}
interface MergeData {
  data: { level1_id: string; merges: { old_id: string }[] }[];
}

const dataDir = fileURLToPath(new URL('./data/admin-units/', import.meta.url));
let cache: { fresh: NewProvince[]; old: OldProvince[]; merges: MergeData } | undefined;

function units() {
  cache ??= {
    fresh: JSON.parse(readFileSync(`${dataDir}units-2025-07.json`, 'utf8')),
    old: JSON.parse(readFileSync(`${dataDir}units-pre-2025.json`, 'utf8')),
    merges: JSON.parse(readFileSync(`${dataDir}merges-2025-07.json`, 'utf8')),
  };
  return cache;
}

/** Names that are also ordinary words ("hòa bình" = peace): only matched after "tỉnh". */
const COMMON_WORDS = new Set(['hoa binh', 'thai binh', 'ho chi minh']);
const DISTRICT_PREFIXES = ['huyện', 'thị xã', 'thành phố', 'tp', 'quận'];
const COMMUNE_PREFIXES = ['xã', 'phường', 'thị trấn'];
/** Spellings the press uses besides the official one. */
const ALIASES: Record<string, string[]> = {
  'Mù Căng Chải': ['Mù Cang Chải'],
  'Sa Pa': ['Sapa'],
  'Hồ Chí Minh': ['TP.HCM', 'TPHCM', 'Sài Gòn'],
};

export interface PlaceMatch {
  name: string;
  own: boolean;
  province: string;
  /** Where the place was named: first token and length. */
  spans: { at: number; len: number }[];
}

export interface Gazetteer {
  find(tokens: string[], plain: boolean, foldedTokens?: string[]): PlaceMatch[];
}

const slugOf = (codeName: string) => codeName.replace(/_/g, '-');

/** Builds the gazetteer for a province (by its 2025 code and the pre-2025 codes merged into it). */
export function buildGazetteer(info: ProvinceInfo): Gazetteer {
  const { fresh, old, merges } = units();
  const oldToNew = new Map<string, string>();
  for (const p of merges.data) for (const m of p.merges) oldToNew.set(m.old_id, p.level1_id);
  const newSlug = new Map(fresh.map((p) => [p.Code, slugOf(p.CodeName)]));
  const ownCodes = new Set(info.formerCodes);

  const phrases = new Map<string, { name: string; own: boolean; province: string }>();
  const put = (phrase: string, name: string, own: boolean, province: string) => {
    const key = words(phrase).join(' ');
    if (!key) return;
    const prev = phrases.get(key);
    // A phrase naming both the province and another one is ambiguous: keep it only for the province.
    if (prev && prev.own !== own && !own) return;
    phrases.set(key, { name, own, province });
  };
  const withAliases = (name: string) => [name, ...(ALIASES[name] ?? [])];

  // Other provinces first, so the province's own entries win on shared phrases.
  for (const p of fresh) {
    if (p.Code === info.adminCode) continue;
    for (const n of withAliases(p.Name)) addProvinceName(put, n, p.Name, false, newSlug.get(p.Code)!);
  }
  for (const p of old) {
    const target = oldToNew.get(p.Code);
    if (!target || target === info.adminCode) continue;
    addProvinceName(put, p.Name, p.Name, false, newSlug.get(target)!);
    for (const d of p.District)
      for (const prefix of DISTRICT_PREFIXES) put(`${prefix} ${d.Name}`, d.Name, false, newSlug.get(target)!);
  }

  const ownNames = new Set<string>();
  const me = fresh.find((p) => p.Code === info.adminCode);
  if (me) {
    ownNames.add(me.Name);
    for (const w of me.Wards)
      for (const prefix of COMMUNE_PREFIXES) put(`${prefix} ${w.Name}`, w.Name, true, info.slug);
  }
  for (const p of old.filter((o) => ownCodes.has(o.Code))) {
    ownNames.add(p.Name);
    for (const d of p.District) {
      for (const n of withAliases(d.Name)) {
        for (const prefix of DISTRICT_PREFIXES) put(`${prefix} ${n}`, d.Name, true, info.slug);
        // Bare district names count when at least two syllables (Bát Xát, Mù Căng Chải); one-syllable ones need a prefix.
        if (words(n).length >= 2) put(n, d.Name, true, info.slug);
      }
      for (const w of d.Ward)
        for (const prefix of COMMUNE_PREFIXES) put(`${prefix} ${w.Name}`, w.Name, true, info.slug);
    }
  }
  for (const n of ownNames) addProvinceName(put, n, n, true, info.slug);
  for (const extra of info.extraPlaces) put(extra, extra, true, info.slug);

  const terms = Object.fromEntries([...phrases.keys()].map((k) => [k, 1]));
  const matcher = new PhraseMatcher(terms);
  return {
    find(tokens, plain, foldedTokens) {
      const hits: Hit[] = matcher.match(tokens, plain, foldedTokens);
      const seen = new Map<string, PlaceMatch>();
      for (const h of longestOnly(hits)) {
        const p = phrases.get(h.term)!;
        const key = `${p.own}|${p.name}`;
        const match = seen.get(key) ?? { name: p.name, own: p.own, province: p.province, spans: [] };
        const len = h.term.split(' ').length;
        for (const at of h.at) match.spans.push({ at, len });
        seen.set(key, match);
      }
      return [...seen.values()];
    },
  };
}

function addProvinceName(
  put: (phrase: string, name: string, own: boolean, province: string) => void,
  phrase: string,
  name: string,
  own: boolean,
  province: string,
): void {
  put(`tỉnh ${phrase}`, name, own, province);
  put(`thành phố ${phrase}`, name, own, province);
  put(`tp ${phrase}`, name, own, province);
  if (!COMMON_WORDS.has(fold(phrase).toLowerCase())) put(phrase, name, own, province);
}

/** Drops hits covered by a longer hit at the same place ("xã Bát Xát" over "Bát Xát"). */
function longestOnly(hits: Hit[]): Hit[] {
  const spans = hits.flatMap((h) => h.at.map((at) => ({ h, at, end: at + h.term.split(' ').length })));
  return hits.filter((h) =>
    h.at.some((at) => {
      const end = at + h.term.split(' ').length;
      return !spans.some((s) => s.h !== h && s.at <= at && s.end >= end && s.end - s.at > end - at);
    }),
  );
}
