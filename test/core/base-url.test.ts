import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { Scenario } from '../../src/client.js';
import { DEFAULT_BASE_URL, parseBaseUrl } from '../../src/core/base-url.js';
import { InvalidRequestError } from '../../src/core/errors/InvalidRequestError.js';
import { recordApi, testClient, useMockServer } from '../helpers/msw.js';

const server = useMockServer();

describe('parseBaseUrl', () => {
  test.each([
    'http://api.example.com/v1',
    'http://localhost.example.com',
    'http://127.0.0.1.example.com',
    'http://10.0.0.1:8080',
  ])('refuses http: for a non-loopback host: %s', (url) => {
    expect(() => parseBaseUrl(url)).toThrow(InvalidRequestError);
    expect(() => parseBaseUrl(url)).toThrow(/http: is only allowed for loopback hosts/);
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
    await testClient({ baseUrl: 'http://localhost:4010/' }).transport.request({
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
