import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import type { z } from 'zod';
import { EducationFile, RisksFile, SentimentFile, TopicsFile } from './schema/lexicon.ts';
import { DepartmentsFile, PeopleFile } from './schema/organisation.ts';
import { ProfilesFile } from './schema/profiles.ts';
import { ProvinceFile } from './schema/province.ts';
import { SourcesFile } from './schema/sources.ts';
import type { ProvinceConfig } from './types.ts';

export interface ConfigProblem {
  file: string;
  line?: number;
  path: string;
  message: string;
}

/** Every problem found in a province's files, in one error. */
export class ConfigError extends Error {
  constructor(readonly problems: ConfigProblem[]) {
    super(
      `Invalid configuration (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems
        .map((p) => `  ${p.file}${p.line ? `:${p.line}` : ''}  ${p.path || '(file)'}: ${p.message}`)
        .join('\n')}`,
    );
    this.name = 'ConfigError';
  }
}

/** Reads one YAML file and validates it, adding problems (with line numbers) instead of throwing. */
export function readYaml<S extends z.ZodType>(
  file: string,
  schema: S,
  problems: ConfigProblem[],
): z.infer<S> | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    problems.push({ file, path: '', message: `cannot read: ${(err as Error).message}` });
    return undefined;
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      problems.push({
        file,
        line: lineCounter.linePos(e.pos[0]).line,
        path: '',
        message: e.message.split('\n')[0]!,
      });
    }
    return undefined;
  }
  const result = schema.safeParse(doc.toJS());
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    problems.push({
      file,
      line: lineOf(doc, lineCounter, path),
      path: path.join('.'),
      message: issue.message,
    });
  }
  return undefined;
}

function lineOf(
  doc: ReturnType<typeof parseDocument>,
  counter: LineCounter,
  path: string[],
): number | undefined {
  for (let n = path.length; n >= 0; n--) {
    const keys = path.slice(0, n).map((k) => (/^\d+$/.test(k) ? Number(k) : k));
    const node = n === 0 ? doc.contents : doc.getIn(keys, true);
    const range = (node as { range?: [number, number, number] } | undefined)?.range;
    if (range) return counter.linePos(range[0]).line;
  }
  return undefined;
}

/** Replaces ${NAME} in a string from vars; unknown names are reported. */
function interpolate(
  value: string,
  vars: Record<string, string | undefined>,
  onMissing: (name: string) => void,
): string {
  return value.replace(/\$\{([A-Z0-9_]+)\}/g, (_, name: string) => {
    const v = vars[name];
    if (v === undefined) {
      onMissing(name);
      return '';
    }
    return v;
  });
}

export interface LoadOptions {
  sourcesFile?: string;
  /** Social page profiles; default config/profiles/social.yaml. */
  profilesFile?: string;
  /** Values for ${NAME} placeholders in source URLs (the demo passes its fixture servers' addresses). */
  vars?: Record<string, string | undefined>;
}

