import { APIConnectionError } from './errors/APIConnectionError.js';
import { APITimeoutError } from './errors/APITimeoutError.js';
import { markNeverSent } from './retry-policy.js';
import { abortError } from './sleep.js';

/** Error codes that mean the connection was never made, so the server cannot have seen the request. */
const notConnectedCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
]);

export interface FailedAttempt {
  /** What was being done, e.g. `POST /generate/img2img`. */
  endpoint: string;
  timeoutMs: number;
  userSignal: AbortSignal | undefined;
  timeoutSignal: AbortSignal;
  /** Removes secrets from the text of the underlying error. */
  redact: (text: string) => string;
}

/** Classifies a failure with no HTTP answer: the caller's abort, our timeout, or a connection error. */
export function connectionError(error: unknown, attempt: FailedAttempt): Error {
  if (attempt.userSignal?.aborted) return abortError(attempt.userSignal);
  const cause = safeCopy(rootCause(error), attempt.redact);
  if (attempt.timeoutSignal.aborted) {
    return new APITimeoutError(`${attempt.endpoint} timed out after ${attempt.timeoutMs} ms.`, { cause });
  }
  const failure = new APIConnectionError(`${attempt.endpoint} failed without a complete answer: ${cause.message}`, {
    cause,
  });
  return notConnectedCodes.has(codeOf(cause)) ? markNeverSent(failure) : failure;
}

function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  return current;
}

/**
 * The cause as a plain error with only its name, code, message and stack, redacted: the
 * original may hold the request and its headers (a fetch wrapper's or proxy's error).
 */
function safeCopy(cause: unknown, redact: (text: string) => string): Error {
  const source = cause instanceof Error ? cause : new Error(describeNonError(cause));
  const copy = new Error(redact(source.message));
  copy.name = source.name;
  copy.stack = source.stack === undefined ? undefined : redact(source.stack);
  const code = codeOf(source);
  return code ? Object.assign(copy, { code }) : copy;
}

/** Some fetch wrappers reject with a non-Error (msw's network error is a `Response` of type `error`). */
function describeNonError(value: unknown): string {
  if (typeof Response !== 'undefined' && value instanceof Response) return 'network error (no response)';
  return typeof value === 'string' ? value : `non-Error rejection: ${Object.prototype.toString.call(value)}`;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : '';
}
