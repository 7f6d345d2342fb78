import type { NbModel, NbTrainingItem } from './nb.ts';

/**
 * A linear model trained discriminatively: logistic regression per binary label and a softmax per class
 * group (sentiment), fitted with FTRL-proximal (McMahan et al., "Ad Click Prediction: a View from the
 * Trenches", 2013): per-coordinate learning rates and an L1 penalty that sets uninformative weights to
 * exactly zero, so the shipped model keeps only features that matter. An item's input is its binary features
 * scaled by 1/(feature count)^lengthPower, which is how scoreRows reads the model: the same scoring code
 * serves this model and naive Bayes.
 */

export interface LinearOptions {
  /** Features seen in fewer items are dropped. */
  minCount?: number;
  epochs?: number;
  alpha?: number;
  beta?: number;
  l1?: number;
  l2?: number;
  lengthPower?: number;
}

interface Output {
  name: string;
  /** Binary: the label's key in item.binary. Class: the group and class. */
  label?: string;
  group?: string;
  cls?: string;
}

/** Trains the model; outputs are the binary labels and class groups present in the items. */
export function trainLinear(items: NbTrainingItem[], options: LinearOptions = {}): NbModel {
  const o = {
    // Chosen by cross-validation on the corpus (docs/classifiers.md).
    minCount: 2,
    epochs: 12,
    alpha: 1,
    beta: 1,
    l1: 0.5,
    l2: 0.5,
    lengthPower: 0.35,
    ...options,
  };
  const df = new Map<string, number>();
  for (const it of items) for (const f of new Set(it.features)) df.set(f, (df.get(f) ?? 0) + 1);
  // Most frequent features first: the rows an item reads most sit together in memory (fewer cache misses).
  const vocab = [...df.entries()]
    .filter(([, n]) => n >= o.minCount)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([f]) => f);
  const index = new Map(vocab.map((f, i) => [f, i]));
  const outputs = outputsOf(items);
  const K = outputs.length;
  // Coordinate state; the bias is one extra row (V) whose input is always 1.
  const V = vocab.length;
  const rows = V + 1;
  const z = new Float64Array(rows * K);
  const n = new Float64Array(rows * K);
  const weight = (c: number) => {
    const zc = z[c]!;
    const l1 = c >= V * K ? 0 : o.l1;
    if (Math.abs(zc) <= l1) return 0;
    return -(zc - Math.sign(zc) * l1) / ((o.beta + Math.sqrt(n[c]!)) / o.alpha + o.l2);
  };
  const encoded = items.map((it) => {
    const fs = [...new Set(it.features)].map((f) => index.get(f)).filter((i): i is number => i !== undefined);
    return { fs, x: 1 / Math.max(1, fs.length) ** o.lengthPower, it };
  });
  const groups = groupsOf(outputs);
  const score = new Float64Array(K);
  const grad = new Float64Array(K);
  const active = new Uint8Array(K);
  let ws = new Float64Array(0);
  const bias = V * K;
  // A fixed shuffle per epoch (seeded), so training is deterministic.
  let seed = 12345;
  const random = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const order = encoded.map((_, i) => i);
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const idx of order) {
      const { fs, x, it } = encoded[idx]!;
      for (let k = 0; k < K; k++) {
        const out = outputs[k]!;
        active[k] =
          out.label !== undefined ? Number(out.label in it.binary) : Number(out.group! in it.classes);
        score[k] = active[k] ? weight(bias + k) : 0;
      }
      // Current weights of the item's coordinates, computed once and reused by the update.
      if (ws.length < fs.length * K) ws = new Float64Array(fs.length * K * 2);
      for (let j = 0; j < fs.length; j++) {
        const base = fs[j]! * K;
        for (let k = 0; k < K; k++) {
          if (!active[k]) continue;
          const w = weight(base + k);
          ws[j * K + k] = w;
          score[k]! += w * x;
        }
      }
      for (let k = 0; k < K; k++) {
        const out = outputs[k]!;
        if (active[k] && out.label !== undefined)
          grad[k] = sigmoid(score[k]!) - (it.binary[out.label] ? 1 : 0);
      }
      for (const [group, ks] of groups) {
        if (!active[ks[0]!]) continue;
        const max = Math.max(...ks.map((k) => score[k]!));
        const exps = ks.map((k) => Math.exp(score[k]! - max));
        const total = exps.reduce((a, b) => a + b, 0);
        ks.forEach((k, j) => {
          grad[k] = exps[j]! / total - (it.classes[group] === outputs[k]!.cls ? 1 : 0);
        });
      }
      for (let k = 0; k < K; k++) if (active[k]) update(bias + k, grad[k]!, weight(bias + k));
      for (let j = 0; j < fs.length; j++) {
        const base = fs[j]! * K;
        for (let k = 0; k < K; k++) if (active[k]) update(base + k, grad[k]! * x, ws[j * K + k]!);
      }
    }
  }
  function update(c: number, g: number, w: number) {
    const before = n[c]!;
    const after = before + g * g;
    n[c] = after;
    z[c]! += g - ((Math.sqrt(after) - Math.sqrt(before)) / o.alpha) * w;
  }
  // Keep features with a non-zero weight somewhere.
  const kept: number[] = [];
  for (let f = 0; f < V; f++) {
    for (let k = 0; k < K; k++)
      if (weight(f * K + k) !== 0) {
        kept.push(f);
        break;
      }
  }
  const matrix = new Float32Array(kept.length * K);
  kept.forEach((f, r) => {
    for (let k = 0; k < K; k++) matrix[r * K + k] = weight(f * K + k);
  });
  const features = kept.map((f) => vocab[f]!);
  return {
    outputs: outputs.map((x) => x.name),
    bias: outputs.map((_, k) => weight(V * K + k)),
    features,
    index: new Map(features.map((f, i) => [f, i])),
    matrix,
    lengthPower: o.lengthPower,
  };
}

