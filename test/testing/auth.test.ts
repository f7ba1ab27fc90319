import { describe, expect, test } from 'vitest';
import { caller, setup } from './helpers.js';

const basic = (pair: string) => ({ authorization: `Basic ${btoa(pair)}` });

describe('auth', () => {
  test('accepts any non-empty Basic pair or Bearer token by default', async () => {
    const { call } = setup();
    expect((await call('GET', '/models', { headers: basic('anything:else') })).status).toBe(200);
    expect((await call('GET', '/models', { headers: { authorization: 'Bearer some.jwt.token' } })).status).toBe(200);
  });

  test.each([
    ['no header', {}],
    ['empty Basic', basic(':')],
    ['Basic without secret', basic('key:')],
    ['Basic that is not base64', { authorization: 'Basic %%%' }],
    ['unknown scheme', { authorization: 'Token abc' }],
    ['Bearer without token', { authorization: 'Bearer' }],
  ])('refuses %s with 401 {reason, trace_id}', async (_, headers) => {
    const { emulator } = setup();
    const response = await emulator.fetch(`${emulator.url}/models`, { headers });
    expect(response.status).toBe(401);
    const body = await response.json();
    expect(body.reason).toMatch(/Authorization|Basic|scheme/);
    expect(body.trace_id).toMatch(/^[0-9a-f]{32}$/);
  });

  test('with apiKey/apiSecret only that pair passes, and Bearer is refused', async () => {
    const { emulator } = setup({ apiKey: 'api_real', apiSecret: 's3cret' });
    const call = caller(emulator);
    expect((await call('GET', '/models', { headers: basic('api_real:s3cret') })).status).toBe(200);
    const wrong = await call('GET', '/models', { headers: basic('api_real:nope') });
    expect(wrong).toMatchObject({ status: 401, body: { reason: 'Invalid API key or secret' } });
    expect((await call('GET', '/models', { headers: { authorization: 'Bearer x' } })).status).toBe(401);
  });

  test('with a token only that Bearer token passes', async () => {
    const { emulator } = setup({ token: 'jwt-1' });
    const call = caller(emulator);
    expect((await call('GET', '/models', { headers: { authorization: 'Bearer jwt-1' } })).status).toBe(200);
    expect((await call('GET', '/models', { headers: { authorization: 'Bearer jwt-2' } })).status).toBe(401);
  });

  test('refuses half-configured credentials', () => {
    expect(() => setup({ apiKey: 'only-key' })).toThrow(/both apiKey and apiSecret/);
  });

  test('unknown routes answer 404 with a reason', async () => {
    const { call } = setup();
    const answer = await call('GET', '/nope');
    expect(answer).toMatchObject({ status: 404, body: { reason: 'No route for GET /v1/nope' } });
  });
});
