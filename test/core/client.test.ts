import { HttpResponse, http } from 'msw';
import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import packageJson from '../../package.json' with { type: 'json' };
import { Scenario, transportOf } from '../../src/client.js';
import { InvalidRequestError } from '../../src/core/errors.js';
import { checkRequestOptions } from '../../src/core/options.js';
import { VERSION } from '../../src/index.js';
import { API, recordApi, useMockServer } from '../helpers/msw.js';
import { rejectionOf } from '../helpers/timers.js';

const server = useMockServer();
const anything = z.unknown();
const envNames = [
  'SCENARIO_API_KEY',
  'SCENARIO_API_SECRET',
  'SCENARIO_API_TOKEN',
  'SCENARIO_BASE_URL',
  'SCENARIO_PROJECT_ID',
] as const;

/** Clears the SCENARIO_* variables of the machine running the tests; vitest restores them after each test. */
function clearEnv() {
  for (const name of envNames) vi.stubEnv(name, undefined);
}

function get(client: Scenario, options?: { projectId?: string }) {
  return transportOf(client).request({
    method: 'GET',
    path: '/jobs',
    schema: anything,
    options: checkRequestOptions(options),
  });
}

describe('auth', () => {
  test('Basic auth is base64(key:secret) on API calls', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    await get(new Scenario({ apiKey: 'api_abc', apiSecret: 's3cr3t' }));
    expect(requests[0]?.headers.get('authorization')).toBe(`Basic ${Buffer.from('api_abc:s3cr3t').toString('base64')}`);
  });

  test('Basic auth encodes non-ASCII secrets as UTF-8', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    await get(new Scenario({ apiKey: 'api_abc', apiSecret: 'clé' }));
    expect(requests[0]?.headers.get('authorization')).toBe(`Basic ${Buffer.from('api_abc:clé').toString('base64')}`);
  });

  test('Bearer auth with a token', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    await get(new Scenario({ token: 'jwt.token.value' }));
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer jwt.token.value');
  });

  test('fetchRaw sends neither auth nor default headers to other hosts, and keeps the signed query intact', async () => {
    const seen: Request[] = [];
    server.use(
      http.get('https://cdn.cloud.scenario.com/assets-transform/*', ({ request }) => {
        seen.push(request);
        return new HttpResponse('png bytes');
      }),
    );
    const client = new Scenario({
      apiKey: 'api_abc',
      apiSecret: 's3cr3t',
      projectId: 'proj_1',
      defaultHeaders: { 'x-team': 'secret-team' },
    });
    const signed = 'https://cdn.cloud.scenario.com/assets-transform/a.png?Signature=abc%2F&Expires=1';
    const text = await transportOf(client).fetchRaw(signed, {}, (response) => response.text());
    expect(text).toBe('png bytes');
    expect(seen[0]?.headers.get('authorization')).toBeNull();
    expect(seen[0]?.headers.get('x-team')).toBeNull();
    expect(seen[0]?.url).toBe(signed);
  });

  test('an API redirect is reported, not followed: no header or body reaches the other host', async () => {
    const seen: Request[] = [];
    server.use(
      http.post(`${API}/generate/img2img`, () =>
        HttpResponse.json(null, { status: 307, headers: { location: 'https://elsewhere.example.com/steal' } }),
      ),
      http.all('https://elsewhere.example.com/*', ({ request }) => {
        seen.push(request);
        return HttpResponse.json({ ok: true });
      }),
    );
    const client = new Scenario({ token: 't0ken', defaultHeaders: { 'x-gateway-key': 'gw-secret' } });
    const error = await rejectionOf(
      transportOf(client).request({
        method: 'POST',
        path: '/generate/img2img',
        body: { prompt: 'x' },
        schema: anything,
      }),
    );
    expect(error).toMatchObject({ name: 'APIError', status: 307 });
    expect(error.message).toContain('https://elsewhere.example.com');
    expect(seen).toHaveLength(0);
  });

  test('fetchRaw maps a failure to a typed error naming the URL without its query', async () => {
    server.use(http.put('https://uploads.example.com/part/1', () => new HttpResponse('denied', { status: 403 })));
    const error = await rejectionOf(
      transportOf(new Scenario({ token: 't0ken' })).fetchRaw(
        'https://uploads.example.com/part/1?X-Sig=zzz',
        { method: 'PUT', body: 'bytes', options: checkRequestOptions({ maxRetries: 0 }) },
        async () => undefined,
      ),
    );
    expect(error).toMatchObject({ name: 'PermissionDeniedError', status: 403 });
    expect(error.message).toMatch(/^PUT https:\/\/uploads\.example\.com\/part\/1 failed with 403/);
    expect(error.message).toContain('Signed URLs expire');
    expect(error.message).not.toContain('X-Sig');
  });

  test('defaultHeaders and per-request headers reach API calls', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    const client = new Scenario({ token: 't0ken', defaultHeaders: { 'x-default': 'd' } });
    await transportOf(client).request({
      method: 'GET',
      path: '/jobs',
      schema: anything,
      options: checkRequestOptions({ headers: { 'x-call': 'c' } }),
    });
    expect(requests[0]?.headers.get('x-default')).toBe('d');
    expect(requests[0]?.headers.get('x-call')).toBe('c');
  });

  test('header names are case-insensitive: a per-request Authorization replaces the client one', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    const client = new Scenario({
      apiKey: 'api_abc',
      apiSecret: 's3cr3t',
      defaultHeaders: { Accept: 'application/json' },
    });
    await transportOf(client).request({
      method: 'GET',
      path: '/jobs',
      schema: anything,
      options: checkRequestOptions({ headers: { Authorization: 'Bearer other' } }),
    });
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer other');
    expect(requests[0]?.headers.get('accept')).toBe('application/json');
  });
});

