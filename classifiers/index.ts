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
} from './classify.ts';
export { buildGazetteer, type Gazetteer, type PlaceMatch } from './gazetteer.ts';
export { BOUNDARY, diacriticRatio, fold, normalizeText, tokenize, words } from './normalize.ts';
