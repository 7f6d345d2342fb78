/**
 * Multinomial naive Bayes over binary features (each feature counted once per item), with additive
 * smoothing, scored in log space as a linear model: one weight vector per feature, summed over the features
 * an item has. One model holds several outputs: binary labels (one log-odds each) and multi-class groups
 * (one log-likelihood per class).
 *
 * natural's BayesClassifier is not used here: it turns every item into a vector over the whole vocabulary
 * (indexOf per vocabulary word, so O(vocabulary × tokens) per item) and multiplies raw probabilities, which
 * underflow to zero on news-length text. The counting model is the same; the representation is sparse.
 */

export interface NbTrainingItem {
  features: string[];
  /** Binary outputs: label id → present. */
  binary: Record<string, boolean>;
  /** Multi-class outputs: group id → class. */
  classes: Record<string, string>;
}

export interface NbModel {
  /** Output slots: "b:<label>" for a binary label's log-odds, "c:<group>:<class>" for a class log-likelihood. */
  outputs: string[];
  /** Per output: the score of an item with no known feature (log prior, plus the log-odds offset). */
  bias: number[];
  /** Feature → weight per output. */
  weights: Map<string, Float64Array>;
  /** See scoreNb. */
  lengthPower?: number;
}

export interface NbOptions {
  alpha?: number;
  /** Features seen in fewer items are dropped. */
  minCount?: number;
  lengthPower?: number;
}

/** Trains the model from items; labels and classes are those present in the data. */
export function trainNb(items: NbTrainingItem[], options: NbOptions = {}): NbModel {
  const alpha = options.alpha ?? 0.5;
  const minCount = options.minCount ?? 2;
  const df = new Map<string, number>();
  for (const it of items) for (const f of new Set(it.features)) df.set(f, (df.get(f) ?? 0) + 1);
  const vocab = [...df.entries()].filter(([, n]) => n >= minCount).map(([f]) => f);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const V = vocab.length;

  // Each output is a "side" whose counts are compared: binary label → (yes, no); class → (that class).
  const binaryIds = [...new Set(items.flatMap((it) => Object.keys(it.binary)))].sort();
  const groups = new Map<string, string[]>();
  for (const it of items)
    for (const [g, c] of Object.entries(it.classes)) {
      const list = groups.get(g) ?? [];
      if (!list.includes(c)) list.push(c);
      groups.set(g, list);
    }
  const sides: string[] = [
    ...binaryIds.flatMap((b) => [`b:${b}:1`, `b:${b}:0`]),
    ...[...groups.entries()].flatMap(([g, cs]) => cs.sort().map((c) => `c:${g}:${c}`)),
  ];
  const sideIndex = new Map(sides.map((s, i) => [s, i]));
  const counts = Array.from({ length: sides.length }, () => new Float64Array(V));
  const totals = new Float64Array(sides.length);
  const docs = new Float64Array(sides.length);
  for (const it of items) {
    const fs = [...new Set(it.features)].map((f) => index.get(f)).filter((i): i is number => i !== undefined);
    const mine = [
      ...binaryIds.map((b) => sideIndex.get(`b:${b}:${it.binary[b] ? 1 : 0}`)!),
      ...Object.entries(it.classes).map(([g, c]) => sideIndex.get(`c:${g}:${c}`)!),
    ];
    for (const s of mine) {
      docs[s]!++;
      totals[s]! += fs.length;
      for (const f of fs) counts[s]![f]!++;
    }
  }
  const logp = (s: number, f: number) => Math.log((counts[s]![f]! + alpha) / (totals[s]! + alpha * V));
  const outputs = [
    ...binaryIds.map((b) => `b:${b}`),
    ...[...groups.entries()].flatMap(([g, cs]) => cs.map((c) => `c:${g}:${c}`)),
  ];
  const n = items.length;
  const bias = outputs.map((o) => {
    if (o.startsWith('b:')) {
      const yes = sideIndex.get(`${o}:1`)!;
      const no = sideIndex.get(`${o}:0`)!;
      return Math.log((docs[yes]! + 1) / (n + 2)) - Math.log((docs[no]! + 1) / (n + 2));
    }
    return Math.log((docs[sideIndex.get(o)!]! + 1) / (n + groups.size + 1));
  });
  const weights = new Map<string, Float64Array>();
  vocab.forEach((f, fi) => {
    const w = new Float64Array(outputs.length);
    outputs.forEach((o, oi) => {
      w[oi] = o.startsWith('b:')
        ? logp(sideIndex.get(`${o}:1`)!, fi) - logp(sideIndex.get(`${o}:0`)!, fi)
        : logp(sideIndex.get(o)!, fi);
    });
    weights.set(f, w);
  });
  return { outputs, bias, weights, lengthPower: options.lengthPower ?? 0.5 };
}

/**
 * Scores of an item's features per output (unknown features count for nothing). The evidence is divided by
 * (known features)^lengthPower: naive Bayes counts every word of a long article as independent evidence and
 * grows overconfident with length; this keeps one decision threshold right for a tweet and for a report.
 */
export function scoreNb(model: NbModel, features: Iterable<string>): Float64Array {
  const sum = new Float64Array(model.bias.length);
  const out = Float64Array.from(model.bias);
  let known = 0;
  for (const f of features) {
    const w = model.weights.get(f);
    if (!w) continue;
    known++;
    for (let i = 0; i < sum.length; i++) sum[i]! += w[i]!;
  }
  const scale = 1 / Math.max(1, known) ** (model.lengthPower ?? 0);
  for (let i = 0; i < out.length; i++) out[i]! += sum[i]! * scale;
  return out;
}

/**
 * The features that pushed one output up most, for explanations: for a binary label its log-odds, for a
 * class its log-likelihood against the best other class of its group.
 */
export function topFeatures(model: NbModel, features: Iterable<string>, output: number, n = 5): string[] {
  const name = model.outputs[output]!;
  const group = name.startsWith('c:') ? name.slice(0, name.lastIndexOf(':') + 1) : undefined;
  const rivals = group
    ? model.outputs.flatMap((o, i) => (o.startsWith(group) && i !== output ? [i] : []))
    : [];
  const scored: [string, number][] = [];
  for (const f of features) {
    const w = model.weights.get(f);
    if (!w) continue;
    const v = group ? w[output]! - Math.max(...rivals.map((r) => w[r]!)) : w[output]!;
    if (v > 0) scored.push([f, v]);
  }
  return scored
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([f]) => f);
}

/** JSON form: weights rounded to 4 decimals, features in one array. */
export function serializeNb(model: NbModel): unknown {
  const features = [...model.weights.keys()];
  return {
    lengthPower: model.lengthPower,
    outputs: model.outputs,
    bias: model.bias.map((x) => Math.round(x * 1e4) / 1e4),
    features,
    weights: features.map((f) => Array.from(model.weights.get(f)!, (x) => Math.round(x * 1e4) / 1e4)),
  };
}

export function deserializeNb(json: {
  outputs: string[];
  bias: number[];
  features: string[];
  weights: number[][];
  lengthPower?: number;
}): NbModel {
  const weights = new Map<string, Float64Array>();
  json.features.forEach((f, i) => {
    weights.set(f, Float64Array.from(json.weights[i]!));
  });
  return { outputs: json.outputs, bias: json.bias, weights, lengthPower: json.lengthPower };
}
