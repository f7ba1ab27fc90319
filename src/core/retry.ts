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

/**
 * 429s that name a plan ceiling, not a passing burst, with what to do instead of retrying: a
 * retry seconds later meets the same ceiling.
 */
const PLAN_CEILINGS: Readonly<Record<string, string>> = {
  'add-training-image':
    "Your plan's training dataset limit is reached: train on fewer images (remove some with client.models.trainingImages.delete) or upgrade the plan",
  'parallel-training':
    "Your plan's parallel trainings are all running: wait for one to end (client.models.list({ status: 'training' })), then start this one",
};

/** What to do about a 429 whose `details.actionName` names a plan ceiling; `undefined` for any other answer. */
export function planCeilingAdvice(details: unknown): string | undefined {
  const action = (details as { actionName?: unknown } | null | undefined)?.actionName;
  return typeof action === 'string' ? PLAN_CEILINGS[action] : undefined;
}

/** Errors that no retry would mend, although their class usually is retried (an answer over the size limit). */
const permanent = new WeakSet<Error>();

/** Marks an error as one the same request would meet again: it is not retried. */
export function markPermanent<E extends Error>(error: E): E {
  permanent.add(error);
  return error;
}

/** Whether the retry policy allows another attempt after `error`. */
export function isRetryable(error: unknown, mode: RetryMode): boolean {
  if (error instanceof Error && permanent.has(error)) return false;
  if (error instanceof APIConnectionError && unsent.get(error) === 'refused') return false;
  if (error instanceof RateLimitError && planCeilingAdvice(error.details) !== undefined) return false;
  if (mode === 'billed') {
    return error instanceof RateLimitError || wasNeverSent(error);
  }
  if (error instanceof APIError) return retryableStatuses.has(error.status);
  // A read whose body arrived truncated or garbled is safe to read again.
  return error instanceof APIConnectionError || error instanceof ResponseValidationError;
}

/**
 * How long a job wait pauses after its `failures`-th failed poll in a row (from 1) before polling
 * again, or `undefined` when the failure is not one to ride out. Polls are free and idempotent,
 * so a wait rides out what may pass — a lost connection, a timeout, 408, 429, any 5xx — up to
 * its own deadline, honouring `Retry-After` however long (the deadline bounds it), else with
 * backoff. Anything else stops it at once: a 404, 401 or 403 says the job, or access to it, is
 * gone; a 2xx the SDK cannot read, or a request the runtime refuses to send, comes back the same.
 */
export function pollRetryDelayMs(error: unknown, failures: number): number | undefined {
  if (error instanceof Error && permanent.has(error)) return undefined;
  const transient =
    error instanceof APIError
      ? error.status === 408 || error.status === 429 || error.status >= 500
      : error instanceof APIConnectionError && unsent.get(error) !== 'refused';
  return transient ? retryDelayMs(error, failures) : undefined;
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
