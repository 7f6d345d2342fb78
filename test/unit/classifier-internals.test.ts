import { describe, expect, it } from 'vitest';
import { analyseText, lexiconFindings } from '../../classifiers/classify.ts';
import { collectRows, featureNames } from '../../classifiers/features.ts';
import {
  CORPUS_DIR,
  loadModel,
  normalizeTokens,
  readCorpus,
  scoreNb,
  tokenize,
} from '../../classifiers/index.ts';
import { blendModels, trainLinear } from '../../classifiers/linear.ts';
import { expandAbbreviations, fold } from '../../classifiers/normalize.ts';
import { fixtureConfig } from '../helpers/factories.ts';

const model = loadModel(fixtureConfig());
const { items } = readCorpus([CORPUS_DIR]);
const sample = items.filter((_, i) => i % 7 === 0);

describe('the fast paths give what the plain ones give', () => {
  it('normalizeTokens = tokenize, then expandAbbreviations, then fold', () => {
    for (const it of [...sample, { text: 'GD&ĐT, trường MN, mn ơi, ko dc 😀 x𝒜y ½ THPT' }]) {
      const n = normalizeTokens(it.text);
      const tokens = expandAbbreviations(tokenize(it.text));
      expect(n.tokens).toEqual(tokens);
      expect(n.folded).toEqual(tokens.map(fold));
    }
  });

  it('collectRows finds the rows of featureNames, and scores them as scoreNb does', () => {
    const nb = model.stats!.nb;
    for (const it of sample) {
      const a = analyseText(model, it);
      const findings = lexiconFindings(model, a);
      const fast = collectRows(a, findings, nb);
      const plain = scoreNb(nb, featureNames(a, findings));
      expect([...fast.rows].sort((x, y) => x - y)).toEqual([...plain.rows].sort((x, y) => x - y));
      for (const [k, s] of plain.scores.entries()) expect(fast.scores[k]).toBeCloseTo(s, 4);
    }
  });

  it('shows a feature row as the words of the text that gave it', () => {
    const a = analyseText(model, { id: 'x', text: 'Học sinh bị ngộ độc thực phẩm sau bữa trưa bán trú.' });
    const rows = collectRows(a, lexiconFindings(model, a), model.stats!.nb);
    const shown = rows.rows.map(rows.surface);
    expect(shown).toContain('ngộ độc');
    expect(shown.every((s) => typeof s === 'string')).toBe(true);
  });
});

describe('linear model', () => {
  const toy = [
    { features: ['hoc', 'sinh', 'truong'], binary: { edu: true }, classes: { s: 'pos' } },
    { features: ['hoc', 'truong', 'thi'], binary: { edu: true }, classes: { s: 'pos' } },
    { features: ['gia', 'vang', 'tang'], binary: { edu: false }, classes: { s: 'neg' } },
    { features: ['gia', 'dat', 'tang'], binary: { edu: false }, classes: { s: 'neg' } },
  ];
  it('separates what it was shown, and drops what never matters', () => {
    const m = trainLinear(toy, { minCount: 1, epochs: 30, l1: 0.05 });
    const edu = m.outputs.indexOf('b:edu');
    const pos = m.outputs.indexOf('c:s:pos');
    const neg = m.outputs.indexOf('c:s:neg');
    const sHoc = scoreNb(m, ['hoc', 'truong']).scores;
    const sGia = scoreNb(m, ['gia', 'tang']).scores;
    expect(sHoc[edu]).toBeGreaterThan(0);
    expect(sGia[edu]).toBeLessThan(0);
    expect(sHoc[pos]).toBeGreaterThan(sHoc[neg]!);
    expect(sGia[neg]).toBeGreaterThan(sGia[pos]!);
    // Trained twice, the same weights: training is deterministic.
    expect([...trainLinear(toy, { minCount: 1, epochs: 30, l1: 0.05 }).matrix]).toEqual([...m.matrix]);
  });
  it('blends two models into one whose score is the weighted sum', () => {
    const a = trainLinear(toy, { minCount: 1 });
    const b = trainLinear(toy, { minCount: 1, alpha: 1 });
    const blend = blendModels(a, 0.5, b, 2);
    const f = ['hoc', 'thi', 'gia'];
    const [sa, sb, s] = [a, b, blend].map((m) => scoreNb(m, f).scores);
    for (const [k, x] of s!.entries()) expect(x).toBeCloseTo(0.5 * sa![k]! + 2 * sb![k]!, 4);
  });
});
