import { parentPort, workerData } from 'node:worker_threads';
import type { ProvinceConfig } from '../config/index.ts';
import { buildModel, type ClassifyInput, classify } from './classify.ts';
import { loadStats } from './model-file.ts';

/** A pool thread: builds the model once, then classifies each batch it is sent (see pool.ts). */
const { config, modelPath } = workerData as { config: ProvinceConfig; modelPath: string };
const model = buildModel(config, modelPath === 'none' ? undefined : loadStats(modelPath));
parentPort!.postMessage({ ready: true, version: model.version });
parentPort!.on('message', (batch: { seq: number; items: ClassifyInput[]; json: boolean }) => {
  const results = batch.items.map((item) => {
    try {
      const c = classify(model, item);
      // As a JSON line: cheaper to pass between threads than the object, and what `diemtin classify` prints.
      return batch.json ? JSON.stringify(c) : c;
    } catch (err) {
      return { id: String(item.id), error: (err as Error).message };
    }
  });
  parentPort!.postMessage({ seq: batch.seq, results });
});
