import { describe, expect, test, vi } from 'vitest';
import { z } from 'zod';
import { Scenario, transportOf } from '../../src/client.js';
import { DEFAULT_BASE_URL, parseBaseUrl } from '../../src/core/base-url.js';
import { InvalidRequestError } from '../../src/core/errors.js';
import { recordApi, testClient, useMockServer } from '../helpers/msw.js';
import { renderings } from '../helpers/renderings.js';

const server = useMockServer();

describe('parseBaseUrl', () => {
  test.each([
    'http://api.example.com/v1',
    'http://localhost.example.com',
    'http://127.0.0.1.example.com',
    'http://10.0.0.1:8080',
  ])('refuses http: for a non-loopback host: %s', (url) => {
    expect(() => parseBaseUrl(url)).toThrow(InvalidRequestError);
    expect(() => parseBaseUrl(url)).toThrow(/http: is only allowed for loopback hosts.*allowInsecureHttp: true/);
  });

  test.each([
    'http://localhost:4010/v1',
    'http://127.0.0.1:8080',
    'http://[::1]:3000/v1',
    'https://api.example.com/v1',
  ])('accepts %s', (url) => {
    expect(parseBaseUrl(url).href.startsWith(url.replace(/\/$/, ''))).toBe(true);
  });

  test('refuses other protocols and non-URLs', () => {
    expect(() => parseBaseUrl('ftp://localhost/v1')).toThrow(/unsupported protocol/);
    expect(() => parseBaseUrl('api.cloud.scenario.com')).toThrow(/not a URL/);
  });

  test('drops a trailing slash, query and hash', () => {
    expect(parseBaseUrl('https://api.example.com/v1/?x=1#y').href).toBe('https://api.example.com/v1');
    expect(parseBaseUrl(new URL(DEFAULT_BASE_URL)).href).toBe(DEFAULT_BASE_URL);
  });

  test('a base URL without a path gives single-slash request URLs', async () => {
    const { handler, requests } = recordApi(undefined, 'http://localhost:4010');
    server.use(handler);
    await transportOf(testClient({ baseUrl: 'http://localhost:4010/' })).request({
      method: 'GET',
      path: '/jobs',
      schema: z.unknown(),
    });
    expect(requests[0]?.url).toBe('http://localhost:4010/jobs');
  });

  test('the client refuses an http: base URL at construction', () => {
    expect(() => new Scenario({ token: 't0ken', baseUrl: 'http://api.cloud.scenario.com/v1' })).toThrow(
      InvalidRequestError,
    );
  });
});

/** What `new Scenario(options)` threw. */
function constructionError(options: ConstructorParameters<typeof Scenario>[0]): Error {
  try {
    new Scenario(options);
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the client to refuse its options');
}

describe('a base URL with a user or password', () => {
  const PASSWORD = 'pw-CANARY-91f2';

  test.each([
    `https://user:${PASSWORD}@api.example.com/v1`,
    `https://:${PASSWORD}@api.example.com/v1`,
    `https://${PASSWORD}@api.example.com/v1`,
    `http://user:${PASSWORD}@localhost:4010/v1`,
    `https://user:${PASSWORD}@api.example.com:99999/v1`,
  ])('is refused at construction, the password absent from every rendering: %s', (baseUrl) => {
    const fetch = vi.fn<typeof globalThis.fetch>();
    const error = constructionError({ token: 't0ken', baseUrl, fetch });
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toMatch(/baseUrl/);
    for (const text of renderings(error)) expect(text).not.toContain(PASSWORD);
    expect(fetch).not.toHaveBeenCalled();
  });

  test('a URL object is refused too', () => {
    const error = constructionError({ token: 't0ken', baseUrl: new URL(`https://u:${PASSWORD}@api.example.com/v1`) });
    expect(error.message).toMatch(/must not contain a user name or password/);
    for (const text of renderings(error)) expect(text).not.toContain(PASSWORD);
  });

  test('from SCENARIO_BASE_URL, the error names the variable', () => {
    vi.stubEnv('SCENARIO_BASE_URL', `https://user:${PASSWORD}@api.example.com/v1`);
    const error = constructionError({ token: 't0ken' });
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain('SCENARIO_BASE_URL');
    for (const text of renderings(error)) expect(text).not.toContain(PASSWORD);
  });

  test('a value that is not a URL is not echoed with its user info or query', () => {
    const error = constructionError({ token: 't0ken', baseUrl: `https://user:${PASSWORD}@bad host/v1?sig=SIGNED` });
    expect(error.message).toMatch(/not a URL/);
    for (const text of renderings(error)) {
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain('SIGNED');
    }
  });
});

describe('allowInsecureHttp', () => {
  test('lets an http: base URL reach a non-loopback host (an emulator in docker compose)', async () => {
    const seen: Request[] = [];
    const client = new Scenario({
      apiKey: 'api_test',
      apiSecret: 'secret_test',
      baseUrl: 'http://emulator:4010/v1',
      allowInsecureHttp: true,
      logLevel: 'off',
      fetch: async (input, init) => {
        const request = new Request(input, init);
        seen.push(request);
        if (request.url.startsWith('http://emulator:4010/v1/')) {
          return Response.json({
            asset: { id: 'asset_1', url: 'http://cdn.example:4010/a.png', mimeType: 'image/png', kind: 'image' },
          });
        }
        return new Response(new Uint8Array([1, 2, 3]));
      },
    });
    const asset = await client.assets.get('asset_1');
    await client.assets.download(asset);
    expect(seen.map((request) => request.url)).toEqual([
      'http://emulator:4010/v1/assets/asset_1',
      'http://cdn.example:4010/a.png',
    ]);
    expect(seen[0]?.headers.get('authorization')).toMatch(/^Basic /);
    expect(seen[1]?.headers.get('authorization')).toBeNull();
  });

  test('is a boolean client option, false by default', () => {
    expect(() => new Scenario({ token: 't0ken', baseUrl: 'http://emulator:4010/v1' })).toThrow(/allowInsecureHttp/);
    expect(() => new Scenario({ token: 't0ken', allowInsecureHttp: 'yes' as unknown as boolean })).toThrow(
      InvalidRequestError,
    );
  });

  test('still refuses protocols other than http and https', () => {
    expect(() => parseBaseUrl('ftp://emulator/v1', { allowInsecureHttp: true })).toThrow(/unsupported protocol/);
  });
});
