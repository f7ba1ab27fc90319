import { delay, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { transportOf } from '../../src/client.js';
import { APIConnectionError, APITimeoutError, InternalServerError, RateLimitError } from '../../src/core/errors.js';
import { checkRequestOptions } from '../../src/core/options.js';
import type { RetryMode } from '../../src/core/retry.js';
import { captureLogger, recordApi, testClient, useMockServer } from '../helpers/msw.js';
import { rejectionOf, settle, until, useFakeClock } from '../helpers/timers.js';

const server = useMockServer();
const anything = z.unknown();

beforeEach(() => useFakeClock());
afterEach(() => vi.useRealTimers());

type Method = 'GET' | 'POST' | 'DELETE';

/** Sends one call whose first `failures` attempts get `failure`, then `{ ok: true }`. */
function callWith(
  failure: () => Response | Promise<Response>,
  {
    method = 'GET' as Method,
    failures = Infinity,
    retry = undefined as RetryMode | undefined,
    maxRetries = undefined as number | undefined,
    client = testClient(),
  } = {},
) {
  const { handler, requests } = recordApi((_request, attempt) =>
    attempt <= failures ? failure() : HttpResponse.json({ ok: true }),
  );
  server.use(handler);
  const result = settle(
    transportOf(client).request({
      method,
      path: '/things',
      body: method === 'POST' ? {} : undefined,
      schema: anything,
      retry,
      options: checkRequestOptions({ maxRetries }),
    }),
  );
  return { result, requests };
}

const status = (code: number) => () => HttpResponse.json({ reason: `status ${code}` }, { status: code });
const networkError = () => HttpResponse.error();
const hang = async () => {
  await delay('infinite');
  return HttpResponse.json({});
};

/** A fetch that fails the way undici does when nothing listens on the port. */
function refusingFetch(code = 'ECONNREFUSED') {
  return vi.fn<typeof fetch>(async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error(`connect ${code} 10.0.0.1:443`), { code }) });
  });
}

describe('idempotent calls (GET, DELETE)', () => {
  test.each([408, 429, 500, 502, 503, 504])('GET %i: 3 attempts with the default maxRetries of 2', async (code) => {
    const { result, requests } = callWith(status(code));
    const error = await rejectionOf(result);
    expect(error).toMatchObject({ status: code });
    expect(requests).toHaveLength(3);
  });

  test('GET network error: 3 attempts, then APIConnectionError', async () => {
    const { result, requests } = callWith(networkError);
    expect(await rejectionOf(result)).toBeInstanceOf(APIConnectionError);
    expect(requests).toHaveLength(3);
  });

  test('GET timeout: retried, then APITimeoutError', async () => {
    const { result, requests } = callWith(hang, { client: testClient({ timeout: 1000 }) });
    expect(await rejectionOf(result)).toBeInstanceOf(APITimeoutError);
    expect(requests).toHaveLength(3);
  });

  test('GET succeeds after two 503s', async () => {
    const { result, requests } = callWith(status(503), { failures: 2 });
    expect(await result).toEqual({ ok: true });
    expect(requests).toHaveLength(3);
  });

  test('DELETE 500 is retried', async () => {
    const { result, requests } = callWith(status(500), { method: 'DELETE' });
    expect(await rejectionOf(result)).toBeInstanceOf(InternalServerError);
    expect(requests).toHaveLength(3);
  });

  test.each([400, 401, 403, 404, 409])('GET %i: sent once', async (code) => {
    const { result, requests } = callWith(status(code));
    expect(await rejectionOf(result)).toMatchObject({ status: code });
    expect(requests).toHaveLength(1);
  });

  test('a POST marked idempotent (cancel) retries a 500', async () => {
    const { result, requests } = callWith(status(500), { method: 'POST', retry: 'idempotent' });
    await rejectionOf(result);
    expect(requests).toHaveLength(3);
  });
});

