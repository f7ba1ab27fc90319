import { describe, expect, test } from 'vitest';
import { errorFromResponse } from '../../src/core/error-mapping.js';
import type { APIErrorInit } from '../../src/core/errors.js';
import {
  APIConnectionError,
  APITimeoutError,
  APIUserAbortError,
  InternalServerError,
  RateLimitError,
  ResponseValidationError,
} from '../../src/core/errors.js';
import {
  backoffMs,
  isRetryable,
  markNeverSent,
  pollRetryDelayMs,
  retryDelayMs,
  serverRetryDelayMs,
} from '../../src/core/retry.js';

const init: APIErrorInit = { status: 429, reason: 'slow down', body: {}, headers: {}, method: 'GET', path: '/jobs' };
const statusError = (status: number) =>
  errorFromResponse(new Response('{}', { status }), '{}', { method: 'GET', path: '/jobs', redact: (text) => text });

describe('backoffMs', () => {
  test('full jitter: uniform in [0, min(8 s, 0.5 s × 2^(retry-1))]', () => {
    const top = () => 0.999_999;
    expect([1, 2, 3, 4, 5, 6, 10].map((retry) => Math.round(backoffMs(retry, top)))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ]);
    expect(backoffMs(3, () => 0)).toBe(0);
    expect(backoffMs(3, () => 0.5)).toBe(1000);
  });

  test('stays within bounds with the real random source', () => {
    for (let i = 0; i < 200; i++) {
      const delay = backoffMs(2);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(1000);
    }
  });
});

describe('retryDelayMs', () => {
  test("uses the server's delay for a 429 that has one, else backoff", () => {
    expect(retryDelayMs(new RateLimitError(init, 1500), 1)).toBe(1500);
    expect(retryDelayMs(new RateLimitError(init, undefined), 1)).toBeLessThanOrEqual(500);
    expect(retryDelayMs(new InternalServerError({ ...init, status: 500 }), 3)).toBeLessThanOrEqual(2000);
  });

  test('honours Retry-After on a 5xx too', () => {
    const unavailable = new InternalServerError({ ...init, status: 503, headers: { 'retry-after': '0' } });
    expect(retryDelayMs(unavailable, 3)).toBe(0);
    expect(retryDelayMs(new InternalServerError({ ...init, status: 503, headers: { 'retry-after': '7' } }), 1)).toBe(
      7000,
    );
  });
});

describe('isRetryable', () => {
  test.each([408, 429, 500, 502, 503, 504])('idempotent call: %i is retried', (status) => {
    expect(isRetryable(statusError(status), 'idempotent')).toBe(true);
  });

  test.each([400, 401, 403, 404, 409, 422])('idempotent call: %i is not retried', (status) => {
    expect(isRetryable(statusError(status), 'idempotent')).toBe(false);
  });

  test.each([408, 500, 502, 503, 504])('billed call: %i is not retried (the job may exist)', (status) => {
    expect(isRetryable(statusError(status), 'billed')).toBe(false);
  });

  test('billed call: only a 429 or a connection that never reached the server', () => {
    expect(isRetryable(statusError(429), 'billed')).toBe(true);
    expect(isRetryable(markNeverSent(new APIConnectionError('refused')), 'billed')).toBe(true);
    expect(isRetryable(new APIConnectionError('reset'), 'billed')).toBe(false);
    expect(isRetryable(new APITimeoutError('slow'), 'billed')).toBe(false);
  });

  test('network errors and timeouts are retried for idempotent calls; aborts never', () => {
    expect(isRetryable(new APIConnectionError('reset'), 'idempotent')).toBe(true);
    expect(isRetryable(new APITimeoutError('slow'), 'idempotent')).toBe(true);
    expect(isRetryable(new APIUserAbortError(), 'idempotent')).toBe(false);
    expect(isRetryable(new Error('bug'), 'idempotent')).toBe(false);
  });
});

const now = Date.parse('2026-01-01T00:00:00Z');
const headers = (retryAfter?: string) => new Headers(retryAfter === undefined ? {} : { 'retry-after': retryAfter });

describe('serverRetryDelayMs', () => {
  test('Retry-After in seconds', () => {
    expect(serverRetryDelayMs(headers('1'), undefined, now)).toBe(1000);
    expect(serverRetryDelayMs(headers(' 2.5 '), undefined, now)).toBe(2500);
    expect(serverRetryDelayMs(headers('0'), undefined, now)).toBe(0);
  });

  test('Retry-After as an HTTP date, never negative', () => {
    expect(serverRetryDelayMs(headers('Thu, 01 Jan 2026 00:00:03 GMT'), undefined, now)).toBe(3000);
    expect(serverRetryDelayMs(headers('Wed, 31 Dec 2025 23:59:00 GMT'), undefined, now)).toBe(0);
  });

  test('body remainingSeconds when there is no usable header', () => {
    expect(serverRetryDelayMs(headers(), { reason: 'cooldown', remainingSeconds: 900 }, now)).toBe(900_000);
    expect(serverRetryDelayMs(headers('soon'), { remainingSeconds: '2' }, now)).toBe(2000);
    expect(serverRetryDelayMs(headers('4'), { remainingSeconds: 900 }, now)).toBe(4000);
  });

  test('undefined when the server gave no usable delay', () => {
    expect(serverRetryDelayMs(headers(), undefined, now)).toBeUndefined();
    expect(serverRetryDelayMs(headers(), 'Too Many Requests', now)).toBeUndefined();
    expect(serverRetryDelayMs(headers('-1'), { remainingSeconds: -5 }, now)).toBeUndefined();
  });
});

describe('pollRetryDelayMs (a job wait riding out failed polls)', () => {
  test.each([408, 429, 500, 502, 503, 504, 520])('a poll answered %i is polled again', (status) => {
    expect(pollRetryDelayMs(statusError(status), 1)).toBeGreaterThanOrEqual(0);
  });

  test.each([400, 401, 403, 404, 409, 422])('a poll answered %i ends the wait', (status) => {
    expect(pollRetryDelayMs(statusError(status), 1)).toBeUndefined();
  });

  test('lost connections and timeouts are ridden out; a request never sendable, an unreadable 2xx, an abort are not', () => {
    expect(pollRetryDelayMs(new APIConnectionError('reset'), 1)).toBeDefined();
    expect(pollRetryDelayMs(new APITimeoutError('slow'), 1)).toBeDefined();
    expect(pollRetryDelayMs(markNeverSent(new APIConnectionError('bad port'), 'refused'), 1)).toBeUndefined();
    expect(pollRetryDelayMs(new ResponseValidationError('GET /jobs/x', [], {}), 1)).toBeUndefined();
    expect(pollRetryDelayMs(new APIUserAbortError(), 1)).toBeUndefined();
  });

  test("the server's delay is honoured however long (the wait's deadline bounds it), else backoff growing to 8 s", () => {
    expect(pollRetryDelayMs(new RateLimitError(init, 600_000), 1)).toBe(600_000);
    for (let failures = 1; failures < 12; failures++) {
      expect(pollRetryDelayMs(statusError(503), failures)).toBeLessThanOrEqual(8000);
    }
  });
});
