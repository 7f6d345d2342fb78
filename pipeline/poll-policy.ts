/**
 * When to poll a source next: more often while it publishes, less when it does not; back off on
 * failures (honouring Retry-After); disable after too many failures in a row. Pure.
 */
export interface PollState {
  /** The configured interval (seconds). */
  baseInterval: number;
  /** The interval in use now (seconds); starts at the base. */
  interval: number;
  /** Consecutive failures before this poll. */
  failures: number;
}

export interface PollOutcomeForPolicy {
  ok: boolean;
  newItems: number;
  retryAfterSecs?: number;
}

export interface PollPlan {
  interval: number;
  /** Seconds from now until the next poll. */
  delay: number;
  failures: number;
  /** Set when the source should be disabled, with the reason to show. */
  disable?: string;
}

export const MAX_FAILURES = 10;
const MAX_BACKOFF = 6 * 3600;

export function planNextPoll(s: PollState, o: PollOutcomeForPolicy, maxFailures = MAX_FAILURES): PollPlan {
  const min = Math.max(30, Math.round(s.baseInterval / 4));
  const max = s.baseInterval * 4;
  if (o.ok) {
    // Halve the wait while new items keep coming, stretch it by half when nothing is new.
    const interval = clamp(o.newItems > 0 ? s.interval / 2 : s.interval * 1.5, min, max);
    return {
      interval: Math.round(interval),
      delay: Math.round(Math.max(interval, o.retryAfterSecs ?? 0)),
      failures: 0,
    };
  }
  const failures = s.failures + 1;
  const backoff = Math.min(MAX_BACKOFF, s.baseInterval * 2 ** Math.min(failures, 10));
  const delay = Math.max(backoff, o.retryAfterSecs ?? 0);
  return {
    interval: s.interval,
    delay: Math.round(delay),
    failures,
    ...(failures >= maxFailures ? { disable: `disabled after ${failures} consecutive failures` } : {}),
  };
}

const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));