describe('billed calls (POST by default)', () => {
  test.each([500, 502, 503, 504, 408])('POST %i: sent once (the job may exist)', async (code) => {
    const { result, requests } = callWith(status(code), { method: 'POST' });
    expect(await rejectionOf(result)).toMatchObject({ status: code });
    expect(requests).toHaveLength(1);
  });

  test('a 5xx, timeout or dropped connection on a billed call says the work may exist', async () => {
    for (const answer of [status(500), networkError]) {
      const { result } = callWith(answer, { method: 'POST' });
      expect((await rejectionOf(result)).message).toContain('may exist and be billed');
    }
    const { result } = callWith(status(400), { method: 'POST' });
    expect((await rejectionOf(result)).message).not.toContain('may exist');
  });

  test('POST timeout: sent once', async () => {
    const { result, requests } = callWith(hang, { method: 'POST', client: testClient({ timeout: 1000 }) });
    expect(await rejectionOf(result)).toBeInstanceOf(APITimeoutError);
    expect(requests).toHaveLength(1);
  });

  test('POST connection reset after sending: sent once', async () => {
    const { result, requests } = callWith(networkError, { method: 'POST' });
    expect(await rejectionOf(result)).toBeInstanceOf(APIConnectionError);
    expect(requests).toHaveLength(1);
  });

  test('POST 429: retried', async () => {
    const { result, requests } = callWith(status(429), { method: 'POST', failures: 2 });
    expect(await result).toEqual({ ok: true });
    expect(requests).toHaveLength(3);
  });

  test('POST connection refused (never sent): retried', async () => {
    const fetch = refusingFetch();
    const error = await rejectionOf(
      settle(
        transportOf(testClient({ fetch })).request({
          method: 'POST',
          path: '/generate/img2img',
          body: {},
          schema: anything,
        }),
      ),
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toContain('ECONNREFUSED');
    expect(fetch).toHaveBeenCalledTimes(3);
  });

  test('POST connection reset reported by undici: sent once', async () => {
    const fetch = refusingFetch('ECONNRESET');
    await rejectionOf(
      settle(
        transportOf(testClient({ fetch })).request({
          method: 'POST',
          path: '/generate/img2img',
          body: {},
          schema: anything,
        }),
      ),
    );
    expect(fetch).toHaveBeenCalledTimes(1);
  });
});

describe('maxRetries', () => {
  test('per-request override', async () => {
    const none = callWith(status(503), { maxRetries: 0 });
    await rejectionOf(none.result);
    expect(none.requests).toHaveLength(1);
    server.resetHandlers();
    const five = callWith(status(503), { maxRetries: 5 });
    await rejectionOf(five.result);
    expect(five.requests).toHaveLength(6);
  });

  test('client option', async () => {
    const { result, requests } = callWith(status(503), { client: testClient({ maxRetries: 1 }) });
    await rejectionOf(result);
    expect(requests).toHaveLength(2);
  });
});

describe('server-directed delays', () => {
  /** Starts a call whose first answer is `first`, then `{ ok: true }`, and waits until the retry is scheduled. */
  async function firstThenOk(first: () => Response, method: Method = 'POST') {
    const { logger, lines } = captureLogger();
    const { handler, requests } = recordApi((_request, attempt) =>
      attempt === 1 ? first() : HttpResponse.json({ ok: true }),
    );
    server.use(handler);
    const client = testClient({ logger, logLevel: 'warn' });
    const body = method === 'POST' ? {} : undefined;
    const result = transportOf(client).request({ method, path: '/generate/img2img', body, schema: anything });
    result.catch(() => {});
    await until(() => lines.some((line) => line.includes('retry 1')), 'the retry to be scheduled');
    return { result, requests };
  }

  test('429 with Retry-After: 1 is retried once, after 1 s', async () => {
    const { result, requests } = await firstThenOk(() =>
      HttpResponse.json({ reason: 'busy' }, { status: 429, headers: { 'Retry-After': '1' } }),
    );
    await vi.advanceTimersByTimeAsync(999);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toEqual({ ok: true });
    expect(requests).toHaveLength(2);
  });

  // [title, first answer, method, ms just short of the delay, ms left]
  test.each<[string, () => Response, Method | undefined, number, number]>([
    [
      '429 with an HTTP-date Retry-After',
      () => HttpResponse.json({}, { status: 429, headers: { 'Retry-After': 'Thu, 01 Jan 2026 00:00:03 GMT' } }),
      undefined,
      2990,
      10,
    ],
    [
      '429 with a body remainingSeconds',
      () => HttpResponse.json({ reason: 'cooldown', remainingSeconds: 2 }, { status: 429 }),
      undefined,
      1999,
      1,
    ],
    [
      '503 with Retry-After: 2 on a GET waits 2 s, not the backoff',
      () => HttpResponse.json({ reason: 'Unavailable' }, { status: 503, headers: { 'Retry-After': '2' } }),
      'GET',
      1999,
      1,
    ],
  ])('%s', async (_title, answer, method, before, rest) => {
    const { result, requests } = await firstThenOk(answer, method);
    await vi.advanceTimersByTimeAsync(before);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(rest);
    await result;
    expect(requests).toHaveLength(2);
  });

  test.each([
    ['Retry-After: 120', { 'Retry-After': '120' }, {}, 120_000],
    ['remainingSeconds: 900', {}, { reason: 'cooldown', remainingSeconds: 900 }, 900_000],
  ])('a wait over 60 s (%s) is not slept: RateLimitError with retryAfterMs', async (_name, headers, body, expected) => {
    vi.useRealTimers();
    const { handler, requests } = recordApi(() => HttpResponse.json(body, { status: 429, headers }));
    server.use(handler);
    const started = performance.now();
    const error = await rejectionOf(
      transportOf(testClient()).request({ method: 'GET', path: '/jobs', schema: anything }),
    );
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfterMs).toBe(expected);
    expect(error.message).toContain(`Retry in ${expected / 1000} s`);
    expect(requests).toHaveLength(1);
  });

  test('without a server delay, backoff is full jitter under 0.5 s then 1 s', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(0.999);
    const { logger, lines } = captureLogger();
    const { handler, requests } = recordApi((_request, attempt) =>
      attempt < 3 ? HttpResponse.json({}, { status: 503 }) : HttpResponse.json({ ok: true }),
    );
    server.use(handler);
    const result = transportOf(testClient({ logger, logLevel: 'warn' })).request({
      method: 'GET',
      path: '/jobs',
      schema: anything,
    });
    await until(() => lines.some((line) => line.includes('retry 1 in 500 ms')));
    await vi.advanceTimersByTimeAsync(498);
    expect(requests).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2);
    await until(() => lines.some((line) => line.includes('retry 2 in 999 ms')));
    expect(requests).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(999);
    expect(await result).toEqual({ ok: true });
    expect(requests).toHaveLength(3);
  });
});
