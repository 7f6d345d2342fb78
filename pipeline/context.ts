import type { Transport } from '../alerts/index.ts';
import type { Model } from '../classifiers/index.ts';
import type { Env, Logger, ProvinceConfig } from '../config/index.ts';
import type { Store } from '../store/index.ts';
import type { Queues } from './queue.ts';

/** What every stage shell may use; stage cores stay pure. */
export interface PipelineContext {
  store: Store;
  config: ProvinceConfig;
  env: Env;
  model: Model;
  queues: Queues;
  transport: Transport;
  log: Logger;
  now: () => Date;
  /** False when Chromium is missing: social sources are skipped, with a warning. */
  browser: boolean;
  /** Seconds between requests to one host (1 s for real sources; 0 for local fixtures). */
  hostDelaySecs: number;
  /** Stages this process works (set by startWorkers): a fetched page is extracted where it was fetched. */
  working?: ReadonlySet<string>;
}
