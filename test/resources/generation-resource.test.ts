import { HttpResponse, http } from 'msw';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  APIUserAbortError,
  InternalServerError,
  InvalidRequestError,
  JobError,
  type JobStatus,
  ResponseValidationError,
  type RunOptions,
} from '../../src/index.js';
import { API, testClient, useMockServer } from '../helpers/msw.js';
import { onFakeTime, rejectionOf } from '../helpers/timers.js';
import { FAST, fakeGenerationApi, jobWire } from './fake-generation.js';

const server = useMockServer();
const params = { modelId: 'flux.1-dev', prompt: 'a knight', image: 'asset_ref', strength: 0.5 };

describe('create', () => {
  it('POSTs once, without dryRun, and returns the GenerationJob', async () => {
    const api = fakeGenerationApi(server);
    const generation = await testClient().img2img.create(params);
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]?.query.has('dryRun')).toBe(false);
    expect(generation.id).toBe('job_1');
    expect(generation.job.status).toBe('queued');
    expect(generation.creativeUnitsCost).toBe(6);
    expect(generation.response.job.jobId).toBe('job_1');
  });

  it('is not retried after a 500: the job may exist and be billed', async () => {
    let posts = 0;
    server.use(
      http.post(`${API}/generate/img2img`, () => {
        posts++;
        return HttpResponse.json({ reason: 'boom' }, { status: 500 });
      }),
    );
    expect(await rejectionOf(testClient().img2img.create(params))).toBeInstanceOf(InternalServerError);
    expect(posts).toBe(1);
  });

  it('wait() reuses the options given to create (same projectId)', async () => {
    const api = fakeGenerationApi(server);
    const generation = await testClient().img2img.create(params, { projectId: 'proj_x' });
    await generation.wait(FAST);
    expect(api.seen.map((s) => s.query.get('projectId'))).toEqual(['proj_x', 'proj_x', 'proj_x']);
  });

  it("wait(options) overrides create's request options where it sets them", async () => {
    const api = fakeGenerationApi(server);
    const generation = await testClient().img2img.create(params, { projectId: 'proj_x' });
    await generation.wait({ ...FAST, projectId: 'proj_z' });
    expect(api.seen.map((s) => s.query.get('projectId'))).toEqual(['proj_x', 'proj_z', 'proj_z']);
  });

  it('wait() refuses bad options before any request', async () => {
    const api = fakeGenerationApi(server);
    const generation = await testClient().img2img.create(params);
    const error = await rejectionOf(generation.wait({ waitTimeout: -5 }));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(api.seen).toHaveLength(1);
  });
});

describe('create: what the wait inherits, and what the answer may carry', () => {
  it("wait() does not inherit create's signal, which bounded the submission only", async () => {
    fakeGenerationApi(server);
    const submission = new AbortController();
    const generation = await testClient().img2img.create(params, { signal: submission.signal });
    submission.abort();
    const { job } = await generation.wait(FAST);
    expect(job.status).toBe('success');
  });

  it('a 2xx submit answer that fails its schema but names the job: the error carries jobId and says it runs, billed', async () => {
    server.use(
      http.post(`${API}/generate/img2img`, () =>
        HttpResponse.json({ job: { ...jobWire('job_7', 'queued', 0), status: 42 }, creativeUnitsCost: 6 }),
      ),
    );
    const error = await rejectionOf(testClient().img2img.create(params));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(Object.hasOwn(error, 'jobId')).toBe(true);
    expect((error as ResponseValidationError).jobId).toBe('job_7');
    expect(error.message).toContain('job_7');
    expect(error.message).toMatch(/keeps running on the server and is billed/);
    expect(error.message).toContain("client.jobs.wait('job_7')");
    expect(error.message).toContain("client.jobs.cancel('job_7')");
  });

  it('a truncated 2xx submit answer: the job id is read from its text when it is there', async () => {
    server.use(
      http.post(
        `${API}/generate/img2img`,
        () =>
          new HttpResponse('{"job":{"jobId":"job_8","status":"queu', {
            headers: { 'content-type': 'application/json' },
          }),
      ),
    );
    const error = await rejectionOf(testClient().img2img.create(params));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as ResponseValidationError).jobId).toBe('job_8');
  });

  it('a 2xx submit answer that names no job: accepted, no job id came back, find it in client.jobs.list()', async () => {
    server.use(http.post(`${API}/generate/img2img`, () => HttpResponse.json({ creativeUnitsCost: 6 })));
    const error = await rejectionOf(testClient().img2img.create(params));
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect(Object.hasOwn(error, 'jobId')).toBe(false);
    expect((error as ResponseValidationError).issues).toEqual([
      { path: 'job', message: 'the request was accepted, but no job id came back' },
    ]);
    expect(error.message).toMatch(/may exist and be billed \(the answer had: creativeUnitsCost; see error\.body\)/);
    expect(error.message).toContain('Find it with client.jobs.list() (newest first) before submitting again');
    expect((error as ResponseValidationError).body).toEqual({ creativeUnitsCost: 6 });
  });

  it('a submit answer with an unreadable extra (asset, ipDetection) still yields the billed job', async () => {
    server.use(
      http.post(`${API}/generate/img2img`, () =>
        HttpResponse.json({ job: jobWire('job_9', 'queued', 0), asset: { broken: true }, ipDetection: 'n/a' }),
      ),
    );
    const generation = await testClient().img2img.create(params);
    expect(generation.id).toBe('job_9');
    expect(generation.response.asset).toBeUndefined();
  });

  it('null metadata fields (hint, workflowId) and typed statuses are accepted', async () => {
    server.use(
      http.get(`${API}/jobs/job_n`, () =>
        HttpResponse.json({ job: jobWire('job_n', 'brand-new-status', 0.5, { hint: null, workflowId: null }) }),
      ),
    );
    const job = await testClient().jobs.get('job_n');
    expect(job.status).toBe('brand-new-status');
    expectTypeOf(job.status).toEqualTypeOf<JobStatus>();
  });
});

