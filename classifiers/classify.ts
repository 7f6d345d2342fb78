import { z } from 'zod';
import type { ProvinceConfig } from '../config/index.ts';
import { collectRows } from './features.ts';
import type { PlaceMatch } from './gazetteer.ts';
import { buildGazetteer, type Gazetteer } from './gazetteer.ts';
import { type Hit, PhraseIndex, PhraseMatcher, score } from './matcher.ts';
import { type NbModel, topFeaturesOf } from './nb.ts';
import { BOUNDARY, cleanInput, normalizeTokens, type TokenForm } from './normalize.ts';

export const MODEL_VERSION = 'lexicon-0.1';
/**
 * A risk found by its configured phrases is kept when the model's margin for it is at least this (log-odds
 * below the tuned threshold); below it the phrases matched in another sense (measured: -1 gives the best
 * risks F1 on the corpus's cross-validation).
 */
const LEXICON_RISK_FLOOR = -1;
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

/** The trained part of a model (`diemtin train`): naive Bayes over words, places and lexicon findings. */
export interface TrainedStats {
  version: string;
  trainedAt: string;
  items: number;
  nb: NbModel;
  /** Decision threshold per binary output (log-odds). */
  thresholds: Record<string, number>;
}

/** A province's lexicons and gazetteer, compiled once for fast classification, and the trained model if any. */
export interface Model {
  version: string;
  stats?: TrainedStats;
  /** Every lexicon's phrases, scanned in one pass per item. */
  index: PhraseIndex;
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

export function buildModel(config: ProvinceConfig, stats?: TrainedStats): Model {
  const index = new PhraseIndex();
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
      matcher: new PhraseMatcher(t.terms, index),
      exclude: new PhraseMatcher(t.exclude, index),
    }));
  const s = config.sentiment;
  return {
    version: stats ? stats.version : MODEL_VERSION,
    stats,
    index,
    gazetteer: buildGazetteer(config.province, index),
    education: {
      matcher: new PhraseMatcher(config.education.terms, index),
      traps: new PhraseMatcher(config.education.traps, index),
      threshold: config.education.threshold,
    },
    topics: scored(config.topics),
    risks: scored(config.risks),
    sentiment: {
      positive: new PhraseMatcher(s.positive, index),
      negative: new PhraseMatcher(s.negative, index),
      negators: new PhraseMatcher(s.negators, index),
      intensifiers: new PhraseMatcher(s.intensifiers, index),
      rebuttal: new PhraseMatcher(s.rebuttal, index),
    },
  };
}

interface LabelScore {
  id: string;
  raw: number;
  norm: number;
  weight: number;
  hits: Hit[];
}

/** What the lexicons and the gazetteer find in one item: the rule layer, and the statistical model's input. */
export interface Analysis {
  item: z.output<typeof ClassifyInput>;
  warnings: string[];
  tokens: string[];
  folded: string[];
  forms: TokenForm[];
  plain: boolean;
  eduHits: Hit[];
  eduScore: number;
  places: PlaceMatch[];
  /** 1 at token positions under negation. */
  negatedAt: Uint8Array;
  topicScores: LabelScore[];
  riskScores: LabelScore[];
  rebuttal: string[];
  /** Hits of any of the model's lexicons in this item. */
  hits: (matcher: PhraseMatcher) => Hit[];
}

