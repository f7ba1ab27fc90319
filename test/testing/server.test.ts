import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { AUTH, dataUrl, httpEmulators, testImage } from './helpers.js';

const start = httpEmulators();

describe('startEmulator (real HTTP on 127.0.0.1)', () => {
  test('listens on a free port and answers the API under /v1', async () => {
    const { server, call } = await start();
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/v1`);
    expect(server.port).toBeGreaterThan(0);
    const models = await call('GET', '/models', { query: { privacy: 'public' } });
    expect(models.status).toBe(200);
    expect(models.body.models.map((model: { id: string }) => model.id)).toContain('model_upscale-v3');
    expect(server.state.counters.requests['GET /models']).toBe(1);
    expect((await call('GET', '/models')).body.models.map((model: { id: string }) => model.id)).toEqual([
      'model_emulator-watercolor-style',
      'model_emulator-knight-character',
    ]);
  });

  test('upload → img2img → poll → download returns a PNG of the requested size (the curl sequence)', async () => {
    const { server, call } = await start({ jobDurations: { flux: 150 } });
    const { asset } = (
      await call('POST', '/assets', { body: { name: 'sketch.png', image: dataUrl(await testImage(64, 64)) } })
    ).body;
    const submitted = await call('POST', '/generate/img2img', {
      body: { modelId: 'flux.1-dev', prompt: 'a knight', image: asset.id, width: 320, height: 192 },
    });
    let job = submitted.body.job;
    while (!['success', 'failure'].includes(job.status)) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await call('GET', `/jobs/${job.jobId}`)).body.job;
    }
    expect(job.status).toBe('success');
    const output = (await call('GET', `/assets/${job.metadata.assetIds[0]}`)).body.asset;
    expect(output.url.startsWith(`http://127.0.0.1:${server.port}/cdn/assets/`)).toBe(true);
    const response = await fetch(output.url);
    expect(response.headers.get('content-type')).toBe('image/png');
    const meta = await sharp(new Uint8Array(await response.arrayBuffer())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 320, 192]);
  });

  test('answers CORS preflights and exposes Retry-After to browsers', async () => {
    const { server } = await start({ faults: { rateLimit: 1 } });
    const preflight = await fetch(`${server.url}/jobs`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/authorization/i);
    const limited = await fetch(`${server.url}/jobs`, { headers: { ...AUTH, origin: 'http://localhost:5173' } });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(limited.headers.get('access-control-expose-headers')).toMatch(/Retry-After/);
  });

  test('connectionReset destroys the socket: the real fetch fails', async () => {
    const { server, call } = await start({ faults: { connectionReset: { rate: 1, methods: ['GET'] } } });
    await expect(call('GET', '/models')).rejects.toThrow(TypeError);
    expect(server.state.counters.faults.connectionReset).toBe(1);
  });

  test('signed part URLs work over HTTP without auth and refuse unsigned PUTs', async () => {
    const { call } = await start();
    const png = await testImage(40, 40);
    const { upload } = (
      await call('POST', '/uploads', {
        body: { fileName: 'a.png', contentType: 'image/png', fileSize: png.byteLength, parts: 1, kind: 'image' },
      })
    ).body;
    const url = upload.parts[0].url as string;
    expect(
      (await fetch(url.split('?')[0] as string, { method: 'PUT', body: new Blob([new Uint8Array(png)]) })).status,
    ).toBe(403);
    expect((await fetch(url, { method: 'PUT', body: new Blob([new Uint8Array(png)]) })).status).toBe(200);
    expect(
      (await call('POST', `/uploads/${upload.id}/action`, { body: { action: 'complete' } })).body.upload.status,
    ).toBe('validating');
  });

  test('close() stops listening', async () => {
    const { server } = await start();
    const url = server.url;
    await server.close();
    await expect(fetch(`${url}/models`, { headers: AUTH })).rejects.toThrow(TypeError);
  });
});
