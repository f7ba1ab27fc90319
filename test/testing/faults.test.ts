import { describe, expect, test } from 'vitest';
import { setup, testImage, uploadImage } from './helpers.js';

describe('faults', () => {
  test('rateLimit answers 429 + Retry-After before the route runs: no job is created', async () => {
    const { call, emulator } = setup({ faults: { rateLimit: 1 } });
    const answer = await call('POST', '/generate/detect', { body: { image: 'asset_x', modality: 'canny' } });
    expect(answer.status).toBe(429);
    expect(answer.headers.get('retry-after')).toBe('1');
    expect(answer.body).toMatchObject({
      reason: expect.stringMatching(/emulated fault/),
      trace_id: expect.any(String),
    });
    expect(emulator.state.counters).toMatchObject({
      jobsCreated: 0,
      faults: { rateLimit: 1 },
      requests: { 'POST /generate/detect': 1 },
    });
  });

  test('unavailable answers 503 before the route runs', async () => {
    const { call } = setup({ faults: { unavailable: 1 } });
    expect((await call('GET', '/models')).status).toBe(503);
  });

  test('serverError answers 500 after the route ran: the job exists, the answer is lost', async () => {
    const { call, emulator } = setup({ faults: { serverError: { rate: 1, paths: ['/generate'] } } });
    const png = await testImage(64, 64);
    const image = (await uploadImage(call, png)).id;
    const answer = await call('POST', '/generate/detect', { body: { image, modality: 'canny' } });
    expect(answer.status).toBe(500);
    expect(emulator.state.counters.jobsCreated).toBe(1);
    expect((await emulator.state.jobs()).map((job) => job.jobType)).toEqual(['detection']);
    expect(emulator.state.requests.at(-1)).toMatchObject({
      route: '/generate/detect',
      status: 500,
      fault: 'serverError',
    });
  });

  test('badGateway answers 502 with an HTML body, as gateways do', async () => {
    const { emulator } = setup({ faults: { badGateway: 1 } });
    const response = await emulator.fetch(`${emulator.url}/models`, { headers: { authorization: 'Bearer t' } });
    expect(response.status).toBe(502);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    expect(await response.text()).toMatch(/<h1>502 Bad Gateway<\/h1>/);
  });

  test('connectionReset rejects the fetch with a TypeError like undici (ECONNRESET); can target GETs only', async () => {
    const { call, emulator } = setup({ faults: { connectionReset: { rate: 1, methods: ['GET'] } } });
    const error = await call('GET', '/models').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TypeError);
    expect((error as TypeError).message).toBe('fetch failed');
    expect((error as { cause: { code: string } }).cause.code).toBe('ECONNRESET');
    const post = await call('POST', '/assets', { body: { name: 'a.png', image: 'aGk=' } });
    expect(post.status).toBe(400);
    expect(emulator.state.counters.faults).toEqual({ connectionReset: 1 });
  });

  test('malformedJson answers 200 with a truncated JSON body', async () => {
    const { emulator } = setup({ faults: { malformedJson: 1 } });
    const response = await emulator.fetch(`${emulator.url}/models`, { headers: { authorization: 'Bearer t' } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text.startsWith('{"models":[')).toBe(true);
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  test('slow delays the answer by slowMs (real time), and the caller can abort it', async () => {
    const { emulator } = setup({ faults: { slow: 1, slowMs: 80 } });
    const started = performance.now();
    const response = await emulator.fetch(`${emulator.url}/models`, { headers: { authorization: 'Bearer t' } });
    expect(response.status).toBe(200);
    expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    const aborted = emulator.fetch(`${emulator.url}/models`, {
      headers: { authorization: 'Bearer t' },
      signal: AbortSignal.timeout(10),
    });
    await expect(aborted).rejects.toMatchObject({ name: 'TimeoutError' });
  });

  test('latency adds a delay to every answer', async () => {
    const { emulator } = setup({ latency: [40, 60] });
    const started = performance.now();
    await emulator.fetch(`${emulator.url}/models`, { headers: { authorization: 'Bearer t' } });
    expect(performance.now() - started).toBeGreaterThanOrEqual(38);
  });

  test('jobFailure makes jobs fail halfway with metadata.error and hint, refunding nothing else', async () => {
    const context = setup({ faults: { jobFailure: 1 }, jobDurations: { detection: 10_000 } });
    const image = (await uploadImage(context.call, await testImage(64, 64))).id;
    const { job } = (await context.call('POST', '/generate/detect', { body: { image, modality: 'canny' } })).body;
    await context.clock.advance(4_999);
    expect((await context.call('GET', `/jobs/${job.jobId}`)).body.job.status).toBe('in-progress');
    await context.clock.advance(1);
    const failed = (await context.call('GET', `/jobs/${job.jobId}`)).body.job;
    expect(failed).toMatchObject({
      status: 'failure',
      progress: 0.5,
      metadata: { error: expect.stringMatching(/emulated fault/), hint: expect.any(String) },
    });
    // As the live API: no outputs is `null`, not a missing field.
    expect(failed.metadata.assetIds).toBeNull();
    expect(failed.statusHistory.at(-1).status).toBe('failure');
    expect(context.emulator.state.counters.faults).toEqual({ jobFailure: 1 });
  });

  test('fault draws are seeded: the same seed replays the same sequence, another seed differs', async () => {
    const sequence = async (seed: number) => {
      const { call } = setup({ seed, faults: { rateLimit: 0.3, serverError: 0.3 } });
      const statuses: number[] = [];
      for (let i = 0; i < 30; i++) statuses.push((await call('GET', '/models')).status);
      return statuses;
    };
    const first = await sequence(5);
    expect(await sequence(5)).toEqual(first);
    expect(await sequence(6)).not.toEqual(first);
    expect(new Set(first)).toEqual(new Set([200, 429, 500]));
  });

  test('paths limit faults to matching routes', async () => {
    const { call } = setup({ faults: { unavailable: { rate: 1, paths: ['/jobs'] } } });
    expect((await call('GET', '/models')).status).toBe(200);
    expect((await call('GET', '/jobs')).status).toBe(503);
  });

  test('reset() clears state and counters and replays the same fault sequence', async () => {
    const { call, emulator } = setup({ faults: { rateLimit: 0.5 } });
    const run = async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) statuses.push((await call('GET', '/models')).status);
      return statuses;
    };
    const before = await run();
    emulator.reset();
    expect(emulator.state.counters.requests).toEqual({});
    expect(await run()).toEqual(before);
  });

  test('invalid rates are refused when the emulator is created', () => {
    expect(() => setup({ faults: { serverError: 1.5 } })).toThrow(RangeError);
    expect(() => setup({ faults: { serverError: 0.6, badGateway: 0.6 } })).toThrow(/add up to more than 1/);
  });
});
