import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildModel,
  CORPUS_DIR,
  classify,
  DEFAULT_MODEL_PATH,
  evaluate,
  formatEvaluation,
  loadModel,
  readCorpus,
  type Split,
  saveStats,
  splitOf,
  trainStats,
} from '../../classifiers/index.ts';
import type { Env } from '../../config/index.ts';
import { provinceForClassifying } from './classify.ts';

function corpus(paths: string[], err: NodeJS.WritableStream) {
  const { items, problems } = readCorpus(paths.length > 0 ? paths : [CORPUS_DIR]);
  for (const p of problems) err.write(`${p.file}:${p.line}: ${p.message} (line skipped)\n`);
  return items;
}

/**
 * `diemtin train [FILES…] [--out FILE] [--all]`: trains the model from labeled JSON Lines (default: the
 * bundled corpus) on the train and dev splits (all items with --all), and writes it with its version.
 * `--learner`: the linear model (default), naive Bayes, or a blend of both.
 */
export async function trainCommand(
  env: Env,
  o: { paths: string[]; out?: string; all: boolean; learner?: string; corrections?: string },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  const learner = o.learner ?? 'linear';
  if (!['linear', 'nb', 'blend'].includes(learner))
    throw new Error(`--learner must be linear, nb or blend (got "${learner}")`);
  const items = corpus(o.paths, err);
  // The press officers' corrections (diemtin labels export) are all trained on: they are not in the test split.
  const corrected = o.corrections ? corpus([o.corrections], err) : [];
  const used = [...(o.all ? items : items.filter((i) => splitOf(i.id) !== 'test')), ...corrected];
  if (used.length < 50) throw new Error(`only ${used.length} labeled items: need at least 50 to train`);
  const t = performance.now();
  const stats = trainStats(buildModel(provinceForClassifying(env)), used, {
    learner: learner as 'linear' | 'nb' | 'blend',
  });
  const path =
    o.out ?? (env.DIEMTIN_MODEL && env.DIEMTIN_MODEL !== 'none' ? env.DIEMTIN_MODEL : DEFAULT_MODEL_PATH);
  saveStats(path, stats);
  out.write(
    `model ${stats.version}: ${used.length} items${o.all ? '' : ' (train and dev splits; test held out)'}${corrected.length ? ` with ${corrected.length} label corrections` : ''}, ${stats.nb.features.length} features, trained in ${((performance.now() - t) / 1000).toFixed(1)} s → ${path}\n`,
  );
  return 0;
}

/**
 * `diemtin eval [FILES…] [--split test|dev|train|all] [--out DIR]`: precision, recall and F1 per label,
 * micro and macro scores and the confusion of scope and sentiment, printed and written to DIR/eval.{txt,json}.
 */
export async function evalCommand(
  env: Env,
  o: { paths: string[]; split: string; outDir: string },
  out: NodeJS.WritableStream,
  err: NodeJS.WritableStream,
): Promise<number> {
  if (!['test', 'dev', 'train', 'all'].includes(o.split))
    throw new Error(`--split must be test, dev, train or all (got "${o.split}")`);
  const model = loadModel(provinceForClassifying(env), env.DIEMTIN_MODEL);
  const items = corpus(o.paths, err).filter((i) => o.split === 'all' || splitOf(i.id) === (o.split as Split));
  if (items.length === 0) throw new Error(`no labeled items in the ${o.split} split`);
  const predicted = items.map((i) =>
    classify(model, { id: i.id, title: i.title, text: i.text, kind: i.kind }),
  );
  const e = evaluate(items, predicted);
  const text = formatEvaluation(e, `model ${model.version}, ${o.split} split`);
  out.write(text);
  mkdirSync(o.outDir, { recursive: true });
  writeFileSync(join(o.outDir, 'eval.txt'), text);
  writeFileSync(
    join(o.outDir, 'eval.json'),
    `${JSON.stringify({ model: model.version, split: o.split, ...e }, null, 2)}\n`,
  );
  out.write(`written to ${join(o.outDir, 'eval.txt')} and eval.json\n`);
  return 0;
}
