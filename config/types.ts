import type { z } from 'zod';
import type { Education, Risk, Sentiment, Topic } from './schema/lexicon.ts';
import type { DepartmentsFile, PeopleFile } from './schema/organisation.ts';
import type { SocialProfile } from './schema/profiles.ts';
import type { ProvinceInfo } from './schema/province.ts';
import type { Source } from './schema/sources.ts';

/** A province's whole configuration, validated and frozen. */
export interface ProvinceConfig {
  readonly dir: string;
  readonly province: ProvinceInfo;
  readonly topics: Topic[];
  readonly risks: Risk[];
  readonly education: Education;
  readonly sentiment: Sentiment;
  readonly departments: z.infer<typeof DepartmentsFile>;
  readonly people: z.infer<typeof PeopleFile>;
  readonly sources: Source[];
  readonly profiles: Record<string, SocialProfile>;
}
