import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPUS_DIR, loadStats, readCorpus } from '../../classifiers/index.ts';
import { DEFAULT_MODEL_PATH } from '../../classifiers/model-file.ts';

const BIN = new URL('../../bin/diemtin.js', import.meta.url).pathname;
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync('node', [BIN, ...args], { encoding: 'utf8', timeout: 120_000, env: { ...process.env, ...env } });

describe('diemtin train and eval', () => {
  const dir = mkdtempSync(join(tmpdir(), 'diemtin-train-'));

  it('rebuilds the shipped model exactly from the corpus (the committed model is not stale)', () => {
    const out = join(dir, 'model.json');
    const r = run(['train', '--out', out]);
    expect(r.status, r.stderr).toBe(0);
    const shipped = loadStats(DEFAULT_MODEL_PATH);
    expect(r.stdout).toContain(`model ${shipped.version}`);
    expect(loadStats(out).version).toBe(shipped.version);
  }, 120_000);

  it('reports a bad training line with its file and line, and trains on the rest', () => {
    const { items } = readCorpus([CORPUS_DIR]);
    const file = join(dir, 'corrections.jsonl');
    const lines = items.slice(0, 80).map((i) => JSON.stringify(i));
    lines.splice(2, 0, '{"id": "broken", "text": 5}');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const r = run(['train', file, '--all', '--out', join(dir, 'small.json')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/corrections\.jsonl:3: .*\(line skipped\)/);
    expect(r.stdout).toMatch(/80 items/);
  }, 120_000);

  it('prints and writes per-label scores; the shipped model meets its goals on the test split', () => {
    const outDir = join(dir, 'eval');
    const r = run(['eval', '--split', 'test', '--out', outDir]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/education F1/);
    expect(r.stdout).toMatch(/gold \\ predicted/);
    const e = JSON.parse(readFileSync(join(outDir, 'eval.json'), 'utf8'));
    expect(e.split).toBe('test');
    expect(e.education.f1).toBeGreaterThanOrEqual(0.95);
    expect(e.scope.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(e.sentiment.macroF1).toBeGreaterThanOrEqual(0.8);
    expect(e.topics.microF1).toBeGreaterThanOrEqual(0.8);
    expect(e.risks.microF1).toBeGreaterThanOrEqual(0.8);
    expect(Object.keys(e.risks.perLabel)).toHaveLength(13);
  }, 120_000);

  it('names the model file when DIEMTIN_MODEL is missing or not a model', () => {
    const missing = run(['eval'], { DIEMTIN_MODEL: join(dir, 'nope.json') });
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.json/);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"format": "something else"}');
    const r = run(['eval'], { DIEMTIN_MODEL: bad });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/bad\.json is not a diemtin model/);
  });

  it('refuses an unknown split', () => {
    const r = run(['eval', '--split', 'everything']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--split must be/);
  });
});
