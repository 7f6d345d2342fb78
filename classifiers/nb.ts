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
  /** Feature names; feature i's weights are matrix[i·K … i·K+K) for K outputs. */
  features: string[];
  index: Map<string, number>;
  matrix: Float32Array;
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
  const K = outputs.length;
  const matrix = new Float32Array(V * K);
  vocab.forEach((_, fi) => {
    outputs.forEach((o, oi) => {
      matrix[fi * K + oi] = o.startsWith('b:')
        ? logp(sideIndex.get(`${o}:1`)!, fi) - logp(sideIndex.get(`${o}:0`)!, fi)
        : logp(sideIndex.get(o)!, fi);
    });
  });
  return { outputs, bias, features: vocab, index, matrix, lengthPower: options.lengthPower ?? 0.5 };
}

export interface NbScores {
  scores: Float64Array;
  /** Rows of the item's known features, for explanations. */
  rows: number[];
}

/**
 * Scores of an item's features per output (unknown features count for nothing). The evidence is divided by
 * (known features)^lengthPower: naive Bayes counts every word of a long article as independent evidence and
 * grows overconfident with length; this keeps one decision threshold right for a tweet and for a report.
 */
export function scoreNb(model: NbModel, features: Iterable<string>): NbScores {
  const rows: number[] = [];
  const seen = new Set<number>();
  for (const f of features) {
    const row = model.index.get(f);
    if (row === undefined || seen.has(row)) continue;
    seen.add(row);
    rows.push(row);
  }
  return { scores: scoreRows(model, rows), rows };
}

/** Scores of distinct known feature rows (see scoreNb). */
export function scoreRows(model: NbModel, rows: number[]): Float64Array {
  const K = model.outputs.length;
  const sum = new Float64Array(K);
  const m = model.matrix;
  for (const row of rows) {
    const base = row * K;
    for (let i = 0; i < K; i++) sum[i]! += m[base + i]!;
  }
  const scale = 1 / Math.max(1, rows.length) ** (model.lengthPower ?? 0);
  const scores = Float64Array.from(model.bias);
  for (let i = 0; i < K; i++) scores[i]! += sum[i]! * scale;
  return scores;
}

const pairIndexes = new WeakMap<NbModel, Map<string, Map<string, number>>>();
/** Rows of word-pair features ("a b") by first then second word: looked up without building the pair string. */
export function pairIndex(model: NbModel): Map<string, Map<string, number>> {
  let pairs = pairIndexes.get(model);
  if (!pairs) {
    pairs = new Map();
    model.features.forEach((f, row) => {
      const space = f.indexOf(' ');
      if (space < 0) return;
      const first = f.slice(0, space);
      const inner = pairs!.get(first) ?? new Map<string, number>();
      inner.set(f.slice(space + 1), row);
      pairs!.set(first, inner);
    });
    pairIndexes.set(model, pairs);
  }
  return pairs;
}

/**
 * The features that pushed one output up most, for explanations: for a binary label its log-odds, for a
 * class its log-likelihood against the best other class of its group.
 */
export function topFeatures(model: NbModel, rows: number[], output: number, n = 5): number[] {
  return topFeaturesOf(model, rows, [output], n).get(output) ?? [];
}

/** topFeatures for several outputs in one pass over the item's rows (only their non-zero weights). */
export function topFeaturesOf(
  model: NbModel,
  rows: number[],
  outputs: number[],
  n = 5,
): Map<number, number[]> {
  const { memberGroup, groupSize } = outputGroups(model);
  // For each output: -1 if not wanted, else its group id (0 for a binary label, g+1 for class group g).
  const groupOf = new Int32Array(model.outputs.length).fill(-1);
  for (const o of outputs) groupOf[o] = memberGroup[o]!;
  const wantedClasses = outputs.filter((o) => memberGroup[o]! > 0);
  const tops: { row: number; v: number }[][] = [];
  for (const o of outputs) tops[o] = [];
  const offer = (o: number, row: number, v: number) => {
    const top = tops[o]!;
    if (v <= 0 || (top.length === n && v <= top[n - 1]!.v)) return;
    let at = top.length;
    while (at > 0 && top[at - 1]!.v < v) at--;
    top.splice(at, 0, { row, v });
    if (top.length > n) top.pop();
  };
  const { start, col, val } = sparseRows(model);
  for (const row of rows) {
    const a = start[row]!;
    const b = start[row + 1]!;
    for (let p = a; p < b; p++) if (groupOf[col[p]!] === 0) offer(col[p]!, row, val[p]!);
    for (const o of wantedClasses) {
      // Against the best rival class: weights absent from the sparse row are 0.
      const g = memberGroup[o]!;
      let own = 0;
      let best = Number.NEGATIVE_INFINITY;
      let members = 0;
      for (let p = a; p < b; p++) {
        const k = col[p]!;
        if (memberGroup[k] !== g) continue;
        members++;
        if (k === o) own = val[p]!;
        else best = Math.max(best, val[p]!);
      }
      if (members === 0) continue;
      const rivals = groupSize[g]! - 1;
      if (members - (own !== 0 ? 1 : 0) < rivals) best = Math.max(best, 0);
      offer(o, row, own - best);
    }
  }
  return new Map(outputs.map((o) => [o, tops[o]!.map((t) => t.row)]));
}

