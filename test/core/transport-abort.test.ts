import { delay, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { transportOf } from '../../src/client.js';
import { APITimeoutError, APIUserAbortError } from '../../src/core/errors.js';
import { checkRequestOptions } from '../../src/core/options.js';
import { captureLogger, recordApi, testClient, useMockServer } from '../helpers/msw.js';
import { rejectionOf, settle, until, useFakeClock } from '../helpers/timers.js';

const server = useMockServer();
const anything = z.unknown();

beforeEach(() => useFakeClock());
afterEach(() => vi.useRealTimers());

const hang = async () => {
  await delay('infinite');
  return HttpResponse.json({});
};

describe('abort', () => {
  test('an already-aborted signal sends nothing', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    const error = await rejectionOf(
      transportOf(testClient()).request({
        method: 'GET',
        path: '/jobs',
        schema: anything,
        options: checkRequestOptions({ signal: AbortSignal.abort(new Error('user left')) }),
      }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error.cause as Error).message).toBe('user left');
    expect(requests).toHaveLength(0);
  });

  test('an abort during a retry wait rejects at once and sends nothing more', async () => {
    const { logger, lines } = captureLogger();
    const { handler, requests } = recordApi(() =>
      HttpResponse.json({ reason: 'busy' }, { status: 429, headers: { 'Retry-After': '30' } }),
    );
    server.use(handler);
    const controller = new AbortController();
    const result = transportOf(testClient({ logger, logLevel: 'warn' })).request({
      method: 'GET',
      path: '/jobs',
      schema: anything,
      options: checkRequestOptions({ signal: controller.signal }),
    });
    result.catch(() => {});
    await until(() => lines.some((line) => line.includes('retry 1 in 30000 ms')));
    controller.abort();
    // No timer is advanced: the rejection must not wait for the 30 s sleep.
    expect(await rejectionOf(result)).toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(requests).toHaveLength(1);
  });

  test('an abort during an attempt rejects with APIUserAbortError and is not retried', async () => {
    const { handler, requests } = recordApi(hang);
    server.use(handler);
    const controller = new AbortController();
    const result = transportOf(testClient()).request({
      method: 'GET',
      path: '/jobs',
      schema: anything,
      options: checkRequestOptions({ signal: controller.signal }),
    });
    result.catch(() => {});
    await until(() => requests.length === 1);
    controller.abort();
    expect(await rejectionOf(result)).toBeInstanceOf(APIUserAbortError);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(requests).toHaveLength(1);
  });

  test('fetchRaw honours the signal too', async () => {
    const error = await rejectionOf(
      transportOf(testClient()).fetchRaw(
        'https://cdn.cloud.scenario.com/a.png',
        { options: checkRequestOptions({ signal: AbortSignal.abort() }) },
        async () => undefined,
      ),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
  });
});

describe('timeout', () => {
  test('per attempt, from the client option', async () => {
    const { handler } = recordApi(hang);
    server.use(handler);
    const result = transportOf(testClient({ timeout: 1000 })).request({
      method: 'GET',
      path: '/jobs',
      schema: anything,
      options: checkRequestOptions({ maxRetries: 0 }),
    });
    let settled = false;
    result.catch(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await rejectionOf(result);
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error.message).toBe('GET /jobs timed out after 1000 ms.');
  });

  test('per-request override', async () => {
    const { handler } = recordApi(hang);
    server.use(handler);
    const error = await rejectionOf(
      settle(
        transportOf(testClient({ timeout: 60_000 })).request({
          method: 'GET',
          path: '/jobs',
          schema: anything,
          options: checkRequestOptions({ timeout: 250, maxRetries: 0 }),
        }),
        50,
      ),
    );
    expect(error.message).toContain('timed out after 250 ms');
  });

  test('wins over a custom fetch whose answer never ends, even though it ignores the signal', async () => {
    const stalledBody = new ReadableStream({ start() {} });
    const fetch = () => Promise.resolve(new Response(stalledBody, { status: 200 }));
    const error = await rejectionOf(
      settle(
        transportOf(testClient({ fetch, timeout: 250 })).request({
          method: 'GET',
          path: '/jobs',
          schema: anything,
          options: checkRequestOptions({ maxRetries: 0 }),
        }),
        50,
      ),
    );
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error.message).toBe('GET /jobs timed out after 250 ms.');
  });

  test('a billed call says the job may exist', async () => {
    const { handler } = recordApi(hang);
    server.use(handler);
    const error = await rejectionOf(
      settle(
        transportOf(testClient({ timeout: 1000 })).request({
          method: 'POST',
          path: '/generate/img2img',
          body: {},
          schema: anything,
        }),
      ),
    );
    expect(error).toBeInstanceOf(APITimeoutError);
    expect(error.message).toMatch(/^POST \/generate\/img2img timed out after 1000 ms\. .*may exist and be billed/);
  });
});
