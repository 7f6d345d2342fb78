export { type Env, EnvSchema, loadEnv } from './env.ts';
export { ConfigError, type ConfigProblem, type LoadOptions, loadProvince, readYaml } from './load.ts';
export { createLogger, type Logger } from './logger.ts';
export { parseDuration } from './schema/common.ts';
export type { Education, Risk, Sentiment, Topic } from './schema/lexicon.ts';
export {
  type Department,
  type Person,
  PersonSchema,
  Role,
  type RoutingRule,
} from './schema/organisation.ts';
export type { SocialProfile } from './schema/profiles.ts';
export {
  type IncidentSettings,
  Level,
  type ProvinceInfo,
  type RuleSetId,
} from './schema/province.ts';
export { type Source, type SourceKind, SourceSchema } from './schema/sources.ts';
export type { ProvinceConfig } from './types.ts';