const groupsByModel = new WeakMap<NbModel, { memberGroup: Int32Array; groupSize: Int32Array }>();

/** Each output's group (0 for a binary label, g+1 for class group g) and each group's size, once per model. */
function outputGroups(model: NbModel): { memberGroup: Int32Array; groupSize: Int32Array } {
  let known = groupsByModel.get(model);
  if (known) return known;
  const groups = new Map<string, number>();
  const memberGroup = new Int32Array(model.outputs.length);
  model.outputs.forEach((o, k) => {
    const key = o.startsWith('c:') ? o.slice(0, o.lastIndexOf(':') + 1) : '';
    if (key !== '' && !groups.has(key)) groups.set(key, groups.size + 1);
    memberGroup[k] = key === '' ? 0 : groups.get(key)!;
  });
  const groupSize = new Int32Array(groups.size + 1);
  for (const g of memberGroup) groupSize[g]!++;
  known = { memberGroup, groupSize };
  groupsByModel.set(model, known);
  return known;
}

/** The model's non-zero weights by row (compressed sparse rows): a discriminative model is mostly zeros. */
export interface SparseRows {
  /** Row r's weights are at start[r] … start[r+1]. */
  start: Int32Array;
  /** Output of each weight, ascending within a row. */
  col: Uint16Array;
  val: Float32Array;
}

const sparse = new WeakMap<NbModel, SparseRows>();
export function sparseRows(model: NbModel): SparseRows {
  let s = sparse.get(model);
  if (!s) {
    const K = model.outputs.length;
    const V = model.features.length;
    const m = model.matrix;
    let nnz = 0;
    for (let i = 0; i < V * K; i++) if (m[i] !== 0) nnz++;
    s = { start: new Int32Array(V + 1), col: new Uint16Array(nnz), val: new Float32Array(nnz) };
    let p = 0;
    for (let r = 0; r < V; r++) {
      s.start[r] = p;
      for (let k = 0; k < K; k++) {
        const w = m[r * K + k]!;
        if (w === 0) continue;
        s.col[p] = k;
        s.val[p] = w;
        p++;
      }
    }
    s.start[V] = p;
    sparse.set(model, s);
  }
  return s;
}

/** JSON form: weights rounded to 4 decimals, features in one array. */
export function serializeNb(model: NbModel): unknown {
  const K = model.outputs.length;
  return {
    lengthPower: model.lengthPower,
    outputs: model.outputs,
    bias: model.bias.map((x) => Math.round(x * 1e4) / 1e4),
    features: model.features,
    weights: model.features.map((_, i) =>
      Array.from(model.matrix.subarray(i * K, i * K + K), (x) => Math.round(x * 1e4) / 1e4),
    ),
  };
}

export function deserializeNb(json: {
  outputs: string[];
  bias: number[];
  features: string[];
  weights: number[][];
  lengthPower?: number;
}): NbModel {
  const K = json.outputs.length;
  const matrix = new Float32Array(json.features.length * K);
  json.weights.forEach((w, i) => {
    matrix.set(w, i * K);
  });
  return {
    outputs: json.outputs,
    bias: json.bias,
    features: json.features,
    index: new Map(json.features.map((f, i) => [f, i])),
    matrix,
    lengthPower: json.lengthPower,
  };
}
