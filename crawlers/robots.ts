import { RobotsTxtFile } from '@crawlee/utils';

const TTL_MS = 3600_000;
const ERROR_TTL_MS = 300_000;
const MAX_BYTES = 512 * 1024;

interface Entry {
  until: number;
  file?: RobotsTxtFile;
  /** Server error or unreachable: per RFC 9309 the whole site counts as disallowed for a while. */
  disallowAll?: string;
}

const cache = new Map<string, Entry>();

/**
 * robots.txt of a URL's origin, fetched with our declared user agent and cached for an hour
 * (five minutes after an error). 4xx means no rules; 5xx or no answer disallows the site for now.
 */
async function entryFor(url: string, userAgent: string, now: number): Promise<Entry> {
  const origin = new URL(url).origin;
  const hit = cache.get(origin);
  if (hit && hit.until > now) return hit;
  let entry: Entry;
  try {
    const res = await fetch(`${origin}/robots.txt`, {
      headers: { 'user-agent': userAgent },
      redirect: 'follow',
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status >= 500)
      entry = { until: now + ERROR_TTL_MS, disallowAll: `robots.txt answered ${res.status}` };
    else if (res.status >= 400) entry = { until: now + TTL_MS };
    else {
      const text = (await res.text()).slice(0, MAX_BYTES);
      entry = { until: now + TTL_MS, file: RobotsTxtFile.from(`${origin}/robots.txt`, text) };
    }
  } catch (err) {
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    entry = { until: now + ERROR_TTL_MS, disallowAll: `robots.txt unreachable (${why})` };
  }
  cache.set(origin, entry);
  return entry;
}

/** Why robots.txt forbids fetching a URL, or undefined when allowed. */
export async function robotsRefusal(
  url: string,
  userAgent: string,
  now = Date.now(),
): Promise<string | undefined> {
  const e = await entryFor(url, userAgent, now);
  if (e.disallowAll) return e.disallowAll;
  return e.file && !e.file.isAllowed(url, userAgent) ? 'disallowed by robots.txt' : undefined;
}

/** Forgets cached robots.txt files (tests). */
export function clearRobotsCache(): void {
  cache.clear();
}
