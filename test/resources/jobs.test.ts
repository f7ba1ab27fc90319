import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  APIUserAbortError,
  BadRequestError,
  InvalidRequestError,
  JobError,
  JobFailedError,
  JobTimeoutError,
  NotFoundError,
} from '../../src/index.js';
import { Jobs } from '../../src/resources/jobs.js';
import { TERMINAL_JOB_STATUSES } from '../../src/schemas/job.js';
import { API, recordApi, testClient, useMockServer } from '../helpers/msw.js';
import { rejectionOf } from '../helpers/timers.js';
import { assetWire, jobWire } from './fake-generation.js';

const server = useMockServer();

describe('jobs.get', () => {
  it('GETs /jobs/{id} with the id encoded and unwraps { job }', async () => {
    const urls: string[] = [];
    server.use(
      http.get(`${API}/jobs/:id`, ({ request, params }) => {
        urls.push(new URL(request.url).pathname);
        return HttpResponse.json({ job: jobWire(String(params.id), 'in-progress', 0.4) });
      }),
    );
    const job = await testClient().jobs.get('job_a/b');
    expect(job.status).toBe('in-progress');
    expect(urls).toEqual(['/v1/jobs/job_a%2Fb']);
  });

  it('refuses an empty id before any request', async () => {
    expect(await rejectionOf(testClient().jobs.get(''))).toBeInstanceOf(InvalidRequestError);
  });
});

describe('jobs.list', () => {
  const pages: Record<string, { jobs: unknown[]; nextPaginationToken?: string }> = {
    first: { jobs: [jobWire('job_1', 'success', 1), jobWire('job_2', 'success', 1)], nextPaginationToken: 't2' },
    t2: { jobs: [], nextPaginationToken: 't3' },
    t3: { jobs: [jobWire('job_3', 'failure', 1)] },
  };
  const queries: URLSearchParams[] = [];
  const serve = () =>
    server.use(
      http.get(`${API}/jobs`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        queries.push(query);
        return HttpResponse.json(pages[query.get('paginationToken') ?? 'first']);
      }),
    );

  it('walks every page (through an empty one) with for await, passing the filters each time', async () => {
    serve();
    queries.length = 0;
    const ids: string[] = [];
    for await (const job of testClient().jobs.list({
      pageSize: 2,
      status: 'success',
      types: ['upscale', 'detection'],
    })) {
      ids.push(job.jobId);
    }
    expect(ids).toEqual(['job_1', 'job_2', 'job_3']);
    expect(queries.map((q) => q.get('paginationToken'))).toEqual([null, 't2', 't3']);
    expect(queries.every((q) => q.get('pageSize') === '2' && q.get('status') === 'success')).toBe(true);
    expect(queries[0]?.getAll('types')).toEqual(['upscale,detection']);
  });

  it('awaited, gives the first page', async () => {
    serve();
    const page = await testClient().jobs.list();
    expect(page.items.map((job) => job.jobId)).toEqual(['job_1', 'job_2']);
    expect(page.hasNextPage()).toBe(true);
  });

  it('refuses a bad query before any request, as a rejection (list() returns a Promise)', async () => {
    await expect(testClient().jobs.list({ pageSize: 500 })).rejects.toThrow(InvalidRequestError);
    await expect(testClient().jobs.list({ sort: 'asc' } as never)).rejects.toThrow(/sort/);
  });
});

