export {
  buildModel,
  type Classification,
  ClassifyInput,
  classify,
  MAX_CHARS,
  MODEL_VERSION,
  type Model,
  Scope,
  SentimentLabel,
  type TrainedStats,
} from './classify.ts';
export { CORPUS_DIR, LabeledItem, readCorpus, type Split, splitOf } from './corpus.ts';
export { type Evaluation, evaluate, formatEvaluation } from './evaluate.ts';
export { buildGazetteer, type Gazetteer, type PlaceMatch } from './gazetteer.ts';
export { DEFAULT_MODEL_PATH, loadStats, saveStats } from './model-file.ts';
export { deserializeNb, scoreNb, serializeNb, trainNb } from './nb.ts';
export {
  BOUNDARY,
  diacriticRatio,
  expandAbbreviations,
  fold,
  normalizeText,
  normalizeTokens,
  tokenize,
  words,
} from './normalize.ts';
export { ClassifierPool, type PoolLine, type PoolResult } from './pool.ts';
export { trainStats } from './train.ts';

import type { ProvinceConfig } from '../config/index.ts';
import { buildModel, type Model } from './classify.ts';
import { DEFAULT_MODEL_PATH, loadStats } from './model-file.ts';

/** The province's lexicons with the trained model at `path` (empty: the shipped one; "none": lexicons only). */
export function loadModel(config: ProvinceConfig, path = ''): Model {
  if (path === 'none') return buildModel(config);
  return buildModel(config, loadStats(path || DEFAULT_MODEL_PATH));
}
