import type { Analysis } from './classify.ts';
import { BOUNDARY } from './normalize.ts';

const NUMBER = /^\p{N}+$/u;

const SPAN = 2 ** 20;
export const SPAN_SIZE = SPAN;

/**
 * The statistical model's features of an analysed item, all accent-free (so text typed with and without
 * diacritics look alike): words and word pairs within a clause, with places replaced by what they are (the
 * province's own or another province's: the model learns no place names), words under negation marked, and
 * what the lexicons found. Calls `word` for each word or pair (second part undefined for a word) with its
 * token span, and `note` for each item-level feature; a feature may be reported more than once.
 */
export function eachFeature(
  a: Analysis,
  lexicon: { topics: Set<string>; risks: Set<string> },
  word: (first: string, second: string | undefined, start: number, end: number) => void,
  note: (feature: string, why: string) => void,
): void {
  const n = a.folded.length;
  const unit: (string | undefined)[] = a.folded.slice();
  const ends = new Int32Array(n);
  for (let i = 0; i < n; i++) ends[i] = i + 1;
  for (const p of a.places)
    for (const { at, len } of p.spans) {
      unit[at] = p.own ? '@place-own' : '@place-other';
      ends[at] = at + len;
      for (let k = 1; k < len; k++) unit[at + k] = undefined;
    }
  let prev: string | undefined;
  let prevStart = 0;
  for (let i = 0; i < n; i++) {
    let u = unit[i];
    if (u === undefined) continue;
    if (BOUNDARY.has(u)) {
      prev = undefined;
      continue;
    }
    if (NUMBER.test(u)) u = '0';
    if (a.negatedAt.has(i)) u = negated(u);
    const end = ends[i]!;
    word(u, undefined, i, end);
    if (prev !== undefined) word(prev, u, prevStart, end);
    prev = u;
    prevStart = i;
  }
  note(`#kind:${a.item.kind}`, '');
  if (a.plain) note('#plain', '');
  const own = a.places.some((p) => p.own);
  const other = a.places.some((p) => !p.own);
  note(own ? (other ? '#places:both' : '#places:own') : other ? '#places:other' : '#places:none', '');
  if (a.eduScore > 0)
    note(`#edu:${Math.min(3, Math.floor(a.eduScore / 2))}`, a.eduHits.map((h) => h.term).join(', '));
  for (const t of a.topicScores)
    if (lexicon.topics.has(t.id)) note(`#topic:${t.id}`, t.hits.map((h) => h.term).join(', '));
  for (const r of a.riskScores)
    if (lexicon.risks.has(r.id)) note(`#risk:${r.id}`, r.hits.map((h) => h.term).join(', '));
  if (a.rebuttal.length > 0) note('#rebuttal', a.rebuttal.join(', '));
}

const negatedCache = new Map<string, string>();
/** "khong_<word>": the same string object each time, so map lookups reuse its hash. */
function negated(u: string): string {
  let v = negatedCache.get(u);
  if (v === undefined) {
    if (negatedCache.size > 100_000) negatedCache.clear();
    v = `khong_${u}`;
    negatedCache.set(u, v);
  }
  return v;
}

/** Every distinct feature of an item as a string ("a b" for a word pair), for training. */
export function featureNames(a: Analysis, lexicon: { topics: Set<string>; risks: Set<string> }): string[] {
  const names = new Set<string>();
  eachFeature(
    a,
    lexicon,
    (first, second) => names.add(second === undefined ? first : `${first} ${second}`),
    (f) => names.add(f),
  );
  return [...names];
}

export const encodeSpan = (start: number, end: number) => start * SPAN + end;
