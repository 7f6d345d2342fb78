import type { LabeledItem } from './corpus.ts';

export interface Predicted {
  education: boolean;
  scope: string;
  topics: string[];
  sentiment: string;
  risks: string[];
}

export interface Prf {
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Evaluation {
  items: number;
  education: Prf;
  scope: { accuracy: number; confusion: Record<string, Record<string, number>> };
  sentiment: {
    accuracy: number;
    macroF1: number;
    perLabel: Record<string, Prf>;
    confusion: Record<string, Record<string, number>>;
  };
  topics: { microF1: number; macroF1: number; perLabel: Record<string, Prf> };
  risks: { microF1: number; macroF1: number; perLabel: Record<string, Prf> };
}

const prf = (tp: number, fp: number, fn: number): Prf => {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1, support: tp + fn };
};

function multiLabel(gold: string[][], pred: string[][]) {
  const labels = [...new Set([...gold.flat(), ...pred.flat()])].sort();
  const counts = new Map(labels.map((l) => [l, { tp: 0, fp: 0, fn: 0 }]));
  gold.forEach((g, i) => {
    const p = new Set(pred[i]);
    for (const l of g) p.has(l) ? counts.get(l)!.tp++ : counts.get(l)!.fn++;
    for (const l of p) if (!g.includes(l)) counts.get(l)!.fp++;
  });
  const perLabel = Object.fromEntries(
    labels.map((l) => [l, prf(counts.get(l)!.tp, counts.get(l)!.fp, counts.get(l)!.fn)]),
  );
  const sum = [...counts.values()].reduce((a, c) => ({ tp: a.tp + c.tp, fp: a.fp + c.fp, fn: a.fn + c.fn }), {
    tp: 0,
    fp: 0,
    fn: 0,
  });
  const withSupport = Object.values(perLabel).filter((x) => x.support > 0);
  return {
    microF1: prf(sum.tp, sum.fp, sum.fn).f1,
    macroF1: withSupport.reduce((a, x) => a + x.f1, 0) / Math.max(1, withSupport.length),
    perLabel,
  };
}

function confusion(gold: string[], pred: string[]) {
  const out: Record<string, Record<string, number>> = {};
  gold.forEach((g, i) => {
    out[g] ??= {};
    out[g][pred[i]!] = (out[g][pred[i]!] ?? 0) + 1;
  });
  return out;
}

/** Precision, recall and F1 per label, micro and macro scores, and the confusion of scope and sentiment. */
export function evaluate(items: LabeledItem[], predicted: Predicted[]): Evaluation {
  const g = items.map((i) => i.labels);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  g.forEach((l, i) => {
    const p = predicted[i]!.education;
    if (l.education && p) tp++;
    else if (!l.education && p) fp++;
    else if (l.education && !p) fn++;
  });
  const acc = (a: string[], b: string[]) => a.filter((x, i) => x === b[i]).length / Math.max(1, a.length);
  const scopeGold = g.map((l) => l.scope);
  const scopePred = predicted.map((p) => p.scope);
  const sentGold = g.map((l) => l.sentiment);
  const sentPred = predicted.map((p) => p.sentiment);
  const sentLabels = multiLabel(
    sentGold.map((x) => [x]),
    sentPred.map((x) => [x]),
  );
  return {
    items: items.length,
    education: prf(tp, fp, fn),
    scope: { accuracy: acc(scopeGold, scopePred), confusion: confusion(scopeGold, scopePred) },
    sentiment: {
      accuracy: acc(sentGold, sentPred),
      macroF1: sentLabels.macroF1,
      perLabel: sentLabels.perLabel,
      confusion: confusion(sentGold, sentPred),
    },
    topics: multiLabel(
      g.map((l) => l.topics),
      predicted.map((p) => p.topics),
    ),
    risks: multiLabel(
      g.map((l) => l.risks),
      predicted.map((p) => p.risks),
    ),
  };
}

const pct = (x: number) => x.toFixed(3);

/** The evaluation as a plain-text report (what `npm run eval` prints). */
export function formatEvaluation(e: Evaluation, title: string): string {
  const table = (per: Record<string, Prf>) =>
    Object.entries(per)
      .map(
        ([l, x]) =>
          `    ${l.padEnd(24)} P ${pct(x.precision)}  R ${pct(x.recall)}  F1 ${pct(x.f1)}  (${x.support})`,
      )
      .join('\n');
  const conf = (c: Record<string, Record<string, number>>) => {
    const labels = [
      ...new Set([...Object.keys(c), ...Object.values(c).flatMap((r) => Object.keys(r))]),
    ].sort();
    return [
      `    ${'gold \\ predicted'.padEnd(18)}${labels.map((l) => l.padStart(16)).join('')}`,
      ...labels.map(
        (g) => `    ${g.padEnd(18)}${labels.map((p) => String(c[g]?.[p] ?? 0).padStart(16)).join('')}`,
      ),
    ].join('\n');
  };
  const goal = (x: number, min: number) =>
    `${pct(x)} (goal ≥ ${min.toFixed(2)}${x >= min ? ', met' : ', NOT met'})`;
  return `${title} — ${e.items} items
  education F1 ${goal(e.education.f1, 0.95)}  P ${pct(e.education.precision)} R ${pct(e.education.recall)}
  scope accuracy ${goal(e.scope.accuracy, 0.9)}
${conf(e.scope.confusion)}
  topic lines micro-F1 ${goal(e.topics.microF1, 0.8)}, macro-F1 ${pct(e.topics.macroF1)}
${table(e.topics.perLabel)}
  sentiment macro-F1 ${goal(e.sentiment.macroF1, 0.8)}, accuracy ${pct(e.sentiment.accuracy)}
${table(e.sentiment.perLabel)}
${conf(e.sentiment.confusion)}
  risks micro-F1 ${goal(e.risks.microF1, 0.8)}, macro-F1 ${pct(e.risks.macroF1)}
${table(e.risks.perLabel)}
`;
}
