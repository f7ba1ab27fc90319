/**
 * Failure paths against the runtime's real fetch (no msw here): requests the runtime refuses
 * to send, the billed advice shown once, retry warnings, and a base URL without `/v1`.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { z } from 'zod';
import { transportOf } from '../../src/client.js';
import {
  APIConnectionError,
  APITimeoutError,
  InternalServerError,
  NotFoundError,
  ResponseValidationError,
} from '../../src/core/errors.js';
import { type RunningEmulator, startEmulator } from '../../src/testing/index.js';
import { captureLogger, testClient } from '../helpers/msw.js';
import { rejectionOf } from '../helpers/timers.js';

const anything = z.unknown();
const billedAdvice = 'The server may have done the work';

/** A billed call (`POST /generate/img2img`) on a client built with `options`. */
function billedCall(options: Parameters<typeof testClient>[0]) {
  return transportOf(testClient(options)).request({
    method: 'POST',
    path: '/generate/img2img',
    body: { prompt: 'a knight' },
    schema: z.object({ job: z.object({ jobId: z.string() }) }),
  });
}

/** The real fetch, counting its calls. */
function countingFetch() {
  const calls: string[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    calls.push(input instanceof Request ? input.url : String(input));
    return globalThis.fetch(input, init);
  };
  return { fetch, calls };
}

describe('a request the runtime refuses to send', () => {
  test('a port fetch blocks: not sent, no billed advice, not retried', async () => {
    const { fetch, calls } = countingFetch();
    const error = await rejectionOf(billedCall({ fetch, baseUrl: 'http://localhost:6000/v1' }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe('POST /generate/img2img was not sent: bad port');
    expect(calls).toHaveLength(1);
  });

  test('a URL a fetch wrapper cannot parse: not sent, no billed advice', async () => {
    const { fetch: realFetch, calls } = countingFetch();
    const proxy: typeof fetch = (input) => realFetch(`http://proxy.invalid:99999/${(input as Request).url}`);
    const error = await rejectionOf(billedCall({ fetch: proxy }));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toMatch(/^POST \/generate\/img2img was not sent: /);
    expect(error.message).not.toContain(billedAdvice);
    expect(calls).toHaveLength(1);
  });

  test('a body JSON cannot encode: not sent, fetch never called', async () => {
    const { fetch, calls } = countingFetch();
    const error = await rejectionOf(
      transportOf(testClient({ fetch })).request({
        method: 'POST',
        path: '/generate/custom/model_x',
        body: { seed: 1n },
        schema: anything,
      }),
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toMatch(/^POST \/generate\/custom\/model_x was not sent: .*BigInt/);
    expect(calls).toHaveLength(0);
  });
});

describe('the billed advice appears once', () => {
  const once = (error: Error) => {
    expect(error.message.split(billedAdvice)).toHaveLength(2);
    expect(String(error.stack).split(billedAdvice)).toHaveLength(2);
  };

  test('after a 5xx', async () => {
    const fetch = async () => Response.json({ reason: 'boom' }, { status: 500 });
    const error = await rejectionOf(billedCall({ fetch }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.message).toMatch(/^POST \/generate\/img2img failed with 500: boom\. The server may have done/);
    once(error);
  });

  test('after a timeout, a connection lost after sending and a garbled 2xx', async () => {
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const reset: typeof fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      });
    };
    const garbled: typeof fetch = async () => new Response('<html>', { status: 200 });
    const wrongShape: typeof fetch = async () => Response.json({ job: {} });
    const errors = await Promise.all(
      [hang, reset, garbled, wrongShape].map((fetch) => rejectionOf(billedCall({ fetch, timeout: 50 }))),
    );
    expect(errors.map((error) => error.constructor)).toEqual([
      APITimeoutError,
      APIConnectionError,
      ResponseValidationError,
      ResponseValidationError,
    ]);
    for (const error of errors) once(error);
  });
});

test('a retry warning names the endpoint once', async () => {
  const { logger, lines } = captureLogger();
  const reset: typeof fetch = async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
  };
  const client = testClient({ fetch: reset, logger, logLevel: 'warn', maxRetries: 1 });
  await rejectionOf(transportOf(client).request({ method: 'GET', path: '/jobs', schema: anything }));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    /^warn: \[scenario-sdk\] GET \/jobs failed without a complete answer: read ECONNRESET; retry 1 in \d+ ms$/,
  );
});

describe('a base URL without /v1', () => {
  let emulator: RunningEmulator;
  beforeAll(async () => {
    emulator = await startEmulator();
  });
  afterAll(() => emulator.close());

  test('the 404 says to check the base URL, not the id', async () => {
    const baseUrl = emulator.url.replace(/\/v1$/, '');
    const client = testClient({ baseUrl, apiKey: 'key', apiSecret: 'secret' });
    const error = await rejectionOf(client.jobs.get('job_abc'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('No route for GET /jobs/job_abc');
    expect(error.message).toContain('check baseUrl, which should end in /v1');
    expect(error.message).not.toContain('Check the id');
  });

  test('a missing job on the right base URL still says to check the id', async () => {
    const client = testClient({ baseUrl: emulator.url, apiKey: 'key', apiSecret: 'secret' });
    const error = await rejectionOf(client.jobs.get('job_doesnotexist'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('Check the id');
  });
});
