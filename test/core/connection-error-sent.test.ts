/**
 * `APIConnectionError.sent`: `false` only when the server certainly never saw the request, so a
 * caller (the `scenario` command's state file) can tell "not sent" from "maybe sent".
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { APIConnectionError, APITimeoutError } from '../../src/core/errors.js';
import { testClient } from '../helpers/msw.js';
import { rejectionOf } from '../helpers/timers.js';

const params = { modelId: 'flux.1-dev', prompt: 'a knight', image: 'asset_abc' };

/** A loopback port nothing listens on: bound once, then closed. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('APIConnectionError.sent', () => {
  test('is false when the connection was refused (nothing reached the server)', async () => {
    const client = testClient({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, maxRetries: 0 });
    const error = await rejectionOf(client.img2img.create(params));
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as APIConnectionError).sent).toBe(false);
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({ sent: false });
  });

  test('is false when the runtime refused to send the request (a blocked port)', async () => {
    const error = await rejectionOf(testClient({ baseUrl: 'http://localhost:6000/v1' }).img2img.create(params));
    expect((error as APIConnectionError).sent).toBe(false);
  });

  test('is absent after a reset mid-request or a timeout: the server may have done the work', async () => {
    const reset: typeof fetch = async () => {
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
      });
    };
    const hang: typeof fetch = (_input, init) =>
      new Promise((_resolve, reject) => init?.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const [lost, late] = await Promise.all([
      rejectionOf(testClient({ fetch: reset }).img2img.create(params)),
      rejectionOf(testClient({ fetch: hang, timeout: 50 }).img2img.create(params)),
    ]);
    expect(lost).toBeInstanceOf(APIConnectionError);
    expect(late).toBeInstanceOf(APITimeoutError);
    expect(['sent' in lost, 'sent' in late]).toEqual([false, false]);
  });
});