/** Normalises an item and runs the lexicons and gazetteer over it. */
export function analyseText(model: Model, input: ClassifyInput): Analysis {
  const item = ClassifyInput.parse(input);
  const warnings: string[] = [];
  const raw = cleanInput(`${item.title}\n${item.title}\n${item.text}`, MAX_CHARS);
  if (raw.truncated)
    warnings.push(`text longer than ${MAX_CHARS} characters: classified the first ${MAX_CHARS}`);
  const { tokens, folded, forms, plain } = normalizeTokens(raw.text);
  const scan = model.index.scan(tokens, plain, folded, forms);
  const hits = (matcher: PhraseMatcher) => scan.get(matcher) ?? [];

  // Trap phrases ("thị trường", "chiến trường") are masked: no education, topic or risk phrase counts on them.
  const masked = new Set<number>();
  for (const h of hits(model.education.traps))
    for (const at of h.at) for (let k = 0; k < h.len; k++) masked.add(at + k);
  const unmasked = (matcher: PhraseMatcher): Hit[] => {
    const list = hits(matcher);
    if (masked.size === 0) return list;
    return list
      .map((h) => ({
        ...h,
        at: h.at.filter((at) => {
          for (let k = 0; k < h.len; k++) if (masked.has(at + k)) return false;
          return true;
        }),
      }))
      .filter((h) => h.at.length > 0);
  };
  const eduHits = unmasked(model.education.matcher);
  const eduScore = score(eduHits);
  const places = model.gazetteer.find(tokens, plain, folded, scan);
  const negatedAt = negationScope(tokens, hits(model.sentiment.negators));
  const labelScores = (items: Scored[], negation = false) => {
    const out: LabelScore[] = [];
    for (const s of items) {
      if (unmasked(s.exclude).length > 0) continue;
      const hits = unmasked(s.matcher)
        .map((h) => (negation ? { ...h, at: h.at.filter((at) => negatedAt[at] !== 1) } : h))
        .filter((h) => h.at.length > 0);
      const raw = score(hits);
      if (raw > 0)
        out.push({ id: s.id, raw, norm: Math.min(1, raw / (2 * s.threshold)), weight: s.weight, hits });
    }
    return out.sort((a, b) => b.raw - a.raw);
  };
  return {
    item,
    warnings,
    tokens,
    folded,
    forms,
    plain,
    eduHits,
    eduScore,
    places,
    negatedAt,
    topicScores: labelScores(model.topics),
    riskScores: labelScores(model.risks, true),
    rebuttal: hits(model.sentiment.rebuttal).map((h) => h.term),
    hits,
  };
}

/** Classifies one item: education, scope and places, topic lines, sentiment, risks, with the terms that drove each. */
export function classify(model: Model, input: ClassifyInput): Classification {
  const a = analyseText(model, input);
  return model.stats ? classifyWithStats(model, model.stats, a) : classifyWithLexicon(model, a);
}

const scopeOf = (education: boolean, places: PlaceMatch[]) => {
  const own = places.filter((p) => p.own).length;
  const other = new Set(places.filter((p) => !p.own).map((p) => p.province)).size;
  const scope: Classification['scope'] = !education
    ? 'none'
    : own > 0 && own >= other
      ? 'province'
      : other > 0
        ? 'other-province'
        : 'national';
  return { scope, own, other };
};

/** The rule layer alone (no trained model shipped or found). */
function classifyWithLexicon(model: Model, a: Analysis): Classification {
  const education = a.eduScore >= model.education.threshold;
  const { scope, own, other } = scopeOf(education, a.places);
  const threshold = (items: Scored[], id: string) => items.find((s) => s.id === id)!.threshold;
  const topicScores = education ? a.topicScores : [];
  const topics = topicScores.filter((t) => t.raw >= threshold(model.topics, t.id)).slice(0, 3);
  const riskScores = education ? a.riskScores : [];
  let risks = riskScores.filter((r) => r.raw >= threshold(model.risks, r.id)).slice(0, 3);
  const rebuttal = education ? a.rebuttal : [];
  // An official rebuttal denies what the false claim alleged: only the misinformation risk stays.
  if (rebuttal.length > 0) risks = risks.filter((r) => r.id === 'misinformation');
  const sentiment = education ? scoreSentiment(model, a, risks, rebuttal) : undefined;
  return {
    id: a.item.id,
    education,
    scope,
    places: a.places.map((p) => p.name),
    topics: topics.map((t) => t.id),
    sentiment: sentiment?.label ?? 'neutral',
    risks: risks.map((r) => r.id),
    scores: {
      education: round(a.eduScore),
      scope: { own, other },
      topics: Object.fromEntries(topicScores.map((t) => [t.id, round(t.norm)])),
      sentiment: { positive: round(sentiment?.pos ?? 0), negative: round(sentiment?.neg ?? 0) },
      risks: Object.fromEntries(riskScores.map((r) => [r.id, round(r.norm)])),
      riskLevel: round(Math.max(0, ...risks.map((r) => r.norm * r.weight))),
    },
    explain: {
      education: a.eduHits.map((h) => h.term),
      places: a.places.map((p) => (p.own ? p.name : `${p.name} (${p.province})`)),
      topics: Object.fromEntries(topics.map((t) => [t.id, t.hits.map((h) => h.term)])),
      risks: Object.fromEntries(risks.map((r) => [r.id, r.hits.map((h) => h.term)])),
      sentiment: sentiment?.explain ?? { positive: [], negative: [], negated: [], rebuttal: [] },
    },
    ...(a.warnings.length > 0 ? { warnings: a.warnings } : {}),
  };
}

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** Lexicon findings that pass their configured thresholds: features for the trained model. */
export function lexiconFindings(model: Model, a: Analysis) {
  const pass = (items: Scored[], scores: LabelScore[]) =>
    new Set(scores.filter((x) => x.raw >= items.find((s) => s.id === x.id)!.threshold).map((x) => x.id));
  return { topics: pass(model.topics, a.topicScores), risks: pass(model.risks, a.riskScores) };
}

