/**
 * A refused incident action (bad state, someone who may not speak, unknown person …): not retryable, shown to
 * the user in Vietnamese with the English beside it, and the legal basis where there is one.
 */
export class IncidentError extends Error {
  override name = 'IncidentError';

  constructor(
    readonly code: string,
    readonly vi: string,
    readonly en: string,
    readonly basis?: string,
  ) {
    super(`${vi}${basis ? ` (${basis})` : ''} / ${en}`);
  }
}
