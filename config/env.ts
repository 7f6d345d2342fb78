import { fileURLToPath } from 'node:url';
import { z } from 'zod';

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const Bool = z
  .enum(['1', '0', 'true', 'false', 'yes', 'no', ''])
  .transform((v) => v === '1' || v === 'true' || v === 'yes');

/**
 * The environment, parsed once. Precedence: command-line flags > environment > province files > these defaults.
 * Each key is the environment variable of the same name.
 */
export const EnvSchema = z.object({
  /** Province slug: a folder under DIEMTIN_CONFIG_DIR. */
  DIEMTIN_PROVINCE: z.string().default('lao-cai'),
  DIEMTIN_CONFIG_DIR: z.string().default(`${repoRoot}config/provinces`),
  /** Source list file inside the province folder (sources.yaml for real outlets, sources.fixture.yaml for the demo). */
  DIEMTIN_SOURCES: z.string().default('sources.yaml'),
  /** Trained classifier model (JSON from `diemtin train`); empty: the shipped one; "none": lexicons only. */
  DIEMTIN_MODEL: z.string().default(''),
  /** PGlite data folder, used when DATABASE_URL is not set. */
  DATA_DIR: z.string().default('./data'),
  /** Where digests, incident files and file-delivered mail are written. */
  OUTPUT_DIR: z.string().default('./out'),
  DATABASE_URL: z.string().url().optional(),
  REDIS_URL: z.string().url().optional(),
  QUEUE_PREFIX: z.string().default('diemtin'),
  SMTP_URL: z.string().url().optional(),
  MAIL_FROM: z.string().default('diemtin <diemtin@localhost>'),
  WEBHOOK_URL: z.string().url().optional(),
  WEBHOOK_SECRET: z.string().optional(),
  /** Seconds a sender owns a claimed notification; after a crash it is sent again once the lease ends. */
  NOTIFY_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(120),
  CHROMIUM_PATH: z.string().default('/usr/bin/chromium'),
  /** Allow sources on loopback or private addresses (fixtures, the demo, tests). Off in production. */
  ALLOW_PRIVATE_SOURCES: Bool.default(false),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  /** Requests in flight to one source at a time (politeness: real sites want 1–2). */
  CRAWL_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(2),
  /** Seconds between requests to one host. */
  CRAWL_HOST_DELAY: z.coerce.number().min(0).max(60).optional(),
  /** Address the dashboard listens on (`diemtin web`, `diemtin run --web`); loopback unless a proxy needs more. */
  WEB_HOST: z.string().default('127.0.0.1'),
  WEB_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Secure cookies: `auto` sets them unless the dashboard listens on a loopback address over plain HTTP. */
  WEB_SECURE_COOKIES: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Hours a login lasts. */
  WEB_SESSION_HOURS: z.coerce
    .number()
    .min(0.1)
    .max(24 * 30)
    .default(12),
  /** API requests per minute and client address (429 beyond). */
  WEB_API_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(600),
  /** Secret signing the CSRF cookie (at least 32 characters); default: random per process. */
  WEB_SECRET: z.string().min(32).optional(),
  /** Trust X-Forwarded-* from the reverse proxy in front of the dashboard. */
  WEB_TRUST_PROXY: Bool.default(false),
  USER_AGENT: z.string().default('diemtin/0.1 (education press monitor; contact: see config)'),
});

export type Env = z.infer<typeof EnvSchema>;

/** Parses the environment; throws one error listing every bad variable. */
export function loadEnv(
  source: Record<string, string | undefined> = process.env,
  overrides: Partial<Env> = {},
): Env {
  const picked: Record<string, string> = {};
  for (const key of Object.keys(EnvSchema.shape)) {
    const v = source[key];
    if (v !== undefined && v !== '') picked[key] = v;
  }
  const parsed = EnvSchema.safeParse(picked);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Bad environment:\n${lines.join('\n')}`);
  }
  return Object.freeze({ ...parsed.data, ...stripUndefined(overrides) });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
