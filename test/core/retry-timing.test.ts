import { describe, expect, test } from 'vitest';
import { serverRetryDelayMs } from '../../src/core/retry-timing.js';

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