describe('env fallbacks', () => {
  test('SCENARIO_API_KEY and SCENARIO_API_SECRET give Basic auth', async () => {
    clearEnv();
    vi.stubEnv('SCENARIO_API_KEY', 'api_env');
    vi.stubEnv('SCENARIO_API_SECRET', 'secret_env');
    const { handler, requests } = recordApi();
    server.use(handler);
    await get(new Scenario());
    expect(requests[0]?.headers.get('authorization')).toBe(`Basic ${btoa('api_env:secret_env')}`);
  });

  test('SCENARIO_API_TOKEN gives Bearer auth', async () => {
    clearEnv();
    vi.stubEnv('SCENARIO_API_TOKEN', 'jwt_env');
    const { handler, requests } = recordApi();
    server.use(handler);
    await get(new Scenario());
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer jwt_env');
  });

  test('SCENARIO_BASE_URL and SCENARIO_PROJECT_ID are used, options win over env', async () => {
    clearEnv();
    vi.stubEnv('SCENARIO_API_TOKEN', 'jwt_env');
    vi.stubEnv('SCENARIO_BASE_URL', 'http://localhost:4010/v1');
    vi.stubEnv('SCENARIO_PROJECT_ID', 'proj_env');
    const { handler, requests } = recordApi(undefined, 'http://localhost:4010/v1');
    server.use(handler);
    await get(new Scenario());
    await get(new Scenario({ token: 'jwt_option', projectId: 'proj_option' }));
    expect(requests.map((request) => request.url)).toEqual([
      'http://localhost:4010/v1/jobs?projectId=proj_env',
      'http://localhost:4010/v1/jobs?projectId=proj_option',
    ]);
    expect(requests[1]?.headers.get('authorization')).toBe('Bearer jwt_option');
  });
});

describe('credentials passed in replace the env ones as a whole', () => {
  test('a token option wins over a key pair from the env', async () => {
    clearEnv();
    vi.stubEnv('SCENARIO_API_KEY', 'api_env');
    vi.stubEnv('SCENARIO_API_SECRET', 'secret_env');
    const { handler, requests } = recordApi();
    server.use(handler);
    await get(new Scenario({ token: 'jwt_option' }));
    expect(requests[0]?.headers.get('authorization')).toBe('Bearer jwt_option');
  });

  test('an apiKey option is not completed by an env secret', async () => {
    clearEnv();
    vi.stubEnv('SCENARIO_API_SECRET', 'secret_env');
    const { handler, requests } = recordApi();
    server.use(handler);
    const error = await rejectionOf(get(new Scenario({ apiKey: 'api_option' })));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(String(error)).toContain('apiSecret is missing');
    expect(requests).toHaveLength(0);
  });
});

describe('request options are checked before any request', () => {
  test.each([[{ timeout: -1 }], [{ maxRetries: 99 }], [{ signal: 'stop' }], [{ projectId: '' }]])(
    '%o',
    async (options) => {
      const { handler, requests } = recordApi();
      server.use(handler);
      const client = new Scenario({ token: 't' });
      const error = await rejectionOf(client.jobs.get('job_x', options as never));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(requests).toHaveLength(0);
    },
  );
});

describe('client options are checked when the client is built', () => {
  test.each([
    [{ timeout: 0 }, 'timeout'],
    [{ timeout: -5 }, 'timeout'],
    [{ maxRetries: -1 }, 'maxRetries'],
    [{ maxRetries: 1.5 }, 'maxRetries'],
    [{ logLevel: 'verbose' }, 'logLevel'],
    [{ retries: 3 }, 'retries'],
  ])('%o is refused naming %s', (options, field) => {
    expect(() => new Scenario({ apiKey: 'k', apiSecret: 's', ...options } as never)).toThrow(InvalidRequestError);
    expect(() => new Scenario({ apiKey: 'k', apiSecret: 's', ...options } as never)).toThrow(field);
  });
});

