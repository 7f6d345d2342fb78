import { describe, expect, it } from 'vitest';
import { planNextPoll } from '../../pipeline/poll-policy.ts';

describe('polling policy', () => {
  const base = { baseInterval: 600, interval: 600, failures: 0 };
  it('polls more often while a source publishes, less when it does not, within bounds', () => {
    expect(planNextPoll(base, { ok: true, newItems: 3 }).interval).toBe(300);
    expect(planNextPoll({ ...base, interval: 150 }, { ok: true, newItems: 3 }).interval).toBe(150);
    expect(planNextPoll(base, { ok: true, newItems: 0 }).interval).toBe(900);
    expect(planNextPoll({ ...base, interval: 2400 }, { ok: true, newItems: 0 }).interval).toBe(2400);
  });
  it('backs off exponentially on failure and honours Retry-After', () => {
    expect(planNextPoll(base, { ok: false, newItems: 0 })).toMatchObject({ delay: 1200, failures: 1 });
    expect(planNextPoll({ ...base, failures: 2 }, { ok: false, newItems: 0 }).delay).toBe(4800);
    expect(planNextPoll({ ...base, failures: 9 }, { ok: false, newItems: 0 }).delay).toBe(6 * 3600);
    expect(planNextPoll(base, { ok: false, newItems: 0, retryAfterSecs: 7200 }).delay).toBe(7200);
  });
  it('disables a source after too many failures in a row, saying why', () => {
    expect(planNextPoll({ ...base, failures: 8 }, { ok: false, newItems: 0 }).disable).toBeUndefined();
    expect(planNextPoll({ ...base, failures: 9 }, { ok: false, newItems: 0 }).disable).toBe(
      'disabled after 10 consecutive failures',
    );
  });
});
