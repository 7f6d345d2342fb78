import type { Analysis } from './classify.ts';
import { BOUNDARY } from './normalize.ts';

const NUMBER = /^\p{N}+$/u;

/**
 * The statistical model's features of an analysed item, all accent-free (so text typed with and without
 * diacritics look alike): words and word pairs within a clause, with places replaced by what they are (the
 * province's own or another province's: the model learns no place names), words under negation marked, and
 * what the lexicons found. Returns each feature with the text it came from, for explanations.
 */
export function featuresOf(
  a: Analysis,
  lexicon: { topics: Set<string>; risks: Set<string> },
): Map<string, string> {
  const out = new Map<string, string>();
  const n = a.folded.length;
  const unit: (string | undefined)[] = [...a.folded];
  const surface: string[] = [...a.tokens];
  for (const p of a.places)
    for (const { at, len } of p.spans) {
      unit[at] = p.own ? '@place-own' : '@place-other';
      surface[at] = a.tokens.slice(at, at + len).join(' ');
      for (let k = 1; k < len; k++) unit[at + k] = undefined;
    }
  let prev: string | undefined;
  let prevSurface = '';
  for (let i = 0; i < n; i++) {
    let u = unit[i];
    if (u === undefined) continue;
    if (BOUNDARY.has(u)) {
      prev = undefined;
      continue;
    }
    if (NUMBER.test(u)) u = '0';
    if (a.negatedAt.has(i)) u = `khong_${u}`;
    if (!out.has(u)) out.set(u, surface[i]!);
    if (prev !== undefined) {
      const bi = `${prev} ${u}`;
      if (!out.has(bi)) out.set(bi, `${prevSurface} ${surface[i]}`);
    }
    prev = u;
    prevSurface = surface[i]!;
  }
  out.set(`#kind:${a.item.kind}`, a.item.kind);
  if (a.plain) out.set('#plain', '');
  const own = a.places.some((p) => p.own);
  const other = a.places.some((p) => !p.own);
  out.set(own ? (other ? '#places:both' : '#places:own') : other ? '#places:other' : '#places:none', '');
  if (a.eduScore > 0)
    out.set(`#edu:${Math.min(3, Math.floor(a.eduScore / 2))}`, a.eduHits.map((h) => h.term).join(', '));
  for (const t of a.topicScores)
    if (lexicon.topics.has(t.id)) out.set(`#topic:${t.id}`, t.hits.map((h) => h.term).join(', '));
  for (const r of a.riskScores)
    if (lexicon.risks.has(r.id)) out.set(`#risk:${r.id}`, r.hits.map((h) => h.term).join(', '));
  if (a.rebuttal.length > 0) out.set('#rebuttal', a.rebuttal.join(', '));
  return out;
}
