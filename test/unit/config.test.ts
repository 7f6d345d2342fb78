import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv, loadProvince, parseDuration } from '../../config/index.ts';
import { fixtureConfig, PROVINCE_DIR } from '../helpers/factories.ts';

const TOPICS = [
  'governance',
  'preschool',
  'general-education',
  'continuing-education',
  'inclusion',
  'quality-assurance',
  'teachers',
  'finance-facilities',
  'school-culture',
  'health-safety',
  'digital-international',
  'exams',
  'inspection',
  'recognition',
  'misinformation',
];
const RISKS = [
  'violence',
  'abuse',
  'teacher-misconduct',
  'food-safety',
  'accident',
  'fees',
  'extra-classes',
  'exam-fraud',
  'infrastructure',
  'corruption',
  'staffing',
  'student-welfare',
  'misinformation',
];

function copyProvince(): string {
  const dir = mkdtempSync(join(tmpdir(), 'diemtin-cfg-'));
  cpSync(join(PROVINCE_DIR, '..', '..'), join(dir, 'config'), { recursive: true });
  return join(dir, 'config', 'provinces', 'lao-cai');
}

describe('province configuration', () => {
  it('loads Lào Cai with the contract topic and risk ids', () => {
    const c = loadProvince(PROVINCE_DIR);
    expect(c.province.slug).toBe('lao-cai');
    expect(c.topics.map((t) => t.id)).toEqual(TOPICS);
    expect(c.risks.map((r) => r.id).sort()).toEqual([...RISKS].sort());
    expect(c.sources.length).toBeGreaterThan(5);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('fills fixture source URLs from variables', () => {
    const c = fixtureConfig({ FIXTURE_TINLAOCAI: 'http://127.0.0.1:1234' });
    expect(c.sources.find((s) => s.id === 'tinlaocai-rss')?.url).toBe('http://127.0.0.1:1234/rss/home.rss');
  });

  it('reports every problem with file, line and path in one error', () => {
    const dir = copyProvince();
    const sources = join(dir, 'sources.yaml');
    writeFileSync(
      sources,
      readFileSync(sources, 'utf8')
        .replace(/kind: sitemap|kind: listing/, 'kind: telegraph')
        .replace(/interval: 10m/, 'interval: soon'),
    );
    const departments = join(dir, 'departments.yaml');
    writeFileSync(
      departments,
      readFileSync(departments, 'utf8').replace('department: khao-thi', 'department: phong-ma'),
    );
    let error: ConfigError | undefined;
    try {
      loadProvince(dir);
    } catch (e) {
      error = e as ConfigError;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const text = error!.message;
    expect(text).toMatch(/sources\.yaml:\d+ {2}sources\.\d+\.kind: Invalid option/);
    expect(text).toMatch(/sources\.yaml:\d+ {2}sources\.\d+\.interval: must look like 90s/);
    expect(error!.problems.length).toBeGreaterThanOrEqual(2);
  });

  it('reports unknown departments in routing after the files themselves are valid', () => {
    const dir = copyProvince();
    const departments = join(dir, 'departments.yaml');
    writeFileSync(
      departments,
      readFileSync(departments, 'utf8').replace('department: khao-thi', 'department: phong-ma'),
    );
    expect(() => loadProvince(dir)).toThrow(
      /departments\.yaml.*routing\.\d+\.department: unknown department "phong-ma"/,
    );
  });

  it('checks the incident settings: a per-risk threshold names a known risk, levels and spikes have defaults', () => {
    expect(loadProvince(PROVINCE_DIR).province.incidents).toMatchObject({
      factsDueHours: 8,
      levels: { 'su-co': 0.5, 'khung-hoang': 0.85 },
      statementFromLevel: 'su-co',
      spike: { windowMinutes: 60, minCount: 5 },
    });
    const dir = copyProvince();
    const province = join(dir, 'province.yaml');
    writeFileSync(
      province,
      readFileSync(province, 'utf8').replace('riskThresholds: {}', 'riskThresholds: { ngo-doc: 0.2 }'),
    );
    expect(() => loadProvince(dir)).toThrow(
      /province\.yaml.*incidents\.riskThresholds\.ngo-doc: unknown risk "ngo-doc"/,
    );
  });

  it('reports YAML syntax errors with a line number', () => {
    const dir = copyProvince();
    writeFileSync(join(dir, 'people.yaml'), 'people:\n  - id: a\n   name: [broken\n');
    expect(() => loadProvince(dir)).toThrow(/people\.yaml:\d+/);
  });
});

describe('environment', () => {
  it('has defaults and rejects bad values in one message', () => {
    expect(loadEnv({}).DIEMTIN_PROVINCE).toBe('lao-cai');
    expect(() => loadEnv({ DATABASE_URL: 'not a url', LOG_LEVEL: 'loud' })).toThrow(
      /DATABASE_URL[\s\S]*LOG_LEVEL/,
    );
  });

  it('parses durations', () => {
    expect(parseDuration('90s')).toBe(90);
    expect(parseDuration('10m')).toBe(600);
    expect(parseDuration('2h')).toBe(7200);
  });
});
