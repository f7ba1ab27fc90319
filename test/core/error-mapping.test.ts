import vm from 'node:vm';
import { HttpResponse } from 'msw';
import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { transportOf } from '../../src/client.js';
import { checkRequestOptions } from '../../src/core/options.js';
import {
  APIError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  isScenarioError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ScenarioError,
} from '../../src/index.js';
import { recordApi, testClient, useMockServer } from '../helpers/msw.js';
import { rejectionOf } from '../helpers/timers.js';

const server = useMockServer();

/** One GET answered by `response`, without retries; resolves to the error it rejects with. */
async function errorFor(response: () => Response): Promise<APIError> {
  const { handler } = recordApi(response);
  server.use(handler);
  return (await rejectionOf(
    transportOf(testClient()).request({
      method: 'GET',
      path: '/jobs/job_1',
      schema: z.unknown(),
      options: checkRequestOptions({ maxRetries: 0 }),
    }),
  )) as APIError;
}

describe('2xx', () => {
  test('HTTP 269 with a JSON body is success', async () => {
    const { handler } = recordApi(() => HttpResponse.json({ creativeUnitsCost: 5, job: {} }, { status: 269 }));
    server.use(handler);
    const quote = await transportOf(testClient()).request({
      method: 'POST',
      path: '/generate/img2img',
      query: { dryRun: true },
      body: {},
      schema: z.looseObject({ creativeUnitsCost: z.number() }),
    });
    expect(quote.creativeUnitsCost).toBe(5);
  });

  test('an empty 2xx body is undefined, for schemas that allow it', async () => {
    const { handler } = recordApi(() => new HttpResponse(null, { status: 204 }));
    server.use(handler);
    await expect(
      transportOf(testClient()).request({ method: 'DELETE', path: '/assets', schema: z.undefined() }),
    ).resolves.toBeUndefined();
  });
});

describe('status → class', () => {
  test.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [422, APIError],
  ])('%i → %o', async (status, ErrorClass) => {
    const error = await errorFor(() =>
      HttpResponse.json(
        { reason: 'Input prompt is required', trace_id: 'tr_1', details: { field: 'prompt' } },
        { status, headers: { 'x-served-by': 'edge-1' } },
      ),
    );
    expect(error).toBeInstanceOf(ErrorClass);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toBeInstanceOf(ScenarioError);
    expect(error.name).toBe(ErrorClass.name);
    expect(error).toMatchObject({
      status,
      reason: 'Input prompt is required',
      traceId: 'tr_1',
      details: { field: 'prompt' },
      body: { reason: 'Input prompt is required', trace_id: 'tr_1', details: { field: 'prompt' } },
    });
    expect(error.headers['x-served-by']).toBe('edge-1');
    expect(error.message).toMatch(
      new RegExp(`^GET /jobs/job_1 failed with ${status}: Input prompt is required \\(trace tr_1\\)`),
    );
  });
});

describe('reason', () => {
  test.each([
    [{ reason: 'r', message: 'm', error: 'e', detail: 'd' }, 'r'],
    [{ message: 'm', error: 'e', detail: 'd' }, 'm'],
    [{ error: 'e', detail: 'd' }, 'e'],
    [{ detail: 'd' }, 'd'],
    [{ error: { message: 'nested' } }, 'nested'],
    [{ reason: '', message: 'm' }, 'm'],
  ])('from %j', async (body, reason) => {
    expect((await errorFor(() => HttpResponse.json(body, { status: 400 }))).reason).toBe(reason);
  });

  test('traceId from traceId', async () => {
    const error = await errorFor(() => HttpResponse.json({ message: 'no', traceId: 'tr_camel' }, { status: 403 }));
    expect(error.traceId).toBe('tr_camel');
  });

  test('an HTML 502 gives the page title, not markup', async () => {
    const html =
      '<!DOCTYPE html><html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head>' +
      '<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>';
    const error = await errorFor(
      () => new HttpResponse(html, { status: 502, headers: { 'content-type': 'text/html' } }),
    );
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.reason).toBe('502 Bad Gateway');
    expect(error.message).toBe('GET /jobs/job_1 failed with 502: 502 Bad Gateway');
    expect(error.message).not.toContain('<');
    expect(error.body).toBe(html);
  });

  test('plain text and empty bodies still give a readable reason', async () => {
    expect((await errorFor(() => new HttpResponse('upstream connect error', { status: 503 }))).reason).toBe(
      'upstream connect error',
    );
    const empty = await errorFor(() => new HttpResponse(null, { status: 500, statusText: 'Internal Server Error' }));
    expect(empty.reason).toBe('Internal Server Error');
  });

  test('a 429 keeps remainingSeconds and details', async () => {
    const error = (await errorFor(() =>
      HttpResponse.json(
        { reason: 'parallel limit', details: { actionName: 'generate', actionLimit: 3 }, remainingSeconds: 1000 },
        { status: 429 },
      ),
    )) as RateLimitError;
    expect(error.retryAfterMs).toBe(1_000_000);
    expect(error.details).toEqual({ actionName: 'generate', actionLimit: 3 });
    expect(error.body).toMatchObject({ remainingSeconds: 1000 });
  });
});

describe('isScenarioError', () => {
  test('true for SDK errors, false for others', () => {
    expect(
      isScenarioError(
        new BadRequestError({ status: 400, reason: 'x', body: {}, headers: {}, method: 'GET', path: '/' }),
      ),
    ).toBe(true);
    expect(isScenarioError(new Error('x'))).toBe(false);
    expect(isScenarioError(null)).toBe(false);
    expect(isScenarioError('ScenarioError')).toBe(false);
    expect(isScenarioError({ name: 'ScenarioError' })).toBe(false);
  });

  test('works for an error made by another copy of the SDK in another realm', () => {
    const foreign = vm.runInNewContext(
      'class ScenarioError extends Error { [Symbol.for("scenario-sdk.error")] = true }; new ScenarioError("elsewhere")',
    );
    expect(foreign instanceof ScenarioError).toBe(false);
    expect(isScenarioError(foreign)).toBe(true);
  });

  test('JSON.stringify gives name, message and fields', async () => {
    const error = await errorFor(() => HttpResponse.json({ reason: 'gone' }, { status: 404 }));
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ name: 'NotFoundError', status: 404, reason: 'gone' });
  });
});

describe('an unknown route (most likely a base URL without /v1)', () => {
  const baseUrlAdvice = 'check baseUrl, which should end in /v1';

  test.each([
    ['the emulator’s 404', () => HttpResponse.json({ reason: 'No route for GET /jobs/job_1' }, { status: 404 })],
    ['a bare Not Found', () => HttpResponse.json({ message: 'Not Found' }, { status: 404 })],
    ['an empty 404', () => new HttpResponse(null, { status: 404, statusText: 'Not Found' })],
    ['a framework’s 404 page', () => new HttpResponse('Cannot GET /jobs/job_1', { status: 404 })],
    ['API Gateway’s 403', () => HttpResponse.json({ message: 'Missing Authentication Token' }, { status: 403 })],
  ])('%s says to check the base URL', async (_name, answer) => {
    const error = await errorFor(answer);
    expect(error.message).toContain(baseUrlAdvice);
    expect(error.message).not.toContain('Check the id');
  });

  test('a missing resource still says to check the id', async () => {
    const error = await errorFor(() => HttpResponse.json({ reason: 'Job job_1 not found' }, { status: 404 }));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toBe('GET /jobs/job_1 failed with 404: Job job_1 not found. Check the id');
  });
});
