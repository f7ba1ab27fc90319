import { APIConnectionError } from './errors/APIConnectionError.js';
import { InternalServerError } from './errors/InternalServerError.js';
import { ResponseValidationError } from './errors/ResponseValidationError.js';
import { wasNeverSent } from './retry-policy.js';

const advice =
  ' The server may have done the work: what it creates (a job, an asset) may exist and be billed.' +
  ' Look for it (client.jobs.list(), client.assets.list()) before trying again.';

/**
 * A billed call that failed after the server may have acted on it (a 5xx, a timeout, a
 * connection lost after sending, a garbled 2xx) is not retried; its message says why, so the
 * caller does not retry by hand and pay twice.
 */
export function withBilledAdvice(error: unknown): unknown {
  const mayHaveActed =
    error instanceof InternalServerError ||
    error instanceof ResponseValidationError ||
    (error instanceof APIConnectionError && !wasNeverSent(error));
  if (!mayHaveActed) return error;
  const before = error.message;
  error.message += advice;
  // The stack was captured with the old message.
  if (error.stack) error.stack = error.stack.replace(before, error.message);
  return error;
}
