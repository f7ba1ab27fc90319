/**
 * The emulator's state, request log, counters and reset over HTTP (`{baseUrl}/_emulator/…`), for a
 * test of an app that talks to `npx scenario-emulator` in another process: behind the API's
 * credentials, and not part of the traffic they report.
 */
import { describe, expect, test } from 'vitest';
import { AUTH, dataUrl, httpEmulators, setup, testImage } from './helpers.js';

const start = httpEmulators();

describe('the admin endpoints over HTTP', () => {
  test('GET /_emulator/counters and /_emulator/requests report the traffic, not themselves', async () => {
    const { call } = await start();
    await call('GET', '/models', { query: { privacy: 'public' } });
    await call('GET', '/jobs/job_missing');
    const { counters } = (await call('GET', '/_emulator/counters')).body;
    expect(counters.requests).toEqual({ 'GET /models': 1, 'GET /jobs/:jobId': 1 });
    const { requests } = (await call('GET', '/_emulator/requests')).body;
    expect(requests).toEqual([
      { method: 'GET', route: '/models', path: '/v1/models', status: 200 },
      { method: 'GET', route: '/jobs/:jobId', path: '/v1/jobs/job_missing', status: 404 },
    ]);
  });

  test('GET /_emulator/state has what is stored, as the API answers it; POST /_emulator/reset forgets it all', async () => {
    const { call } = await start({ jobDurations: { flux: 0 } });
    const png = await testImage(32, 32);
    const { asset } = (await call('POST', '/assets', { body: { name: 'a.png', image: dataUrl(png) } })).body;
    const generated = await call('POST', '/generate/txt2img', {
      body: { modelId: 'flux.1-dev', prompt: 'a knight', width: 64, height: 64, numSamples: 1, witdh: 1 },
    });
    const state = (await call('GET', '/_emulator/state')).body;
    expect(state.counters).toMatchObject({ jobsCreated: 1, assetsCreated: 2 });
    expect(state.jobs.map((job: { jobId: string }) => job.jobId)).toEqual([generated.body.job.jobId]);
    expect(state.jobs[0]).toMatchObject({ status: 'success', metadata: { assetIds: [expect.any(String)] } });
    expect(state.assets[0]).toMatchObject({ id: asset.id, url: expect.stringContaining('/cdn/assets/') });
    expect(state.uploads).toEqual([]);
    expect(state.ignoredFields).toEqual([{ method: 'POST', route: '/generate/txt2img', fields: ['witdh'] }]);

    expect((await call('POST', '/_emulator/reset')).body).toEqual({ reset: true });
    const after = (await call('GET', '/_emulator/state')).body;
    expect(after).toMatchObject({ jobs: [], assets: [], uploads: [], ignoredFields: [] });
    expect(after.counters).toMatchObject({ requests: {}, jobsCreated: 0, assetsCreated: 0 });
    expect((await call('GET', `/assets/${asset.id}`)).status).toBe(404);
  });

  test('behind the same credentials as the API', async () => {
    const { server } = await start({ apiKey: 'api_admin', apiSecret: 'admin-secret' });
    const read = (headers: Record<string, string>) => fetch(`${server.url}/_emulator/counters`, { headers });
    expect((await read({})).status).toBe(401);
    expect((await read(AUTH)).status).toBe(401);
    expect((await read({ authorization: `Basic ${btoa('api_admin:admin-secret')}` })).status).toBe(200);
    const reset = await fetch(`${server.url}/_emulator/reset`, { method: 'POST' });
    expect(reset.status).toBe(401);
  });

  test('faults never hit them', async () => {
    const { call } = await start({
      faults: { unavailable: 0.5, rateLimit: 0.5, connectionReset: 1, slow: 1, slowMs: 60_000 },
    });
    const answer = await call('GET', '/_emulator/counters');
    expect(answer.status).toBe(200);
    expect(answer.body.counters.faults).toEqual({});
  });

  test('refuse other hosts like the API does (no DNS rebinding to reset it)', async () => {
    const { server } = await start();
    const answer = await fetch(`${server.url}/_emulator/reset`, {
      method: 'POST',
      headers: { ...AUTH, origin: 'https://evil.example' },
    });
    expect(answer.status).toBe(403);
  });
});

test('in-process, the same endpoints answer through emulator.fetch', async () => {
  const { call } = setup();
  await call('GET', '/models');
  expect((await call('GET', '/_emulator/counters')).body.counters.requests).toEqual({ 'GET /models': 1 });
});
