/**
 * What a failure means for its job: a PermanentError (bad input, forbidden target) fails that job at once
 * and the run goes on; anything else is retried with backoff; a fatal error stops the process.
 */
export class PermanentError extends Error {
  override name = 'PermanentError';
}

export class FatalError extends Error {
  override name = 'FatalError';
}

/** The one place that decides whether a failed job is worth another attempt. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof PermanentError || error instanceof FatalError) return false;
  const name = (error as Error)?.name;
  return name !== 'ZodError' && name !== 'ForbiddenTargetError';
}