/** Where each decision sits among a trained model's outputs, computed once per model. */
interface Layout {
  education: number;
  topics: { id: string; at: number; threshold: number }[];
  risks: { id: string; at: number; threshold: number }[];
  sentiment: { label: Classification['sentiment']; at: number }[];
}
const layouts = new WeakMap<TrainedStats, Layout>();
function layoutOf(stats: TrainedStats): Layout {
  let l = layouts.get(stats);
  if (!l) {
    const outputs = stats.nb.outputs;
    const binaries = (prefix: string) =>
      outputs.flatMap((o, at) =>
        o.startsWith(prefix) ? [{ id: o.slice(prefix.length), at, threshold: stats.thresholds[o] ?? 0 }] : [],
      );
    l = {
      education: outputs.indexOf('b:education'),
      topics: binaries('b:topic:'),
      risks: binaries('b:risk:'),
      sentiment: outputs.flatMap((o, at) =>
        o.startsWith('c:sentiment:')
          ? [{ label: o.slice('c:sentiment:'.length) as Classification['sentiment'], at }]
          : [],
      ),
    };
    layouts.set(stats, l);
  }
  return l;
}

/** The trained model's decisions, explained by the features that weighed most for each. */
function classifyWithStats(model: Model, stats: TrainedStats, a: Analysis): Classification {
  const findings = lexiconFindings(model, a);
  const nb = stats.nb;
  const layout = layoutOf(stats);
  const { rows, scores: s, surface } = collectRows(a, findings, nb);
  const education = s[layout.education]! - (stats.thresholds['b:education'] ?? 0) >= 0;
  const marginOf = (b: { id: string; at: number; threshold: number }) => ({
    id: b.id,
    at: b.at,
    m: s[b.at]! - b.threshold,
  });
  const byMargin = (x: { m: number }, y: { m: number }) => y.m - x.m;
  let best = layout.sentiment[0];
  for (const c of layout.sentiment) if (s[c.at]! > s[best!.at]!) best = c;
  const rule = scopeOf(education, a.places);
  const scope = rule.scope;
  const topicAll = education ? layout.topics.map(marginOf).sort(byMargin) : [];
  let topics = topicAll.filter((t) => t.m >= 0).slice(0, 3);
  if (education && topics.length === 0 && topicAll[0]) topics = [topicAll[0]];
  const riskAll = education ? layout.risks.map(marginOf).sort(byMargin) : [];
  // A risk's configured phrases count on their own too (the press office can add a phrase and see it work),
  // unless the model is sure it is not that risk.
  const lexRisks = findings.risks;
  let risks = riskAll
    .filter((r) => r.m >= 0 || (lexRisks.has(r.id) && r.m >= LEXICON_RISK_FLOOR))
    .sort((x, y) => Number(lexRisks.has(y.id)) - Number(lexRisks.has(x.id)) || y.m - x.m)
    .slice(0, 3);
  const sentiment = education && best ? best.label : 'neutral';
  // An official rebuttal denies what the false claim alleged: only the misinformation risk stays.
  if (a.rebuttal.length > 0 && sentiment !== 'negative')
    risks = risks.filter((r) => r.id === 'misinformation');
  const weightOf = (id: string) => model.risks.find((r) => r.id === id)?.weight ?? 1;
  const sent = (c: string) => {
    const slot = layout.sentiment.find((x) => x.label === c);
    return slot ? s[slot.at]! : 0;
  };
  const sentAt = (c: string) => layout.sentiment.find((x) => x.label === c)?.at ?? -1;
  // Explanations of every label given, from one pass over the item's rows.
  const explained = [layout.education, ...topics.map((t) => t.at), ...risks.map((r) => r.at)];
  if (sentiment !== 'neutral') explained.push(sentAt(sentiment));
  const tops = topFeaturesOf(nb, rows, explained, 6);
  const explainOf = (at: number) => [...new Set((tops.get(at) ?? []).map(surface).filter((x) => x !== ''))];
  return {
    id: a.item.id,
    education,
    scope,
    places: a.places.map((p) => p.name),
    topics: topics.map((t) => t.id),
    sentiment,
    risks: risks.map((r) => r.id),
    scores: {
      education: round(sigmoid(s[layout.education]! - (stats.thresholds['b:education'] ?? 0))),
      scope: { own: rule.own, other: rule.other },
      topics: Object.fromEntries(topicAll.slice(0, 5).map((t) => [t.id, round(sigmoid(t.m))])),
      sentiment: {
        positive: round(sigmoid(sent('positive') - Math.max(sent('neutral'), sent('negative')))),
        negative: round(sigmoid(sent('negative') - Math.max(sent('neutral'), sent('positive')))),
      },
      risks: Object.fromEntries(riskAll.slice(0, 5).map((r) => [r.id, round(sigmoid(r.m))])),
      riskLevel: round(Math.max(0, ...risks.map((r) => sigmoid(r.m) * weightOf(r.id)))),
    },
    explain: {
      education: explainOf(layout.education),
      places: a.places.map((p) => (p.own ? p.name : `${p.name} (${p.province})`)),
      topics: Object.fromEntries(topics.map((t) => [t.id, explainOf(t.at)])),
      risks: Object.fromEntries(risks.map((r) => [r.id, explainOf(r.at)])),
      sentiment: {
        positive: sentiment === 'positive' ? explainOf(sentAt('positive')) : [],
        negative: sentiment === 'negative' ? explainOf(sentAt('negative')) : [],
        negated: a.tokens.filter((_, i) => a.negatedAt[i] === 1).slice(0, 6),
        rebuttal: a.rebuttal,
      },
    },
    ...(a.warnings.length > 0 ? { warnings: a.warnings } : {}),
  };
}

