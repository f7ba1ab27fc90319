import { APIConnectionError, APIError, RateLimitError, ResponseValidationError } from './errors.js';

/**
 * `idempotent`: reads, deletes and cancels; repeating them is harmless.
 * `billed`: calls that create billed work or assets; repeated only when the server certainly did nothing.
 */
export type RetryMode = 'idempotent' | 'billed';

/** A wait longer than this is not slept: the `RateLimitError` reaches the caller with `retryAfterMs`. */
export const MAX_RETRY_WAIT_MS = 60_000;

const retryableStatuses = new Set([408, 429, 500, 502, 503, 504]);

/**
 * Connection errors raised before any byte of the request left this machine: `unreachable` when
 * no connection could be made (another attempt may reach the server), `refused` when the runtime
 * would not send it at all (a blocked port, a URL it cannot parse), which no retry mends.
 */
const unsent = new WeakMap<Error, 'unreachable' | 'refused'>();

/** Marks a connection error as certainly not received by the server. */
export function markNeverSent(
  error: APIConnectionError,
  why: 'unreachable' | 'refused' = 'unreachable',
): APIConnectionError {
  unsent.set(error, why);
  (error as { sent?: false }).sent = false;
  return error;
}

/** Whether the server certainly never saw the request that failed with `error`. */
export function wasNeverSent(error: unknown): boolean {
  return error instanceof APIConnectionError && unsent.has(error);
}

/** Whether the retry policy allows another attempt after `error`. */
export function isRetryable(error: unknown, mode: RetryMode): boolean {
  if (error instanceof APIConnectionError && unsent.get(error) === 'refused') return false;
  if (mode === 'billed') {
    return error instanceof RateLimitError || wasNeverSent(error);
  }
  if (error instanceof APIError) return retryableStatuses.has(error.status);
  // A read whose body arrived truncated or garbled is safe to read again.
  return error instanceof APIConnectionError || error instanceof ResponseValidationError;
}

/** Exponential backoff with full jitter: uniform in [0, min(8 s, 0.5 s × 2^(retry-1))]. */
export function backoffMs(retry: number, random: () => number = Math.random): number {
  return random() * Math.min(8_000, 500 * 2 ** (retry - 1));
}

/**
 * How long to wait before retry number `retry` (from 1) after `error`, or `undefined` when the
 * policy allows no retry or the server asked for a wait longer than {@link MAX_RETRY_WAIT_MS}.
 */
export function nextRetryDelayMs(error: unknown, mode: RetryMode, retry: number): number | undefined {
  if (!isRetryable(error, mode)) return undefined;
  const delay = retryDelayMs(error, retry);
  return delay > MAX_RETRY_WAIT_MS ? undefined : delay;
}

/** The server's own delay (a 429's, or `Retry-After` on a 5xx), else backoff. `retry` counts from 1. */
export function retryDelayMs(error: unknown, retry: number): number {
  if (error instanceof RateLimitError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  if (error instanceof APIError) return serverRetryDelayMs(new Headers(error.headers), error.body) ?? backoffMs(retry);
  return backoffMs(retry);
}

/**
 * How long the server asked us to wait, in ms: the `Retry-After` header (seconds or an HTTP
 * date), else a body `remainingSeconds` (Scenario's cooldown answers). Undefined when neither is usable.
 */
export function serverRetryDelayMs(headers: Headers, body: unknown, now = Date.now()): number | undefined {
  const header = headers.get('retry-after')?.trim();
  if (header) {
    if (/^\d+(\.\d+)?$/.test(header)) return Number(header) * 1000;
    // HTTP dates name the weekday and month; Date.parse alone would read '-1' as a year.
    const date = /[a-z]/i.test(header) ? Date.parse(header) : Number.NaN;
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  const remaining = (body as { remainingSeconds?: unknown } | undefined)?.remainingSeconds;
  const seconds = typeof remaining === 'string' ? Number(remaining) : remaining;
  return typeof seconds === 'number' && Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
}

/**
 * What a billed call's error says when the server may have acted on it (a 5xx, a timeout, a
 * connection lost after sending, a garbled 2xx). Such a call is never retried, so the caller
 * must not retry it by hand either before looking for what it may have created.
 */
export const BILLED_ADVICE =
  'The server may have done the work: what it creates (a job, an asset) may exist and be billed. ' +
  'Look for it (client.jobs.list(), client.assets.list()) before trying again';