describe('missing credentials', () => {
  test('construction succeeds; the first call fails with a clear error and sends nothing', async () => {
    clearEnv();
    const { handler, requests } = recordApi();
    server.use(handler);
    const client = new Scenario();
    const error = await rejectionOf(get(client));
    expect(error).toBeInstanceOf(InvalidRequestError);
    for (const name of ['apiKey', 'apiSecret', 'token', ...envNames.slice(0, 3)]) expect(error.message).toContain(name);
    expect(requests).toHaveLength(0);
  });

  test('a key without its secret names the missing half', async () => {
    clearEnv();
    const error = await rejectionOf(get(new Scenario({ apiKey: 'api_abc' })));
    expect(error.message).toContain('apiSecret is missing');
  });
});

describe('projectId', () => {
  test('sent as a query parameter on every call, overridable per request', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    const client = new Scenario({ token: 't0ken', projectId: 'proj_client' });
    await get(client);
    await transportOf(client).request({ method: 'POST', path: '/generate/img2img', body: {}, schema: anything });
    await get(client, { projectId: 'proj_call' });
    expect(requests.map((request) => new URL(request.url).searchParams.getAll('projectId'))).toEqual([
      ['proj_client'],
      ['proj_client'],
      ['proj_call'],
    ]);
  });

  test('absent when not configured', async () => {
    clearEnv();
    const { handler, requests } = recordApi();
    server.use(handler);
    await get(new Scenario({ token: 't0ken' }));
    expect(requests[0]?.url).toBe(`${API}/jobs`);
  });

  test('query values are encoded, arrays repeated, undefined dropped', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    await transportOf(new Scenario({ token: 't0ken' })).request({
      method: 'GET',
      path: '/assets',
      query: { q: 'a&b=c', ids: ['x', 'y'], pageSize: 5, skip: undefined },
      schema: anything,
    });
    const params = new URL(requests[0]?.url ?? '').searchParams;
    expect(params.get('q')).toBe('a&b=c');
    expect(params.getAll('ids')).toEqual(['x', 'y']);
    expect(params.get('pageSize')).toBe('5');
    expect(params.has('skip')).toBe(false);
  });
});

describe('identity', () => {
  test('User-Agent names the SDK and its version', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    await get(new Scenario({ token: 't0ken' }));
    expect(requests[0]?.headers.get('user-agent')).toMatch(
      new RegExp(`^scenario-sdk/${VERSION.replace(/\./g, '\\.')} `),
    );
  });

  test('VERSION equals the package.json version', () => {
    expect(VERSION).toBe(packageJson.version);
  });

  test('JSON bodies are sent with content-type and accept headers', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    await transportOf(new Scenario({ token: 't0ken' })).request({
      method: 'POST',
      path: '/assets',
      body: { name: 'x' },
      schema: anything,
    });
    expect(requests[0]?.headers.get('content-type')).toMatch(/^application\/json/);
    expect(requests[0]?.headers.get('accept')).toBe('application/json');
    expect(await requests[0]?.json()).toEqual({ name: 'x' });
  });

  test('a per-call content-type wins over the JSON default; bodiless calls send none', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    const client = new Scenario({ token: 't0ken' });
    const headers = { 'Content-Type': 'application/vnd.scenario+json' };
    await transportOf(client).request({
      method: 'PUT',
      path: '/assets/a',
      body: {},
      schema: anything,
      options: checkRequestOptions({ headers }),
    });
    await get(client);
    expect(requests[0]?.headers.get('content-type')).toBe('application/vnd.scenario+json');
    expect(requests[1]?.headers.get('content-type')).toBeNull();
  });
});

describe('custom fetch', () => {
  // A browser's fetch throws "Illegal invocation" when called as a method of another object.
  test('is called as a plain function, with a Request', async () => {
    const calls: Array<{ receiver: unknown; input: unknown; body: string }> = [];
    const fetch = async function (this: unknown, input: string | URL | Request) {
      calls.push({ receiver: this, input, body: await (input as Request).text() });
      return Response.json({ ok: true });
    };
    const client = new Scenario({ token: 't0ken', fetch, baseUrl: 'https://api.example.test/v1/' });
    await transportOf(client).request({
      method: 'POST',
      path: '/jobs',
      query: { q: ['a b', 'c'] },
      body: [1],
      schema: anything,
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.receiver).toBeUndefined();
    const request = calls[0]?.input as Request;
    expect(request).toBeInstanceOf(Request);
    expect(request).toMatchObject({
      url: 'https://api.example.test/v1/jobs?q=a+b&q=c',
      method: 'POST',
      redirect: 'manual',
    });
    expect(calls[0]?.body).toBe('[1]');
    expect(request.signal).toBeInstanceOf(AbortSignal);
  });

  test('a wrapper that edits the request headers changes only its own call', async () => {
    const seen: Array<Record<string, string>> = [];
    const fetch = (input: string | URL | Request) => {
      const { headers } = input as Request;
      seen.push(Object.fromEntries(headers));
      headers.set('x-trace', `trace-${seen.length}`);
      return Promise.resolve(Response.json({}));
    };
    const client = new Scenario({ token: 't0ken', fetch });
    await get(client);
    await get(client);
    expect(seen[1]?.['x-trace']).toBeUndefined();
  });
});
