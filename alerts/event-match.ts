import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

const EventWordsFile = z.object({ ignore: z.array(z.string()), function: z.array(z.string()) });
const file = fileURLToPath(new URL('./event-words.yaml', import.meta.url));

let lists: { ignore: Set<string>; fn: Set<string> } | undefined;
function wordLists() {
  if (!lists) {
    const f = EventWordsFile.parse(parse(readFileSync(file, 'utf8')));
    lists = { ignore: new Set(f.ignore), fn: new Set(f.function) };
  }
  return lists;
}

/** Lower case, without diacritics: posts typed without them compare with news written with them. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();

/**
 * What a text says about its event: accent-free pairs of consecutive words, without pairs common to all
 * education news, in order of appearance, at most `max`.
 */
export function eventWords(text: string, max = 400): string[] {
  const { ignore, fn } = wordLists();
  const tokens = fold(text).match(/[a-z0-9]+/g) ?? [];
  const out = new Set<string>();
  for (let i = 0; i + 1 < tokens.length && out.size < max; i++) {
    const a = tokens[i]!;
    const b = tokens[i + 1]!;
    const pair = `${a} ${b}`;
    if (ignore.has(pair) || (fn.has(a) && fn.has(b))) continue;
    out.add(pair);
  }
  return [...out];
}

/** Overlap of two word-pair sets relative to the smaller one (a short post inside a long article scores high). */
export function similarity(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const [small, large] = a.length <= b.length ? [a, new Set(b)] : [b, new Set(a)];
  let shared = 0;
  for (const w of small) if (large.has(w)) shared++;
  return shared / small.length;
}

/** One side of a comparison: a new mention or an incident (its mentions taken together). */
export interface EventSide {
  storyIds: number[];
  risks: string[];
  /** Places below the province (communes, former districts, schools); province names say nothing here. */
  places: string[];
  words: string[];
}

/** Some shared wording needed besides a shared risk when one side names no place. */
const SOME_TEXT = 0.1;
/** Enough shared wording to join without a shared risk. */
const MUCH_TEXT = 0.3;

/**
 * How surely a mention is about an incident's event (0..1), or undefined when it is not: the same story
 * (copies) always is; otherwise places must not contradict each other (a poisoning in another commune is
 * another event, however alike the reports: a second event must never be swallowed by the first), and a
 * shared risk with a shared place, a shared risk with some shared wording, or much shared wording is needed.
 * Pure.
 */
export function matchScore(m: EventSide, i: EventSide): number | undefined {
  if (m.storyIds.some((s) => i.storyIds.includes(s))) return 1;
  const sharedPlace = m.places.some((p) => i.places.includes(p));
  const placeless = m.places.length === 0 || i.places.length === 0;
  if (!sharedPlace && !placeless) return undefined;
  const sim = similarity(m.words, i.words);
  const sharedRisk = m.risks.some((r) => i.risks.includes(r));
  if (sharedRisk && sharedPlace) return 0.6 + 0.4 * sim;
  if (sharedRisk && sim >= SOME_TEXT) return 0.4 + 0.5 * sim;
  if (sim >= MUCH_TEXT) return 0.3 + 0.5 * sim;
  return undefined;
}

/** The candidate the mention most surely belongs to, if any. */
export function bestMatch<T extends EventSide>(m: EventSide, candidates: T[]): T | undefined {
  let best: T | undefined;
  let bestScore = 0;
  for (const c of candidates) {
    const s = matchScore(m, c);
    if (s !== undefined && s > bestScore) {
      best = c;
      bestScore = s;
    }
  }
  return best;
}

/** Adds a mention's word pairs to an incident's signature (kept to `max`, earliest first). */
export function mergeWords(signature: string[], words: string[], max = 1200): string[] {
  const out = new Set(signature);
  for (const w of words) {
    if (out.size >= max) break;
    out.add(w);
  }
  return [...out];
}