/** Loads and cross-checks a province folder; throws ConfigError listing every problem. */
export function loadProvince(dir: string, options: LoadOptions = {}): ProvinceConfig {
  const problems: ConfigProblem[] = [];
  const f = (name: string) => join(dir, name);
  const province = readYaml(f('province.yaml'), ProvinceFile, problems);
  const topics = readYaml(f('topics.yaml'), TopicsFile, problems);
  const risks = readYaml(f('risks.yaml'), RisksFile, problems);
  const education = readYaml(f('education.yaml'), EducationFile, problems);
  const sentiment = readYaml(f('sentiment.yaml'), SentimentFile, problems);
  const departments = readYaml(f('departments.yaml'), DepartmentsFile, problems);
  const people = readYaml(f('people.yaml'), PeopleFile, problems);
  // An absolute path (a sources file kept outside the province folder) is taken as it is.
  const sourcesPath = resolve(dir, options.sourcesFile ?? 'sources.yaml');
  const sources = readYaml(sourcesPath, SourcesFile, problems);
  const profilesPath = options.profilesFile ?? join(dir, '..', '..', 'profiles', 'social.yaml');
  const profiles = readYaml(profilesPath, ProfilesFile, problems);

  if (sources) {
    const vars = options.vars ?? process.env;
    sources.sources.forEach((s, i) => {
      s.url = interpolate(s.url, vars, (name) =>
        problems.push({
          file: sourcesPath,
          path: `sources.${i}.url`,
          message: `variable \${${name}} is not set`,
        }),
      );
    });
  }
  if (sources && profiles) {
    sources.sources.forEach((s, i) => {
      if (s.kind === 'social' && !(s.profile && profiles.profiles[s.profile]))
        problems.push({
          file: sourcesPath,
          path: `sources.${i}.profile`,
          message: `unknown social profile "${s.profile ?? ''}"`,
        });
    });
  }
  if (problems.length === 0) {
    crossCheck(
      {
        dir,
        topics: topics!.topics,
        risks: risks!.risks,
        departments: departments!,
        people: people!,
        sources: sources!.sources,
        province: province!,
      },
      {
        departments: f('departments.yaml'),
        people: f('people.yaml'),
        sources: sourcesPath,
        province: f('province.yaml'),
      },
      problems,
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return Object.freeze({
    dir,
    province: province!,
    topics: topics!.topics,
    risks: risks!.risks,
    education: education!,
    sentiment: sentiment!,
    departments: departments!,
    people: people!,
    sources: sources!.sources,
    profiles: profiles!.profiles,
  });
}

function crossCheck(
  c: Pick<ProvinceConfig, 'dir' | 'topics' | 'risks' | 'departments' | 'people' | 'sources' | 'province'>,
  files: { departments: string; people: string; sources: string; province: string },
  problems: ConfigProblem[],
): void {
  const dup = (ids: string[]) => ids.filter((id, i) => ids.indexOf(id) !== i);
  const topicIds = new Set(c.topics.map((t) => t.id));
  const riskIds = new Set(c.risks.map((r) => r.id));
  const deptIds = new Set(c.departments.departments.map((d) => d.id));
  const personIds = new Set(c.people.people.map((p) => p.id));
  for (const id of dup(c.sources.map((s) => s.id)))
    problems.push({ file: files.sources, path: 'sources', message: `duplicate source id "${id}"` });
  for (const id of dup(c.departments.departments.map((d) => d.id)))
    problems.push({
      file: files.departments,
      path: 'departments',
      message: `duplicate department id "${id}"`,
    });
  const needDept = (id: string, path: string) => {
    if (!deptIds.has(id))
      problems.push({ file: files.departments, path, message: `unknown department "${id}"` });
  };
  needDept(c.departments.office, 'office');
  needDept(c.departments.default, 'default');
  c.departments.routing.forEach((r, i) => {
    needDept(r.department, `routing.${i}.department`);
    for (const t of r.topics)
      if (!topicIds.has(t))
        problems.push({
          file: files.departments,
          path: `routing.${i}.topics`,
          message: `unknown topic "${t}"`,
        });
    for (const k of r.risks)
      if (!riskIds.has(k))
        problems.push({
          file: files.departments,
          path: `routing.${i}.risks`,
          message: `unknown risk "${k}"`,
        });
  });
  c.people.people.forEach((p, i) => {
    if (p.department && !deptIds.has(p.department))
      problems.push({
        file: files.people,
        path: `people.${i}.department`,
        message: `unknown department "${p.department}"`,
      });
  });
  const standing = c.people.spokesperson.standing;
  if (standing && !personIds.has(standing))
    problems.push({
      file: files.people,
      path: 'spokesperson.standing',
      message: `unknown person "${standing}"`,
    });
  c.people.authorisations.forEach((a, i) => {
    for (const [key, id] of [
      ['person', a.person],
      ['grantedBy', a.grantedBy],
    ] as const)
      if (id && !personIds.has(id))
        problems.push({
          file: files.people,
          path: `authorisations.${i}.${key}`,
          message: `unknown person "${id}"`,
        });
  });
  for (const risk of Object.keys(c.province.incidents.riskThresholds))
    if (!riskIds.has(risk))
      problems.push({
        file: files.province,
        path: `incidents.riskThresholds.${risk}`,
        message: `unknown risk "${risk}"`,
      });
  const signer = c.province.reports.signer;
  if (signer && !personIds.has(signer))
    problems.push({ file: files.province, path: 'reports.signer', message: `unknown person "${signer}"` });
  if (!c.people.people.some((p) => p.role === 'head'))
    problems.push({
      file: files.people,
      path: 'people',
      message: 'no person with role "head" (the Director)',
    });
}
