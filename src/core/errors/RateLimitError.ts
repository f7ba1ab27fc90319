import { APIError, type APIErrorInit } from './APIError.js';

/** HTTP 429: too many requests or parallel jobs. `retryAfterMs` says when to try again, when known. */
export class RateLimitError extends APIError {
  /** When to try again, in ms (from `Retry-After` or `remainingSeconds`), when the server said. */
  readonly retryAfterMs: number | undefined;

  constructor(init: APIErrorInit, retryAfterMs: number | undefined) {
    super(
      init,
      retryAfterMs === undefined
        ? 'Wait for running jobs to finish, then retry'
        : `Retry in ${Math.ceil(retryAfterMs / 1000)} s`,
    );
    this.retryAfterMs = retryAfterMs;
  }
}
