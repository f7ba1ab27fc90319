/**
 * The HTTP server answers this machine only, unless opened: browser pages on loopback origins
 * (CORS), loopback `Host` names (no DNS rebinding); `allowOrigins` / `allowHosts` open it for a
 * docker compose service or a LAN demo. Server-to-server calls (a proxy on localhost) pass.
 */
import { request as httpRequest } from 'node:http';
import { describe, expect, test } from 'vitest';
import { isAllowedHost, isAllowedOrigin, isLoopbackHost } from '../../src/testing/access.js';
import type { RunningEmulator } from '../../src/testing/index.js';
import { AUTH, httpEmulators } from './helpers.js';

const start = httpEmulators();

/** A raw request to the server with any `Host` (fetch picks it from the URL), as a rebound browser sends. */
function raw(server: RunningEmulator, path: string, headers: Record<string, string>) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, headers }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('by default: loopback origins and hosts only', () => {
  test('a page on another origin gets a 403 for its preflight and its request, and no CORS header', async () => {
    const { server } = await start();
    const preflight = await fetch(`${server.url}/jobs`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://evil.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'authorization',
      },
    });
    expect(preflight.status).toBe(403);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const sent = await fetch(`${server.url}/jobs`, { headers: { ...AUTH, origin: 'https://evil.example' } });
    expect(sent.status).toBe(403);
    expect(sent.headers.get('access-control-allow-origin')).toBeNull();
    expect((await sent.json()).reason).toMatch(/Origin "https:\/\/evil.example" is not allowed.*--allow-origin/);
    expect(server.state.counters.requests['GET /jobs']).toBeUndefined();
  });

  test('a rebound host name (evil.example resolving to 127.0.0.1) gets a 403 before any route runs', async () => {
    const { server } = await start();
    const answer = await raw(server, '/v1/jobs', { ...AUTH, host: `evil.example:${server.port}` });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body).reason).toMatch(/Host "evil.example:\d+" is not served.*--allow-host/);
    expect(server.state.counters.requests['GET /jobs']).toBeUndefined();
  });

  test.each([
    ['localhost', 'http://localhost:3000'],
    ['127.0.0.1', 'http://127.0.0.1:8080'],
    ['127.1.2.3', 'https://127.0.0.1'],
    ['[::1]', 'http://[::1]:5173'],
    ['app.localhost', 'http://app.localhost:5173'],
  ])('Host %s and a page on %s are answered, with CORS', async (host, origin) => {
    const { server } = await start();
    const answer = await raw(server, '/v1/jobs', { ...AUTH, host: `${host}:${server.port}`, origin });
    expect(answer.status).toBe(200);
    expect(answer.headers['access-control-allow-origin']).toBe(origin);
  });

  test('a server-to-server call (a proxy on localhost: no Origin) is answered, without CORS headers', async () => {
    const { server } = await start();
    const answer = await fetch(`${server.url}/jobs`, { headers: AUTH });
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('opened by options (the bin: --allow-origin, --allow-host, --open)', () => {
  test('allowOrigins lets that origin in, and no other', async () => {
    const { server } = await start({ allowOrigins: ['http://192.168.1.20:5173'] });
    const lan = await fetch(`${server.url}/jobs`, { headers: { ...AUTH, origin: 'http://192.168.1.20:5173' } });
    expect([lan.status, lan.headers.get('access-control-allow-origin')]).toEqual([200, 'http://192.168.1.20:5173']);
    const other = await fetch(`${server.url}/jobs`, { headers: { ...AUTH, origin: 'http://192.168.1.20:8080' } });
    expect(other.status).toBe(403);
  });

  test("allowHosts lets a compose service's name in, on any port or on one", async () => {
    const { server } = await start({ allowHosts: ['emulator', 'demo.lan:4010'] });
    expect((await raw(server, '/v1/jobs', { ...AUTH, host: 'emulator:4010' })).status).toBe(200);
    expect((await raw(server, '/v1/jobs', { ...AUTH, host: 'demo.lan:4010' })).status).toBe(200);
    expect((await raw(server, '/v1/jobs', { ...AUTH, host: 'demo.lan:4011' })).status).toBe(403);
  });

  test("'*' opens both", async () => {
    const { server } = await start({ allowHosts: '*', allowOrigins: '*' });
    const answer = await raw(server, '/v1/jobs', { ...AUTH, host: 'anything.example', origin: 'https://a.example' });
    expect([answer.status, answer.headers['access-control-allow-origin']]).toEqual([200, 'https://a.example']);
  });

  test('an allowOrigins entry that is not an origin is refused when the emulator is built', async () => {
    await expect(start({ allowOrigins: ['192.168.1.20:5173'] })).rejects.toThrow(
      /allowOrigins: "192.168.1.20:5173" is not an origin/,
    );
  });
});

describe('the checks', () => {
  test('isLoopbackHost', () => {
    expect(
      ['localhost', 'LOCALHOST', 'a.localhost', '127.0.0.1', '127.9.9.9', '::1', '[::1]'].every(isLoopbackHost),
    ).toBe(true);
    expect(
      ['localhost.evil.example', '0.0.0.0', '10.0.0.1', '::', 'evil.example', '128.0.0.1'].some(isLoopbackHost),
    ).toBe(false);
  });

  test('isAllowedOrigin and isAllowedHost refuse malformed and null values', () => {
    expect(isAllowedOrigin('null', [])).toBe(false);
    expect(isAllowedOrigin('file://', [])).toBe(false);
    expect(isAllowedHost('', [])).toBe(false);
    expect(isAllowedHost('localhost:4010/x', [])).toBe(false);
    expect(isAllowedHost('127.0.0.1:4010', [])).toBe(true);
    expect(isAllowedHost('localhost:80', [])).toBe(true);
    expect(isAllowedHost('evil.example@localhost', [])).toBe(false);
  });
});
