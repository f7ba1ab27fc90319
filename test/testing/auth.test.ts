import { describe, expect, test } from 'vitest';
import { AS_USER, caller, dataUrl, setup, testImage } from './helpers.js';

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

describe('project scoping', () => {
  test('an API key belongs to one project from the start: naming it changes nothing that was visible', async () => {
    const { call } = setup({ projectId: 'proj_game' });
    const png = await testImage();
    // Made without naming the project...
    const { asset } = (await call('POST', '/assets', { body: { name: 'a.png', image: dataUrl(png) } })).body;
    expect(asset.ownerId).toBe('proj_game');
    const job = (await call('POST', '/generate/detect', { body: { image: asset.id, modality: 'canny' } })).body.job;
    // ...and read naming it, then not naming it again: the same asset and job.
    const project = { query: { projectId: 'proj_game' } };
    for (const query of [project, {}]) {
      expect((await call('GET', `/assets/${asset.id}`, query)).body.asset.ownerId).toBe('proj_game');
      expect((await call('GET', `/jobs/${job.jobId}`, query)).status).toBe(200);
      expect((await call('GET', '/assets', query)).body.assets.map((listed: { id: string }) => listed.id)).toContain(
        asset.id,
      );
      expect((await call('GET', '/jobs', query)).body.jobs.map((listed: { jobId: string }) => listed.jobId)).toEqual([
        job.jobId,
      ]);
    }
  });

  test('naming another project is a 403, for every key, before as after naming its own', async () => {
    const { call } = setup({ projectId: 'proj_game' });
    const refusal = (key: string) => ({
      status: 403,
      body: {
        reason: `API key ${key} belongs to project proj_game and cannot act in proj_other: API keys are project-scoped, use a key of proj_other`,
      },
    });
    const elsewhere = { query: { projectId: 'proj_other' } };
    expect(await call('GET', '/assets', elsewhere)).toMatchObject(refusal('api_key'));
    expect((await call('GET', '/assets', { query: { projectId: 'proj_game' } })).status).toBe(200);
    expect(await call('GET', '/assets', elsewhere)).toMatchObject(refusal('api_key'));
    expect(await call('GET', '/assets', { ...elsewhere, headers: basic('api_second:s') })).toMatchObject(
      refusal('api_second'),
    );
  });

  test("a bearer token acts for a user: ?projectId= picks any of the user's projects", async () => {
    const { call } = setup();
    const png = await testImage();
    const asUser = (projectId?: string) => ({
      headers: AS_USER,
      query: projectId ? { projectId } : ({} as Record<string, string>),
    });
    const { asset } = (
      await call('POST', '/assets', { body: { name: 'a.png', image: dataUrl(png) }, ...asUser('proj_a') })
    ).body;
    expect((await call('GET', `/assets/${asset.id}`, asUser('proj_a'))).status).toBe(200);
    expect((await call('GET', `/assets/${asset.id}`, asUser('proj_b'))).status).toBe(404);
    expect((await call('GET', `/assets/${asset.id}`, asUser())).status).toBe(404);
  });
});
