import { describe, expect, it } from 'vitest';
import { ClassifierPool, CORPUS_DIR, classify, loadModel, readCorpus } from '../../classifiers/index.ts';
import { fixtureConfig } from '../helpers/factories.ts';

describe('classifier pool', () => {
  it('gives, on its threads, what classify gives on this one, in the items’ order', async () => {
    const config = fixtureConfig();
    const model = loadModel(config);
    const items = readCorpus([CORPUS_DIR])
      .items.filter((_, i) => i % 11 === 0)
      .map((i) => ({ id: i.id, title: i.title, text: i.text, kind: i.kind }));
    const pool = await ClassifierPool.open(config, '', 2);
    try {
      expect(pool.version).toBe(model.version);
      const results = await pool.classifyMany([...items, { id: 'bad', kind: 'tweet' } as never], 37);
      expect(results.slice(0, -1)).toEqual(items.map((i) => classify(model, i)));
      expect(results.at(-1)).toMatchObject({ id: 'bad', error: expect.stringMatching(/kind/) });
    } finally {
      await pool.close();
      await pool.close();
    }
    await expect(pool.classifyMany(items)).rejects.toThrow(/closed/);
  }, 60_000);

  it('names the model file when a thread cannot load it', async () => {
    await expect(ClassifierPool.open(fixtureConfig(), '/nonexistent/model.json', 1)).rejects.toThrow(
      /nonexistent\/model\.json/,
    );
  }, 60_000);
});