describe('run', () => {
  it('creates, waits and fetches the outputs in job.metadata.assetIds order, each with a url', async () => {
    const api = fakeGenerationApi(server, ['asset_b', 'asset_c', 'asset_a']);
    const { job, assets } = await testClient().img2img.run(params, FAST);
    expect(job.status).toBe('success');
    expect(assets.map((asset) => asset.id)).toEqual(['asset_b', 'asset_c', 'asset_a']);
    for (const asset of assets) expect(asset.url).toMatch(/^https:\/\/cdn\.example\.com\//);
    expect(api.seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'POST /generate/img2img',
      'GET /jobs/job_1',
      'POST /assets/get-bulk',
    ]);
  });

  it('applies its RequestOptions to every request on the way', async () => {
    const api = fakeGenerationApi(server);
    await testClient().img2img.run(params, { ...FAST, projectId: 'proj_y', headers: { 'x-trace': 't1' } });
    expect(api.seen.every((s) => s.query.get('projectId') === 'proj_y')).toBe(true);
  });

  it('a job without outputs gives no assets and fetches none', async () => {
    const api = fakeGenerationApi(server, []);
    const { assets } = await testClient().detect.run({ image: 'asset_ref', modality: 'canny' }, FAST);
    expect(assets).toEqual([]);
    expect(api.seen.some((s) => s.path === '/assets/get-bulk')).toBe(false);
  });

  it('the signal aborts the wait too, and the abort error names the job, which keeps running', async () => {
    fakeGenerationApi(server);
    server.use(http.get(`${API}/jobs/job_1`, () => HttpResponse.json({ job: jobWire('job_1', 'in-progress', 0.1) })));
    // On fake time the submission is answered before any time passes: the abort comes mid-wait.
    const { error = new Error('resolved') } = await onFakeTime(() => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), 50);
      return testClient().img2img.run(params, { ...FAST, signal: controller.signal });
    });
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(Object.hasOwn(error, 'jobId')).toBe(true);
    expect((error as APIUserAbortError).jobId).toBe('job_1');
    expect(error.message).toMatch(/job_1.*keeps running/);
    expect(error.message).toContain("client.jobs.wait('job_1')");
  });

  it('an abort while the outputs are fetched names the job, which succeeded', async () => {
    fakeGenerationApi(server);
    const controller = new AbortController();
    server.use(
      http.post(`${API}/assets/get-bulk`, async () => {
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 1000));
        return HttpResponse.json({ assets: [] });
      }),
    );
    const error = await rejectionOf(testClient().img2img.run(params, { ...FAST, signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as APIUserAbortError).jobId).toBe('job_1');
    expect(error.message).toMatch(/outputs of job job_1.*succeeded/);
    expect(error.message).toContain("client.jobs.wait('job_1')");
  });

  it('an onProgress that throws rejects with a JobError naming the job, its error as cause', async () => {
    fakeGenerationApi(server);
    const oops = new Error('progress bar gone');
    const onProgress = () => {
      throw oops;
    };
    const error = await rejectionOf(testClient().img2img.run(params, { ...FAST, onProgress }));
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).jobId).toBe('job_1');
    expect(error.cause).toBe(oops);
    expect(error.message).toMatch(/onProgress threw.*job_1.*progress bar gone/);
  });

  it.each<[string, unknown]>([
    ['timeout: 0', { timeout: 0 }],
    ['timeout: -1', { timeout: -1 }],
    ['timeout: NaN', { timeout: Number.NaN }],
    ["timeout: '1500'", { timeout: '1500' }],
    ['waitTimeout: 0', { waitTimeout: 0 }],
    ['waitTimeout: NaN', { waitTimeout: Number.NaN }],
    ["waitTimeout: '1500'", { waitTimeout: '1500' }],
    ['pollInterval: 0', { pollInterval: 0 }],
    ['pollInterval: Infinity', { pollInterval: Number.POSITIVE_INFINITY }],
    ["onProgress: 'log'", { onProgress: 'log' }],
    ['signal: {}', { signal: {} }],
    ["cancelOnAbort: 'yes'", { cancelOnAbort: 'yes' }],
    ['a misspelt option', { waitTimout: 1000 }],
  ])('refuses %s before the paid POST', async (_name, options) => {
    const api = fakeGenerationApi(server);
    const error = await rejectionOf(testClient().img2img.run(params, options as RunOptions));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toMatch(/^Invalid run options/);
    expect(api.seen).toEqual([]);
  });

  it('waitTimeout bounds the whole wait, while timeout stays per HTTP attempt', async () => {
    fakeGenerationApi(server);
    server.use(http.get(`${API}/jobs/job_1`, () => HttpResponse.json({ job: jobWire('job_1', 'in-progress', 0.1) })));
    const { error, elapsedMs } = await onFakeTime(() =>
      testClient().img2img.run(params, { ...FAST, waitTimeout: 300, timeout: 10_000 }),
    );
    expect(error).toMatchObject({ name: 'JobTimeoutError', jobId: 'job_1' });
    expect(elapsedMs).toBe(300);
  });

  it('an asset fetch failure after success still names the job', async () => {
    fakeGenerationApi(server);
    server.use(http.post(`${API}/assets/get-bulk`, () => HttpResponse.json({ reason: 'nope' }, { status: 404 })));
    const error = await rejectionOf(testClient().img2img.run(params, FAST));
    expect(error).toBeInstanceOf(JobError);
    expect((error as JobError).jobId).toBe('job_1');
    expect(error.message).toContain("client.jobs.wait('job_1')");
  });
});

