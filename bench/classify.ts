/**
 * npm run bench:classify — classifies 50,000 news-length items in one process with the shipped model, and
 * prints items per second beside a baseline measured in the same run: reading the same items and only
 * normalising them (NFC, tone placement, tokens, accent-free shadow). Two ways: on the main thread alone,
 * and on the process's classifier pool (one thread per core, each result as its JSON line: what `diemtin
 * classify` does with long input).
 * Also the model's load time. Env: BENCH_ITEMS (50000), BENCH_ROUNDS (3).
 */
import { availableParallelism } from 'node:os';
import {
  ClassifierPool,
  CORPUS_DIR,
  classify,
  DEFAULT_MODEL_PATH,
  fold,
  loadModel,
  readCorpus,
  tokenize,
} from '../classifiers/index.ts';
import { provinceForClassifying } from '../cli/commands/classify.ts';
import { loadEnv } from '../config/index.ts';

const ITEMS = Number(process.env.BENCH_ITEMS ?? 50_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const config = provinceForClassifying(loadEnv({}, { DIEMTIN_PROVINCE: 'lao-cai' }));
const loads: number[] = [];
for (let i = 0; i < 5; i++) {
  const t = performance.now();
  loadModel(config);
  loads.push(performance.now() - t);
}
const model = loadModel(config);

// News-length items: the corpus's news items, each lengthened to a lead plus several paragraphs by joining
// neighbours, varied by index so no two inputs are the same string.
const { items } = readCorpus([CORPUS_DIR]);
const news = items.filter((i) => i.kind === 'news');
const inputs = Array.from({ length: ITEMS }, (_, i) => {
  const a = news[i % news.length]!;
  const b = news[(i * 7 + 3) % news.length]!;
  const c = news[(i * 13 + 5) % news.length]!;
  return {
    id: String(i),
    title: a.title,
    text: `${a.text}\n${b.text}\n${c.text}\nCập nhật lần ${i}.`,
    kind: 'news' as const,
  };
});
const chars = inputs.reduce((s, x) => s + x.title.length + x.text.length, 0) / inputs.length;

const threads = availableParallelism();
const pool = await ClassifierPool.open(config, '', threads);
const baseline: number[] = [];
const ours: number[] = [];
const pooled: number[] = [];
let sink = 0;
for (let r = 0; r < ROUNDS; r++) {
  let t = performance.now();
  for (const x of inputs) sink += tokenize(`${x.title}\n${x.text}`).map(fold).length;
  baseline.push(ITEMS / ((performance.now() - t) / 1000));
  t = performance.now();
  for (const x of inputs) sink += classify(model, x).topics.length;
  ours.push(ITEMS / ((performance.now() - t) / 1000));
  t = performance.now();
  for (const x of await pool.classifyMany(inputs, undefined, true))
    sink += typeof x === 'string' ? x.length : 0;
  pooled.push(ITEMS / ((performance.now() - t) / 1000));
  console.log(
    `round ${r + 1}: classify ${pooled[r]!.toFixed(0)} items/s on ${threads} threads, ${ours[r]!.toFixed(0)} on one, normalise only ${baseline[r]!.toFixed(0)}`,
  );
}
await pool.close();
console.log(`
bench:classify — ${ITEMS} news items (mean ${chars.toFixed(0)} characters), model ${model.version} (${DEFAULT_MODEL_PATH.split('/').slice(-3).join('/')}), ${ROUNDS} rounds, medians (checksum ${sink % 997})
  classify, the process (${threads} threads):                 ${median(pooled).toFixed(0)} items/s (goal ≥ 3000)
  classify, one thread:                                     ${median(ours).toFixed(0)} items/s
  baseline, read and normalise only (one thread):           ${median(baseline).toFixed(0)} items/s
  ratio classify / normalise, one thread:                   ${(median(ours) / median(baseline)).toFixed(2)}
  model load (lexicons + gazetteer + trained weights):      ${median(loads).toFixed(0)} ms (goal < 1000 ms)`);
