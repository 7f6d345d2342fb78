import { z } from 'zod';
import type { ProvinceConfig } from '../config/index.ts';
import { buildGazetteer, type Gazetteer } from './gazetteer.ts';
import { type Hit, PhraseMatcher, score } from './matcher.ts';
import { BOUNDARY, cleanInput, diacriticRatio, fold, tokenize } from './normalize.ts';

export const MODEL_VERSION = 'lexicon-0.1';
/** Longer input is cut here (and the result says so). */
export const MAX_CHARS = 50_000;

export const ClassifyInput = z.object({
  id: z.union([z.string(), z.number()]).transform(String),
  title: z.string().default(''),
  text: z.string().default(''),
  kind: z.enum(['news', 'social']).default('news'),
});
export type ClassifyInput = z.input<typeof ClassifyInput>;

export const Scope = z.enum(['province', 'national', 'other-province', 'none']);
export const SentimentLabel = z.enum(['positive', 'neutral', 'negative']);

export interface Classification {
  id: string;
  education: boolean;
  scope: z.infer<typeof Scope>;
  places: string[];
  topics: string[];
  sentiment: z.infer<typeof SentimentLabel>;
  risks: string[];
  scores: {
    education: number;
    scope: { own: number; other: number };
    topics: Record<string, number>;
    sentiment: { positive: number; negative: number };
    risks: Record<string, number>;
    /** Highest weighted risk: risk score × the risk's configured weight (0..1). */
    riskLevel: number;
  };
  explain: {
    education: string[];
    places: string[];
    topics: Record<string, string[]>;
    risks: Record<string, string[]>;
    sentiment: { positive: string[]; negative: string[]; negated: string[]; rebuttal: string[] };
  };
  warnings?: string[];
}

interface Scored {
  id: string;
  threshold: number;
  weight: number;
  matcher: PhraseMatcher;
  exclude: PhraseMatcher;
}

/** A province's lexicons and gazetteer, compiled once for fast classification. */
export interface Model {
  version: string;
  gazetteer: Gazetteer;
  education: { matcher: PhraseMatcher; traps: PhraseMatcher; threshold: number };
  topics: Scored[];
  risks: Scored[];
  sentiment: {
    positive: PhraseMatcher;
    negative: PhraseMatcher;
    negators: PhraseMatcher;
    intensifiers: PhraseMatcher;
    rebuttal: PhraseMatcher;
  };
}

export function buildModel(config: ProvinceConfig): Model {
  const scored = (
    items: {
      id: string;
      threshold: number;
      terms: Record<string, number>;
      exclude: string[];
      weight?: number;
    }[],
  ) =>
    items.map((t) => ({
      id: t.id,
      threshold: t.threshold,
      weight: t.weight ?? 1,
      matcher: new PhraseMatcher(t.terms),
      exclude: new PhraseMatcher(t.exclude),
    }));
  const s = config.sentiment;
  return {
    version: MODEL_VERSION,
    gazetteer: buildGazetteer(config.province),
    education: {
      matcher: new PhraseMatcher(config.education.terms),
      traps: new PhraseMatcher(config.education.traps),
      threshold: config.education.threshold,
    },
    topics: scored(config.topics),
    risks: scored(config.risks),
    sentiment: {
      positive: new PhraseMatcher(s.positive),
      negative: new PhraseMatcher(s.negative),
      negators: new PhraseMatcher(s.negators),
      intensifiers: new PhraseMatcher(s.intensifiers),
      rebuttal: new PhraseMatcher(s.rebuttal),
    },
  };
}

const MASK = '\u0000';

