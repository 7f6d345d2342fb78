import { join } from 'node:path';
import { CORPUS_DIR, readCorpus, splitOf } from '../classifiers/corpus.ts';
import { evaluate, formatEvaluation } from '../classifiers/evaluate.ts';
import { buildModel, classify } from '../classifiers/index.ts';
import { trainStats } from '../classifiers/train.ts';
import { loadProvince } from '../config/index.ts';

const v = 'http://x';
const cfg = loadProvince(join('config/provinces/lao-cai'), {
  vars: {
    FIXTURE_TINLAOCAI: v,
    FIXTURE_GIAODUCHOMNAY: v,
    FIXTURE_THOIBAOVIET: v,
    FIXTURE_TAYBACMOI: v,
    FIXTURE_SOCIAL: v,
  },
});
const lex = buildModel(cfg);
const { items } = readCorpus([CORPUS_DIR]);
const by = (s: string) => items.filter((i) => splitOf(i.id) === s);
const t0 = performance.now();
const stats = trainStats(lex, process.env.ON === 'test' ? [...by('train'), ...by('dev')] : by('train'), {
  alpha: Number(process.env.ALPHA ?? 0.5),
  minCount: Number(process.env.MINC ?? 2),
  lengthPower: Number(process.env.LP ?? 0.5),
});
console.log('trained in', (performance.now() - t0).toFixed(0), 'ms; features', stats.nb.features.length);
const model = buildModel(cfg, stats);
const evalOn = process.env.ON ?? 'dev';
const set = by(evalOn);
const pred = set.map((i) => classify(model, { id: i.id, title: i.title, text: i.text, kind: i.kind }));
console.log(formatEvaluation(evaluate(set, pred), `nb on ${evalOn}`));
if (process.env.ERR)
  for (const [i, it] of set.entries()) {
    const p = pred[i]!;
    const l = it.labels;
    if (process.env.ERR === 'sent' && p.sentiment !== l.sentiment)
      console.log(it.id, l.sentiment, '→', p.sentiment, (it.title + ' ' + it.text).slice(0, 160));
    if (process.env.ERR === 'edu' && p.education !== l.education)
      console.log(it.id, l.education, '→', p.education, (it.title + ' ' + it.text).slice(0, 160));
  }
if (process.env.RISKDBG) {
  console.log(Object.entries(stats.thresholds).filter(([k]) => k.includes('risk')));
  const { scoreNb } = await import('../classifiers/nb.ts');
  for (const [i, it] of set.entries()) {
    if (it.labels.risks.length === 0 && pred[i]!.risks.length === 0) continue;
    console.log(
      it.id,
      'gold',
      it.labels.risks.join(','),
      'pred',
      pred[i]!.risks.join(','),
      JSON.stringify(pred[i]!.scores.risks),
    );
  }
}