const sigmoid = (s: number) => 1 / (1 + Math.exp(-s));

/** Outputs named as naive Bayes names them ("b:<label>", "c:<group>:<class>"), in a stable order. */
function outputsOf(items: NbTrainingItem[]): Output[] {
  const binary = [...new Set(items.flatMap((it) => Object.keys(it.binary)))].sort();
  const classes = new Map<string, Set<string>>();
  for (const it of items)
    for (const [g, c] of Object.entries(it.classes)) classes.set(g, (classes.get(g) ?? new Set()).add(c));
  return [
    ...binary.map((label) => ({ name: `b:${label}`, label })),
    ...[...classes.entries()].flatMap(([group, cs]) =>
      [...cs].sort().map((cls) => ({ name: `c:${group}:${cls}`, group, cls })),
    ),
  ];
}

function groupsOf(outputs: Output[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  outputs.forEach((out, k) => {
    if (out.group !== undefined) groups.set(out.group, [...(groups.get(out.group) ?? []), k]);
  });
  return groups;
}

/**
 * The weighted sum of two models over the same outputs (scores are linear in the features, scaled the same
 * way, so a blend of naive Bayes and the linear model is itself one model: no extra work per item).
 */
export function blendModels(a: NbModel, wa: number, b: NbModel, wb: number): NbModel {
  if (a.outputs.join() !== b.outputs.join()) throw new Error('cannot blend models with different outputs');
  if ((a.lengthPower ?? 0) !== (b.lengthPower ?? 0))
    throw new Error('cannot blend models scaled differently');
  const K = a.outputs.length;
  const features = [...new Set([...a.features, ...b.features])];
  const matrix = new Float32Array(features.length * K);
  features.forEach((f, r) => {
    const ra = a.index.get(f);
    const rb = b.index.get(f);
    for (let k = 0; k < K; k++)
      matrix[r * K + k] =
        (ra === undefined ? 0 : wa * a.matrix[ra * K + k]!) +
        (rb === undefined ? 0 : wb * b.matrix[rb * K + k]!);
  });
  return {
    outputs: a.outputs,
    bias: a.bias.map((x, k) => wa * x + wb * b.bias[k]!),
    features,
    index: new Map(features.map((f, i) => [f, i])),
    matrix,
    lengthPower: a.lengthPower,
  };
}