/** Classifies one item: education, scope and places, topic lines, sentiment, risks, with the terms that drove each. */
export function classify(model: Model, input: ClassifyInput): Classification {
  const item = ClassifyInput.parse(input);
  const warnings: string[] = [];
  const raw = cleanInput(`${item.title}\n${item.title}\n${item.text}`, MAX_CHARS);
  if (raw.truncated)
    warnings.push(`text longer than ${MAX_CHARS} characters: classified the first ${MAX_CHARS}`);
  const tokens = tokenize(raw.text);
  const plain = diacriticRatio(tokens) < 0.15;
  const folded = tokens.map(fold);
  const m = (matcher: PhraseMatcher, t = tokens, f = folded) => matcher.match(t, plain, f);

  // Trap phrases ("thị trường", "chiến trường") are masked before education terms are counted.
  const masked = [...tokens];
  const maskedFolded = [...folded];
  for (const h of m(model.education.traps))
    for (const at of h.at)
      for (let k = 0; k < h.term.split(/\s+/).length; k++) {
        masked[at + k] = MASK;
        maskedFolded[at + k] = MASK;
      }
  const eduHits = m(model.education.matcher, masked, maskedFolded);
  const eduScore = score(eduHits);
  const education = eduScore >= model.education.threshold;

  const places = model.gazetteer.find(tokens, plain, folded);
  const own = places.filter((p) => p.own).length;
  const other = new Set(places.filter((p) => !p.own).map((p) => p.province)).size;
  const scope = !education
    ? 'none'
    : own > 0 && own >= other
      ? 'province'
      : other > 0
        ? 'other-province'
        : 'national';

  const negatedAt = negationScope(model, tokens, folded, plain);
  const labelScores = (items: Scored[], t: string[], f: string[], negation = false) => {
    const out: { id: string; raw: number; norm: number; weight: number; hits: Hit[] }[] = [];
    for (const s of items) {
      if (s.exclude.match(t, plain, f).length > 0) continue;
      const hits = s.matcher
        .match(t, plain, f)
        .map((h) => (negation ? { ...h, at: h.at.filter((at) => !negatedAt.has(at)) } : h))
        .filter((h) => h.at.length > 0);
      const raw = score(hits);
      if (raw > 0)
        out.push({ id: s.id, raw, norm: Math.min(1, raw / (2 * s.threshold)), weight: s.weight, hits });
    }
    return out.sort((a, b) => b.raw - a.raw);
  };
  const topicScores = education ? labelScores(model.topics, masked, maskedFolded) : [];
  const threshold = (items: Scored[], id: string) => items.find((s) => s.id === id)!.threshold;
  const topics = topicScores.filter((t) => t.raw >= threshold(model.topics, t.id)).slice(0, 3);
  const riskScores = education ? labelScores(model.risks, masked, maskedFolded, true) : [];
  let risks = riskScores.filter((r) => r.raw >= threshold(model.risks, r.id)).slice(0, 3);
  const rebuttal = education ? model.sentiment.rebuttal.match(tokens, plain, folded).map((h) => h.term) : [];
  // An official rebuttal denies what the false claim alleged: only the misinformation risk stays.
  if (rebuttal.length > 0) risks = risks.filter((r) => r.id === 'misinformation');

  const sentiment = education
    ? scoreSentiment(model, tokens, folded, plain, risks, negatedAt, rebuttal)
    : undefined;

  return {
    id: item.id,
    education,
    scope,
    places: places.map((p) => p.name),
    topics: topics.map((t) => t.id),
    sentiment: sentiment?.label ?? 'neutral',
    risks: risks.map((r) => r.id),
    scores: {
      education: round(eduScore),
      scope: { own, other },
      topics: Object.fromEntries(topicScores.map((t) => [t.id, round(t.norm)])),
      sentiment: { positive: round(sentiment?.pos ?? 0), negative: round(sentiment?.neg ?? 0) },
      risks: Object.fromEntries(riskScores.map((r) => [r.id, round(r.norm)])),
      riskLevel: round(Math.max(0, ...risks.map((r) => r.norm * r.weight))),
    },
    explain: {
      education: eduHits.map((h) => h.term),
      places: places.map((p) => (p.own ? p.name : `${p.name} (${p.province})`)),
      topics: Object.fromEntries(topics.map((t) => [t.id, t.hits.map((h) => h.term)])),
      risks: Object.fromEntries(risks.map((r) => [r.id, r.hits.map((h) => h.term)])),
      sentiment: sentiment?.explain ?? { positive: [], negative: [], negated: [], rebuttal: [] },
    },
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}

/**
 * Token positions under negation: from a negator ("không", "chưa", "chẳng"…) up to six words on, stopping
 * at clause punctuation ("chưa để xảy ra trường hợp ngộ độc nào" negates "ngộ độc").
 */
function negationScope(model: Model, tokens: string[], folded: string[], plain: boolean): Set<number> {
  const out = new Set<number>();
  for (const h of model.sentiment.negators.match(tokens, plain, folded))
    for (const at of h.at)
      for (let k = at + 1; k <= at + 6 && k < tokens.length && !BOUNDARY.has(tokens[k]!); k++) out.add(k);
  return out;
}

function scoreSentiment(
  model: Model,
  tokens: string[],
  folded: string[],
  plain: boolean,
  risks: { weight: number; norm: number }[],
  negatedAt: Set<number>,
  rebuttal: string[],
) {
  const s = model.sentiment;
  const intensAt = new Map(
    s.intensifiers.match(tokens, plain, folded).flatMap((h) => h.at.map((at) => [at, h.weight] as const)),
  );
  const negated: string[] = [];
  // A negator within three tokens before a phrase cancels it ("không có học sinh nào bị ngộ độc").
  const polarity = (hits: Hit[]) => {
    let total = 0;
    const used: string[] = [];
    for (const h of hits)
      for (const at of h.at.slice(0, 3)) {
        if (negatedAt.has(at)) {
          negated.push(h.term);
          continue;
        }
        total += h.weight * (intensAt.get(at - 1) ?? 1);
        used.push(h.term);
      }
    return { total, used: [...new Set(used)] };
  };
  const pos = polarity(s.positive.match(tokens, plain, folded));
  const neg = polarity(s.negative.match(tokens, plain, folded));
  const riskNeg = risks.reduce((sum, r) => sum + 3 * r.weight * r.norm, 0);
  const negTotal = neg.total + riskNeg;
  let label: 'positive' | 'neutral' | 'negative' = 'neutral';
  if (rebuttal.length > 0) label = 'neutral';
  else if (negTotal >= 3 && negTotal > pos.total * 1.2) label = 'negative';
  else if (pos.total >= 3 && pos.total > negTotal * 1.5) label = 'positive';
  return {
    label,
    pos: pos.total,
    neg: negTotal,
    explain: { positive: pos.used, negative: neg.used, negated: [...new Set(negated)], rebuttal },
  };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
