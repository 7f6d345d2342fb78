import { describe, expect, it } from 'vitest';
import {
  CORPUS_DIR,
  classify,
  deserializeNb,
  expandAbbreviations,
  loadModel,
  readCorpus,
  scoreNb,
  serializeNb,
  splitOf,
  tokenize,
  trainNb,
} from '../../classifiers/index.ts';
import { fixtureConfig } from '../helpers/factories.ts';

const model = loadModel(fixtureConfig());

describe('abbreviations and chat spellings', () => {
  const expand = (s: string) => expandAbbreviations(tokenize(s)).join(' ');
  it('expands the sector’s abbreviations and chat spellings', () => {
    expect(expand('Sở GD&ĐT yêu cầu hs và gv')).toBe('sở giáo dục và đào tạo yêu cầu học sinh và giáo viên');
    expect(expand('ko dc đi hoc')).toBe('không được đi hoc');
    expect(expand('THPT và THCS')).toBe('trung học phổ thông và trung học cơ sở');
  });
  it('reads MN as a preschool after a school word and as "everyone" in chat', () => {
    expect(expand('trường MN Hoa Sen')).toBe('trường mầm non hoa sen');
    expect(expand('mn ơi cho hỏi')).toBe('mọi người ơi cho hỏi');
  });
});

describe('naive Bayes', () => {
  const items = [
    { features: ['hoc', 'sinh', 'truong'], binary: { edu: true }, classes: { s: 'pos' } },
    { features: ['hoc', 'truong', 'thi'], binary: { edu: true }, classes: { s: 'pos' } },
    { features: ['gia', 'vang', 'tang'], binary: { edu: false }, classes: { s: 'neg' } },
    { features: ['gia', 'dat', 'tang'], binary: { edu: false }, classes: { s: 'neg' } },
  ];
  it('learns from features and survives a JSON round trip with the same scores', () => {
    const nb = trainNb(items, { minCount: 1 });
    const edu = nb.outputs.indexOf('b:edu');
    expect(scoreNb(nb, ['hoc', 'truong']).scores[edu]).toBeGreaterThan(0);
    expect(scoreNb(nb, ['gia', 'tang']).scores[edu]).toBeLessThan(0);
    const again = deserializeNb(JSON.parse(JSON.stringify(serializeNb(nb))));
    const a = scoreNb(nb, ['hoc', 'gia', 'unknown']).scores;
    const b = scoreNb(again, ['hoc', 'gia', 'unknown']).scores;
    for (const [i, x] of a.entries()) expect(b[i]).toBeCloseTo(x, 3);
  });
  it('stays finite on long items (no underflow)', () => {
    const nb = trainNb(items, { minCount: 1 });
    const long = Array.from({ length: 5000 }, (_, i) => (i % 2 ? 'hoc' : 'truong'));
    expect([...scoreNb(nb, long).scores].every(Number.isFinite)).toBe(true);
  });
});

describe('corpus split', () => {
  it('is stable by id and close to 70/10/20', () => {
    const { items, problems } = readCorpus([CORPUS_DIR]);
    expect(problems).toEqual([]);
    expect(items.length).toBeGreaterThanOrEqual(2000);
    const share = (s: string) => items.filter((i) => splitOf(i.id) === s).length / items.length;
    expect(share('train')).toBeGreaterThan(0.65);
    expect(share('test')).toBeGreaterThan(0.15);
    expect(splitOf('soc-0001')).toBe(splitOf('soc-0001'));
  });
});

describe('the shipped model', () => {
  it('is a trained model', () => {
    expect(model.version).toMatch(/^(linear|nb|blend)-[0-9a-f]{10}$/);
  });
  it('reads a parent’s post typed without diacritics about a teacher hitting a child', () => {
    const r = classify(model, {
      id: 'p1',
      kind: 'social',
      text: 'co giao lop 3 truong tieu hoc o Bat Xat tat con toi sung ca mat, chau ve nha khoc ko dam di hoc. nha truong phai xu ly nghiem',
    });
    expect(r).toMatchObject({ education: true, scope: 'province', sentiment: 'negative' });
    expect(r.risks.some((x) => ['violence', 'abuse', 'teacher-misconduct'].includes(x))).toBe(true);
    expect(Object.values(r.explain.risks).flat().length).toBeGreaterThan(0);
  });
  it('keeps market and tourism news about the province out of education', () => {
    for (const text of [
      'Thị trường bất động sản Lào Cai sôi động trở lại, giá đất nền ven thành phố tăng mạnh trong quý IV.',
      'Sa Pa đón hơn 50 nghìn lượt khách dịp cuối tuần, các khách sạn kín phòng.',
    ])
      expect(classify(model, { id: 't', title: '', text, kind: 'news' }).education).toBe(false);
  });
  it('treats the Department’s rebuttal of a false claim as neutral, the claim as negative', () => {
    const claim = classify(model, {
      id: 'c',
      kind: 'social',
      text: 'Nghe nói năm nay Lào Cai bỏ thi tuyển sinh lớp 10, xét tuyển hết, phụ huynh hoang mang quá, ai biết không?',
    });
    const rebuttal = classify(model, {
      id: 'r',
      title: 'Sở GD&ĐT Lào Cai: thông tin bỏ thi tuyển sinh lớp 10 là sai sự thật',
      text: 'Sở GD&ĐT Lào Cai khẳng định thông tin lan truyền trên mạng xã hội về việc bỏ thi tuyển sinh lớp 10 là không đúng, kỳ thi vẫn tổ chức theo kế hoạch.',
      kind: 'news',
    });
    expect(rebuttal.sentiment).toBe('neutral');
    expect(rebuttal.risks).toContain('misinformation');
    expect(claim.education).toBe(true);
  });
});
