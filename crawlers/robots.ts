import { RobotsTxtFile } from '@crawlee/utils';
import { fetchPage } from './http-fetch.ts';

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
 * (five minutes after an error). 4xx means no rules; 5xx or no answer disallows the site for now. Fetched by
 * fetchPage: redirects checked against the private-address rule, the body capped (a larger file counts as no
 * answer), a silent server timed out.
 */
async function entryFor(url: string, userAgent: string, allowPrivate: boolean, now: number): Promise<Entry> {
  const origin = new URL(url).origin;
  const hit = cache.get(origin);
  if (hit && hit.until > now) return hit;
  let entry: Entry;
  try {
    const res = await fetchPage(`${origin}/robots.txt`, {
      userAgent,
      allowPrivate,
      maxBytes: MAX_BYTES,
      timeoutMs: 10_000,
      idleMs: 10_000,
    });
    if (res.status >= 500)
      entry = { until: now + ERROR_TTL_MS, disallowAll: `robots.txt answered ${res.status}` };
    else if (res.status >= 400) entry = { until: now + TTL_MS };
    else entry = { until: now + TTL_MS, file: RobotsTxtFile.from(`${origin}/robots.txt`, res.body) };
  } catch (err) {
    // fetchPage's messages start with the URL; the reason is what follows it.
    const why = (err as Error).message.replace(/^\S+: /, '');
    entry = { until: now + ERROR_TTL_MS, disallowAll: `robots.txt unreachable (${why})` };
  }
  cache.set(origin, entry);
  return entry;
}

/** Why robots.txt forbids fetching a URL, or undefined when allowed. */
export async function robotsRefusal(
  url: string,
  userAgent: string,
  allowPrivate: boolean,
  now = Date.now(),
): Promise<string | undefined> {
  const e = await entryFor(url, userAgent, allowPrivate, now);
  if (e.disallowAll) return e.disallowAll;
  return e.file && !e.file.isAllowed(url, userAgent) ? 'disallowed by robots.txt' : undefined;
}

/** Forgets cached robots.txt files (tests). */
export function clearRobotsCache(): void {
  cache.clear();
}
