import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { createEmulator, VirtualClock } from '../../src/testing/index.js';
import { AUTH, dataUrl, testImage } from './helpers.js';

const clock = new VirtualClock();
const emulator = createEmulator({ clock });
const server = setupServer(...emulator.handlers);

beforeAll(() => server.listen({ onUnhandledFrame: 'error' }));
afterEach(() => emulator.reset());
afterAll(() => server.close());

const json = { ...AUTH, 'content-type': 'application/json' };

describe('msw handlers', () => {
  test('the global fetch reaches the emulator at the real base URL', async () => {
    const response = await fetch('https://api.cloud.scenario.com/v1/models/flux.1-dev', { headers: AUTH });
    expect(response.status).toBe(200);
    expect((await response.json()).model).toMatchObject({ id: 'flux.1-dev', privacy: 'public' });
  });

  test('a whole flow: upload, detect, wait, download from the CDN host without auth', async () => {
    const image = dataUrl(await testImage(64, 48));
    const { asset } = await (
      await fetch(`${emulator.url}/assets`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ name: 'a.png', image }),
      })
    ).json();
    const { job } = await (
      await fetch(`${emulator.url}/generate/detect`, {
        method: 'POST',
        headers: json,
        body: JSON.stringify({ image: asset.id, modality: 'depth' }),
      })
    ).json();
    await clock.advance(60_000);
    const done = (await (await fetch(`${emulator.url}/jobs/${job.jobId}`, { headers: AUTH })).json()).job;
    const output = (
      await (await fetch(`${emulator.url}/assets/${done.metadata.assetIds[0]}`, { headers: AUTH })).json()
    ).asset;
    expect(output.url.startsWith('https://cdn.cloud.scenario.com/emulator/assets/')).toBe(true);
    const bytes = new Uint8Array(await (await fetch(output.url)).arrayBuffer());
    expect(bytes.byteLength).toBe(output.properties.size);
  });

  test('connection resets surface as a network error', async () => {
    const faulty = createEmulator({ baseUrl: 'https://faulty.test/v1', faults: { connectionReset: 1 } });
    server.use(...faulty.handlers);
    await expect(fetch('https://faulty.test/v1/models', { headers: AUTH })).rejects.toThrow(TypeError);
  });
});
