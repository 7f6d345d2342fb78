import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { ProvinceInfo } from '../config/index.ts';
import { type Hit, type PhraseIndex, PhraseMatcher, type Scan } from './matcher.ts';
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

const DISTRICT_PREFIXES = ['huyện', 'thị xã', 'thành phố', 'tp', 'quận'];
const COMMUNE_PREFIXES = ['xã', 'phường', 'thị trấn'];
const key = (name: string) => fold(words(name).join(' '));

/** Names that are also ordinary words or people's names, and the press's other spellings (data/place-words.yaml). */
const placeWords = (() => {
  const raw = parse(
    readFileSync(fileURLToPath(new URL('./data/place-words.yaml', import.meta.url)), 'utf8'),
  ) as {
    common: string[];
    aliases: Record<string, string[]>;
  };
  return { common: new Set(raw.common.map(key)), aliases: raw.aliases };
})();
/** A syllable used in unit names of fewer provinces than this makes a name distinctive ("Sín Chéng", not "Minh Quân"). */
const RARE_SYLLABLE_PROVINCES = 10;

export interface PlaceMatch {
  name: string;
  own: boolean;
  province: string;
  /** Where the place was named: first token and length. */
  spans: { at: number; len: number }[];
}

export interface Gazetteer {
  /** Places named in the tokens; `scan` is a scan of the shared index the gazetteer was built into. */
  find(tokens: string[], plain: boolean, foldedTokens?: string[], scan?: Scan): PlaceMatch[];
}

const slugOf = (codeName: string) => codeName.replace(/_/g, '-');

/**
 * Builds the gazetteer for a province (by its 2025 code and the pre-2025 codes merged into it). With a shared
 * phrase index, its phrases join that index, so one scan of an item finds places and lexicon phrases.
 */
export function buildGazetteer(info: ProvinceInfo, shared?: PhraseIndex): Gazetteer {
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
  const withAliases = (name: string) => [name, ...(placeWords.aliases[name] ?? [])];
  const bare = bareNames(fresh, old, oldToNew);

  // Other provinces first, so the province's own entries win on shared phrases.
  for (const p of fresh) {
    if (p.Code === info.adminCode) continue;
    for (const n of withAliases(p.Name)) addProvinceName(put, n, p.Name, false, newSlug.get(p.Code)!);
  }
  for (const p of old) {
    const target = oldToNew.get(p.Code);
    if (!target || target === info.adminCode) continue;
    addProvinceName(put, p.Name, p.Name, false, newSlug.get(target)!);
    for (const d of p.District) {
      for (const prefix of DISTRICT_PREFIXES) put(`${prefix} ${d.Name}`, d.Name, false, newSlug.get(target)!);
      // Towns and cities ("Biên Hòa", "Đà Lạt") and distinctive districts are written without a prefix.
      const town = /^(Thành phố|Thị xã|Quận) /.test(d.FullName);
      if (bare.unique(d.Name, target) && (town || bare.distinctive(d.Name)))
        put(d.Name, d.Name, false, newSlug.get(target)!);
    }
  }

  const ownNames = new Set<string>();
  const me = fresh.find((p) => p.Code === info.adminCode);
  // A commune named without "xã" ("ở Sín Chéng") counts when its name is the province's alone and distinctive.
  const ownCommune = (name: string) => {
    for (const prefix of COMMUNE_PREFIXES) put(`${prefix} ${name}`, name, true, info.slug);
    if (bare.unique(name, info.adminCode) && bare.distinctive(name)) put(name, name, true, info.slug);
  };
  if (me) {
    ownNames.add(me.Name);
    for (const w of me.Wards) ownCommune(w.Name);
  }
  for (const p of old.filter((o) => ownCodes.has(o.Code))) {
    ownNames.add(p.Name);
    for (const d of p.District) {
      for (const n of withAliases(d.Name)) {
        for (const prefix of DISTRICT_PREFIXES) put(`${prefix} ${n}`, d.Name, true, info.slug);
        // Bare district names count when at least two syllables (Bát Xát, Mù Căng Chải); one-syllable ones need a prefix.
        if (words(n).length >= 2) put(n, d.Name, true, info.slug);
      }
      for (const w of d.Ward) ownCommune(w.Name);
    }
  }
  for (const n of ownNames) addProvinceName(put, n, n, true, info.slug);
  for (const extra of info.extraPlaces) put(extra, extra, true, info.slug);

  const terms = Object.fromEntries([...phrases.keys()].map((k) => [k, 1]));
  const matcher = new PhraseMatcher(terms, shared);
  return {
    find(tokens, plain, foldedTokens, scan) {
      const hits: Hit[] = scan ? (scan.get(matcher) ?? []) : matcher.match(tokens, plain, foldedTokens);
      const seen = new Map<string, PlaceMatch>();
      for (const h of longestOnly(hits)) {
        const p = phrases.get(h.term)!;
        const key = `${p.own}|${p.name}`;
        const match = seen.get(key) ?? { name: p.name, own: p.own, province: p.province, spans: [] };
        for (const at of h.at) match.spans.push({ at, len: h.len });
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
  if (!placeWords.common.has(key(phrase))) put(phrase, name, own, province);
}

/**
 * Which unit names may be matched bare: a name of two syllables or more used by one province only (in either
 * list, at any level), not an ordinary word, and distinctive when it has a syllable few provinces use.
 */
function bareNames(fresh: NewProvince[], old: OldProvince[], oldToNew: Map<string, string>) {
  const provincesOf = new Map<string, Set<string>>();
  const syllables = new Map<string, Set<string>>();
  const note = (name: string, code: string | undefined) => {
    if (!code) return;
    const k = key(name);
    provincesOf.set(k, (provincesOf.get(k) ?? new Set()).add(code));
    for (const syl of k.split(' ')) syllables.set(syl, (syllables.get(syl) ?? new Set()).add(code));
  };
  for (const p of fresh) {
    note(p.Name, p.Code);
    for (const w of p.Wards ?? []) note(w.Name, p.Code);
  }
  for (const p of old) {
    const code = oldToNew.get(p.Code);
    note(p.Name, code);
    for (const d of p.District ?? []) {
      note(d.Name, code);
      for (const w of d.Ward ?? []) note(w.Name, code);
    }
  }
  return {
    unique(name: string, code: string): boolean {
      const k = key(name);
      const where = provincesOf.get(k);
      return k.split(' ').length >= 2 && !placeWords.common.has(k) && where?.size === 1 && where.has(code);
    },
    distinctive(name: string): boolean {
      return key(name)
        .split(' ')
        .some((syl) => (syllables.get(syl)?.size ?? 0) < RARE_SYLLABLE_PROVINCES);
    },
  };
}

/** Drops hits covered by a longer hit at the same place ("xã Bát Xát" over "Bát Xát"). */
function longestOnly(hits: Hit[]): Hit[] {
  if (hits.length < 2) return hits;
  const spans = hits.flatMap((h) => h.at.map((at) => ({ h, at, end: at + h.len })));
  return hits.filter((h) =>
    h.at.some((at) => {
      const end = at + h.len;
      return !spans.some((s) => s.h !== h && s.at <= at && s.end >= end && s.end - s.at > end - at);
    }),
  );
}