describe('jobs.cancel', () => {
  it('POSTs { action: "cancel" } and returns the canceled job', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${API}/jobs/job_1/action`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ job: jobWire('job_1', 'canceled', 0.2) });
      }),
    );
    const job = await testClient().jobs.cancel('job_1');
    expect(bodies).toEqual([{ action: 'cancel' }]);
    expect(job.status).toBe('canceled');
  });

  it('is retried like a read after a 503 (cancelling twice is harmless)', async () => {
    let calls = 0;
    server.use(
      http.post(`${API}/jobs/job_1/action`, () =>
        ++calls === 1
          ? HttpResponse.json({ reason: 'busy' }, { status: 503, headers: { 'retry-after': '0' } })
          : HttpResponse.json({ job: jobWire('job_1', 'canceled', 0.2) }),
      ),
    );
    await testClient().jobs.cancel('job_1');
    expect(calls).toBe(2);
  });

  it('reads the job when the answer does not carry it', async () => {
    server.use(
      http.post(`${API}/jobs/job_1/action`, () => HttpResponse.json({})),
      http.get(`${API}/jobs/job_1`, () => HttpResponse.json({ job: jobWire('job_1', 'canceled', 0.2) })),
    );
    expect((await testClient().jobs.cancel('job_1')).status).toBe('canceled');
  });

  it('surfaces the 400 of a job type that cannot be canceled', async () => {
    server.use(
      http.post(`${API}/jobs/job_1/action`, () =>
        HttpResponse.json({ reason: 'Cannot cancel this type of job. Action not permitted.' }, { status: 400 }),
      ),
    );
    expect(await rejectionOf(testClient().jobs.cancel('job_1'))).toBeInstanceOf(BadRequestError);
  });
});

describe('jobs.wait', () => {
  it('polls to success and returns the assets in output order', async () => {
    const answers = [
      jobWire('job_1', 'in-progress', 0.5),
      jobWire('job_1', 'success', 1, { assetIds: ['asset_2', 'asset_1'] }),
    ];
    server.use(
      http.get(`${API}/jobs/job_1`, () => HttpResponse.json({ job: answers.shift() })),
      http.post(`${API}/assets/get-bulk`, () =>
        HttpResponse.json({ assets: [assetWire('asset_1'), assetWire('asset_2')] }),
      ),
    );
    const { job, assets } = await testClient().jobs.wait('job_1', { pollInterval: 1 });
    expect(job.status).toBe('success');
    expect(assets.map((asset) => asset.id)).toEqual(['asset_2', 'asset_1']);
    expect(TERMINAL_JOB_STATUSES).toContain(job.status);
  });

  it('fails with JobFailedError carrying the reason and hint', async () => {
    server.use(
      http.get(`${API}/jobs/job_1`, () =>
        HttpResponse.json({ job: jobWire('job_1', 'failure', 0.5, { error: 'NSFW', hint: 'Change the prompt' }) }),
      ),
    );
    const error = await rejectionOf(testClient().jobs.wait('job_1'));
    expect(error).toBeInstanceOf(JobFailedError);
    expect((error as JobFailedError).hint).toBe('Change the prompt');
  });

  it('times out with the job id, and a missing output asset also names the job', async () => {
    server.use(http.get(`${API}/jobs/job_1`, () => HttpResponse.json({ job: jobWire('job_1', 'queued', 0) })));
    const timeout = await rejectionOf(testClient().jobs.wait('job_1', { waitTimeout: 300, pollInterval: 1 }));
    expect(timeout).toBeInstanceOf(JobTimeoutError);
    expect((timeout as JobTimeoutError).jobId).toBe('job_1');

    server.use(
      http.get(`${API}/jobs/job_1`, () =>
        HttpResponse.json({ job: jobWire('job_1', 'success', 1, { assetIds: ['asset_gone'] }) }),
      ),
      http.post(`${API}/assets/get-bulk`, () => HttpResponse.json({ assets: [] })),
    );
    const missing = await rejectionOf(testClient().jobs.wait('job_1'));
    expect(missing.message).toContain('asset_gone');
    expect(missing.message).toContain("client.jobs.wait('job_1')");
  });

  it('an id that no job has rejects with NotFoundError, not a job error advising to resume', async () => {
    server.use(
      http.get(`${API}/jobs/job_doesnotexist`, () => HttpResponse.json({ reason: 'Job not found' }, { status: 404 })),
    );
    const error = await rejectionOf(testClient().jobs.wait('job_doesnotexist'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).not.toBeInstanceOf(JobError);
    expect(error.message).not.toContain('resume');
  });

  it('refuses options it cannot use before any request: a string timeout never disables the deadline', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    for (const options of [{ timeout: '1500' }, { waitTimeout: '1500' }, { pollInterval: 0 }, { signal: {} }]) {
      const error = await rejectionOf(testClient().jobs.wait('job_1', options as never));
      expect(error, JSON.stringify(options)).toBeInstanceOf(InvalidRequestError);
      expect(error.message).toMatch(/^Invalid wait options/);
    }
    expect(requests).toEqual([]);
  });

  it('an abort names the job, with how to resume or cancel it', async () => {
    server.use(http.get(`${API}/jobs/job_1`, () => HttpResponse.json({ job: jobWire('job_1', 'queued', 0) })));
    const error = await rejectionOf(testClient().jobs.wait('job_1', { signal: AbortSignal.timeout(100) }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as APIUserAbortError).jobId).toBe('job_1');
    expect(error.message).toContain("client.jobs.wait('job_1')");
    expect(error.message).toContain("client.jobs.cancel('job_1')");
  });

  it('is a plain class the client builds', () => {
    expect(testClient().jobs).toBeInstanceOf(Jobs);
  });
});