describe('estimate', () => {
  it('POSTs with ?dryRun=true (not in the body), accepts HTTP 269 and maps costDetails to details', async () => {
    const api = fakeGenerationApi(server);
    const estimate = await testClient().img2img.estimate(params);
    expect(estimate).toEqual({ creativeUnitsCost: 6, creativeUnitsDiscount: 1, details: { base: 7 } });
    expect(api.seen).toHaveLength(1);
    expect(api.seen[0]?.query.get('dryRun')).toBe('true');
    expect(api.seen[0]?.body).toEqual(params);
  });
});

describe('options are read once, where the caller hands them over', () => {
  /** `options` behind a proxy that counts the reads of each key. */
  function counted<T extends object>(options: T): { options: T; reads: Map<PropertyKey, number> } {
    const reads = new Map<PropertyKey, number>();
    const proxy = new Proxy(options, {
      get(target, key, receiver) {
        reads.set(key, (reads.get(key) ?? 0) + 1);
        return Reflect.get(target, key, receiver);
      },
    });
    return { options: proxy, reads };
  }

  it('run() reads each option once, however many requests the run makes', async () => {
    const api = fakeGenerationApi(server);
    const { options, reads } = counted({ pollInterval: 1, headers: { 'x-trace': 't1' }, projectId: 'proj_1' });
    await testClient().img2img.run(params, options);
    // Submission, a poll, the outputs: each request carries the options read that once.
    expect(api.seen.length).toBeGreaterThanOrEqual(3);
    expect(api.seen.every((request) => request.query.get('projectId') === 'proj_1')).toBe(true);
    for (const key of ['pollInterval', 'headers', 'projectId']) expect(reads.get(key)).toBe(1);
  });

  it('GenerationJob.wait() reads its options once, and keeps create()’s request options', async () => {
    const api = fakeGenerationApi(server);
    const generation = await testClient().img2img.create(params, { projectId: 'proj_1' });
    const { options, reads } = counted({ pollInterval: 1, maxRetries: 0 });
    await generation.wait(options);
    expect(api.seen.every((request) => request.query.get('projectId') === 'proj_1')).toBe(true);
    expect(reads.get('pollInterval')).toBe(1);
    expect(reads.get('maxRetries')).toBe(1);
  });
});
