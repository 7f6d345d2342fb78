import { createHash } from 'node:crypto';
import { analyseText, lexiconFindings, type Model, type TrainedStats } from './classify.ts';
import type { LabeledItem } from './corpus.ts';
import { featureNames } from './features.ts';
import { blendModels, type LinearOptions, trainLinear } from './linear.ts';
import { type NbModel, type NbTrainingItem, scoreNb, serializeNb, trainNb } from './nb.ts';

/** A labeled item as the model's training example. */
export function trainingItem(model: Model, item: LabeledItem): NbTrainingItem {
  const a = analyseText(model, { id: item.id, title: item.title, text: item.text, kind: item.kind });
  const features = featureNames(a, lexiconFindings(model, a));
  const l = item.labels;
  const binary: Record<string, boolean> = { education: l.education };
  // Topic lines and risks are learned from education items only (the model decides education first).
  if (l.education) {
    for (const t of model.topics) binary[`topic:${t.id}`] = l.topics.includes(t.id);
    for (const r of model.risks) binary[`risk:${r.id}`] = l.risks.includes(r.id);
  }
  return {
    features,
    binary,
    classes: l.education ? { sentiment: l.sentiment } : {},
  };
}

/**
 * The decision threshold of each binary output that gives the best F1 on held-out scores (labels with fewer
 * than five positive examples keep 0, the naive Bayes decision).
 */
function tuneThresholds(
  outputs: string[],
  items: NbTrainingItem[],
  scores: Float64Array[],
): Record<string, number> {
  const out: Record<string, number> = {};
  outputs.forEach((o, oi) => {
    if (!o.startsWith('b:')) return;
    const label = o.slice(2);
    const rows = items.flatMap((d, i) =>
      label in d.binary ? [{ y: d.binary[label]!, s: scores[i]![oi]! }] : [],
    );
    if (rows.filter((r) => r.y).length < 5) return;
    let best = { t: 0, f1: -1 };
    for (let t = -6; t <= 6; t += 0.25) {
      let tp = 0;
      let fp = 0;
      let fn = 0;
      for (const r of rows) {
        if (r.s >= t && r.y) tp++;
        else if (r.s >= t) fp++;
        else if (r.y) fn++;
      }
      const f1 = tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
      if (f1 > best.f1 + 1e-9 || (Math.abs(f1 - best.f1) < 1e-9 && Math.abs(t) < Math.abs(best.t)))
        best = { t, f1 };
    }
    out[o] = best.t;
  });
  return out;
}

export interface TrainOptions {
  alpha?: number;
  minCount?: number;
  lengthPower?: number;
  now?: Date;
  /** Cross-validation folds for tuning thresholds (default 5). */
  folds?: number;
  /** The discriminative linear model (linear.ts, the default), naive Bayes, or a blend of both. */
  learner?: 'nb' | 'linear' | 'blend';
  linear?: LinearOptions;
  /** Weight of naive Bayes in a blend (the linear model gets 1). */
  nbWeight?: number;
}

/**
 * Trains the statistical layer on labeled items: decision thresholds are tuned on out-of-fold scores
 * (k-fold cross-validation, so every item is scored by a model that did not see it), then the shipped model
 * is trained on all items. The version is a hash of the model. Also returns the out-of-fold scores' items,
 * for a cross-validated estimate.
 */
export function trainStats(model: Model, items: LabeledItem[], options: TrainOptions = {}): TrainedStats {
  const base = { ...model, stats: undefined };
  const examples = items.map((i) => trainingItem(base, i));
  const nbOptions = { alpha: options.alpha, minCount: options.minCount, lengthPower: options.lengthPower };
  const learn = (train: NbTrainingItem[]): NbModel =>
    options.learner === 'nb'
      ? trainNb(train, nbOptions)
      : options.learner === 'blend'
        ? blendModels(
            trainNb(train, nbOptions),
            options.nbWeight ?? 0.1,
            trainLinear(train, options.linear),
            1,
          )
        : trainLinear(train, options.linear);
  const folds = options.folds ?? 5;
  const foldOf = (i: number) => i % folds;
  const scores: Float64Array[] = new Array(examples.length);
  let outputs: string[] = [];
  for (let k = 0; k < folds; k++) {
    const nb = learn(examples.filter((_, i) => foldOf(i) !== k));
    outputs = nb.outputs;
    examples.forEach((e, i) => {
      if (foldOf(i) === k) scores[i] = scoreNb(nb, e.features).scores;
    });
  }
  const nb = learn(examples);
  // Outputs of the fold models and the final one agree when every label occurs in every fold.
  const thresholds = outputs.join() === nb.outputs.join() ? tuneThresholds(nb.outputs, examples, scores) : {};
  const hash = createHash('sha1')
    .update(JSON.stringify(serializeNb(nb)))
    .update(JSON.stringify(thresholds))
    .digest('hex')
    .slice(0, 10);
  return {
    version: `${options.learner ?? 'linear'}-${hash}`,
    trainedAt: (options.now ?? new Date()).toISOString(),
    items: items.length,
    nb,
    thresholds,
  };
}
