/**
 * design.md §3 — error classes exported from the package root, their hierarchy and fields,
 * and the HTTP status → class mapping of §3/§4 observed through a real call.
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIError,
  APITimeoutError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidRequestError,
  JobCanceledError,
  JobFailedError,
  JobTimeoutError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ResponseValidationError,
  Scenario,
  ScenarioError,
} from '../../src/index.js';
import { API, contractClient, errorBody, headerOf, KEY, rejectionOf, SECRET, useFakeApi } from './_fake-api.js';

const { api, use, rec } = useFakeApi();
const client = () => contractClient({ maxRetries: 0 });

describe('error classes are exported from the package root', () => {
  const all = {
    ScenarioError,
    APIError,
    BadRequestError,
    AuthenticationError,
    PermissionDeniedError,
    NotFoundError,
    ConflictError,
    RateLimitError,
    InternalServerError,
    APIConnectionError,
    APITimeoutError,
    APIUserAbortError,
    InvalidRequestError,
    ResponseValidationError,
    JobFailedError,
    JobCanceledError,
    JobTimeoutError,
  };

  it.each(Object.entries(all))('%s is a class extending Error and ScenarioError', (_name, Cls) => {
    expect(typeof Cls).toBe('function');
    expect(Cls.prototype).toBeInstanceOf(Error);
    expect(Cls === ScenarioError || Cls.prototype instanceof ScenarioError).toBe(true);
  });

  it.each([
    ['BadRequestError', BadRequestError],
    ['AuthenticationError', AuthenticationError],
    ['PermissionDeniedError', PermissionDeniedError],
    ['NotFoundError', NotFoundError],
    ['ConflictError', ConflictError],
    ['RateLimitError', RateLimitError],
    ['InternalServerError', InternalServerError],
  ] as const)('%s extends APIError', (_name, Cls) => {
    expect(Cls.prototype).toBeInstanceOf(APIError);
  });

  it.each([
    ['APIConnectionError', APIConnectionError],
    ['InvalidRequestError', InvalidRequestError],
    ['ResponseValidationError', ResponseValidationError],
    ['JobFailedError', JobFailedError],
    ['JobCanceledError', JobCanceledError],
    ['JobTimeoutError', JobTimeoutError],
  ] as const)('%s is not an APIError (it is not an HTTP error answer)', (_name, Cls) => {
    expect(Cls.prototype instanceof APIError).toBe(false);
  });
});

describe('HTTP status → error class (GET /assets/{id}, maxRetries 0)', () => {
  const cases = [
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
  ] as const;

  it.each(cases)('%i → %o with status, reason, traceId, details, body, headers', async (status, Cls) => {
    const body = errorBody(`boom ${status}`, { details: { actionName: 'parallel-inference', actionLimit: 2 } });
    use(
      http.get(
        `${API}/assets/:id`,
        rec(() => HttpResponse.json(body, { status, headers: { 'x-contract-marker': `m${status}` } })),
      ),
    );
    const err = await rejectionOf(client().assets.get('asset_x'));
    expect(err).toBeInstanceOf(Cls);
    expect(err).toBeInstanceOf(APIError);
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err).toBeInstanceOf(Error);
    expect(err.status).toBe(status);
    expect(err.reason).toBe(`boom ${status}`);
    expect(err.traceId).toBe('trace-0001');
    expect(err.details).toEqual({ actionName: 'parallel-inference', actionLimit: 2 });
    expect(err.body).toEqual(body);
    expect(headerOf(err.headers, 'x-contract-marker')).toBe(`m${status}`);
    expect(err.message).toContain(`boom ${status}`);
    expect(api.calls('GET', '/assets/asset_x')).toHaveLength(1);
  });

  it.each([
    ['message', { message: 'Model requires the Pro plan' }],
    ['error', { error: 'Model requires the Pro plan' }],
    ['detail', { detail: 'Model requires the Pro plan' }],
  ])('takes the message from `%s` when there is no `reason`', async (_field, body) => {
    use(
      http.get(
        `${API}/assets/:id`,
        rec(() => HttpResponse.json(body, { status: 403 })),
      ),
    );
    const err = await rejectionOf(client().assets.get('asset_x'));
    expect(err).toBeInstanceOf(PermissionDeniedError);
    expect(err.message).toContain('Model requires the Pro plan');
  });

  it('RateLimitError carries retryAfterMs from a body remainingSeconds', async () => {
    use(
      http.get(
        `${API}/assets/:id`,
        rec(() => HttpResponse.json({ reason: 'cooldown', remainingSeconds: 900 }, { status: 429 })),
      ),
    );
    const err = await rejectionOf(client().assets.get('asset_x'));
    expect(err).toBeInstanceOf(RateLimitError);
    expect(err.retryAfterMs).toBe(900_000);
  });

  it('a 2xx answer the SDK cannot use → ResponseValidationError', async () => {
    use(
      http.get(
        `${API}/assets/:id`,
        rec(() => HttpResponse.json({ asset: { id: 42, url: false } })),
      ),
    );
    const err = await rejectionOf(client().assets.get('asset_x'));
    expect(err).toBeInstanceOf(ResponseValidationError);
    expect(err).toBeInstanceOf(ScenarioError);
  });

  it('a connection failure → APIConnectionError', async () => {
    use(
      http.get(
        `${API}/assets/:id`,
        rec(() => HttpResponse.error()),
      ),
    );
    const err = await rejectionOf(client().assets.get('asset_x'));
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(err).toBeInstanceOf(ScenarioError);
  });

  it('a refused connection (undici-shaped TypeError) → APIConnectionError with a readable message', async () => {
    const refused: typeof globalThis.fetch = async () => {
      const cause = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
      throw new TypeError('fetch failed', { cause });
    };
    const err = await rejectionOf(
      new Scenario({ apiKey: KEY, apiSecret: SECRET, maxRetries: 0, fetch: refused }).assets.get('asset_x'),
    );
    expect(err).toBeInstanceOf(APIConnectionError);
    expect(err.message.length).toBeGreaterThan(0);
    expect(err.message).not.toMatch(/\[object \w+\]/);
  });
});