/**
 * Token positions under negation: from a negator ("không", "chưa", "chẳng"…) up to six words on, stopping
 * at clause punctuation ("chưa để xảy ra trường hợp ngộ độc nào" negates "ngộ độc").
 */
function negationScope(tokens: string[], negators: Hit[]): Uint8Array {
  const out = new Uint8Array(tokens.length);
  for (const h of negators)
    for (const at of h.at)
      for (let k = at + 1; k <= at + 6 && k < tokens.length && !BOUNDARY.has(tokens[k]!); k++) out[k] = 1;
  return out;
}

function scoreSentiment(
  model: Model,
  a: Analysis,
  risks: { weight: number; norm: number }[],
  rebuttal: string[],
) {
  const s = model.sentiment;
  const negatedAt = a.negatedAt;
  const intensAt = new Map(a.hits(s.intensifiers).flatMap((h) => h.at.map((at) => [at, h.weight] as const)));
  const negated: string[] = [];
  // A negator within three tokens before a phrase cancels it ("không có học sinh nào bị ngộ độc").
  const polarity = (hits: Hit[]) => {
    let total = 0;
    const used: string[] = [];
    for (const h of hits)
      for (const at of h.at.slice(0, 3)) {
        if (negatedAt[at] === 1) {
          negated.push(h.term);
          continue;
        }
        total += h.weight * (intensAt.get(at - 1) ?? 1);
        used.push(h.term);
      }
    return { total, used: [...new Set(used)] };
  };
  const pos = polarity(a.hits(s.positive));
  const neg = polarity(a.hits(s.negative));
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
