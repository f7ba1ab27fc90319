/**
 * design.md §2 (`client.jobs`, `client.models`) and §5 (job waiting).
 */
import { HttpResponse, http } from 'msw';
import { describe, expect, it, vi } from 'vitest';
import {
  APIUserAbortError,
  JobCanceledError,
  JobFailedError,
  JobTimeoutError,
  ScenarioError,
} from '../../src/index.js';
import { onFakeTime } from '../helpers/timers.js';
import { API, bodyOf, contractClient as client, jobWire, rejectionOf, useFakeApi } from './_fake-api.js';

const { api, use, rec } = useFakeApi();

/** A job whose successive GET /jobs/{id} answers are `script`. */
function scriptJob(id: string, script: Record<string, unknown>[]) {
  api.jobScripts.set(id, script);
  return id;
}

/** A job that finishes with two output assets after a few polls. */
function successfulJob(id = 'job_ok') {
  api.addAsset('asset_o1');
  api.addAsset('asset_o2');
  return scriptJob(id, [
    jobWire(id, 'queued', 0),
    jobWire(id, 'in-progress', 0.4),
    jobWire(id, 'success', 1, { assetIds: ['asset_o1', 'asset_o2'] }),
  ]);
}

/** Whether an error carries the job id (design §3: "every job error carries the job id"). */
function jobIdOf(err: { jobId?: unknown; job?: { jobId?: unknown } }) {
  return err.jobId ?? err.job?.jobId;
}

describe('client.jobs', () => {
  it('get(id) → GET /jobs/{id}, unwraps {job}', async () => {
    scriptJob('job_1', [jobWire('job_1', 'in-progress', 0.3)]);
    const job = await client().jobs.get('job_1');
    expect(job.jobId).toBe('job_1');
    expect(job.status).toBe('in-progress');
    expect(job.progress).toBe(0.3);
    expect(api.calls('GET', '/jobs/job_1')).toHaveLength(1);
  });

  it('get tolerates a status the SDK does not know', async () => {
    scriptJob('job_new', [jobWire('job_new', 'rendering-on-mars', 0.1)]);
    const job = await client().jobs.get('job_new');
    expect(job.status).toBe('rendering-on-mars');
  });

  it('list() iterates jobs across pages with for await', async () => {
    for (let i = 1; i <= 12; i++)
      scriptJob(`job_${String(i).padStart(2, '0')}`, [jobWire(`job_${String(i).padStart(2, '0')}`, 'success', 1)]);
    const ids: string[] = [];
    for await (const job of client().jobs.list({ pageSize: 5 })) ids.push(job.jobId);
    expect(ids).toHaveLength(12);
    expect(ids[0]).toBe('job_01');
    expect(ids[11]).toBe('job_12');
    expect(api.calls('GET', '/jobs')).toHaveLength(3);
    expect(api.calls('GET', '/jobs')[0]?.url.searchParams.get('pageSize')).toBe('5');
  });

  it('cancel(id) → POST /jobs/{id}/action {action: "cancel"}', async () => {
    api.cancelBehaviour = 'accept';
    scriptJob('job_c', [jobWire('job_c', 'in-progress', 0.2)]);
    await client().jobs.cancel('job_c');
    const [req] = api.calls('POST', '/jobs/job_c/action');
    expect(req?.body).toEqual({ action: 'cancel' });
  });

  it('wait(id) → GenerationResult { job, assets } once the job succeeds', async () => {
    successfulJob('job_w');
    const result = await client().jobs.wait('job_w', { pollInterval: 10 });
    expect(result.job.jobId).toBe('job_w');
    expect(result.job.status).toBe('success');
    expect(result.assets.map((a) => a.id)).toEqual(['asset_o1', 'asset_o2']);
    expect(api.calls('GET', '/jobs/job_w')).toHaveLength(3);
  });
});

describe('client.models', () => {
  it('get(id) → GET /models/{id}, unwraps {model}', async () => {
    const model = await client().models.get('model_abc');
    expect(model.id).toBe('model_abc');
    expect(api.calls('GET', '/models/model_abc')).toHaveLength(1);
  });

  it('list() iterates models across pages with for await', async () => {
    const ids: string[] = [];
    for await (const m of client().models.list()) ids.push(m.id);
    expect(ids).toEqual(['model_a', 'model_b', 'model_c']);
    expect(api.calls('GET', '/models')).toHaveLength(2);
  });
});

describe('job waiting (§5)', () => {
  it('polls queued → in-progress → success; onProgress fires on every status/progress change only', async () => {
    const id = scriptJob('job_p', [
      jobWire('job_p', 'queued', 0),
      jobWire('job_p', 'in-progress', 0.25),
      jobWire('job_p', 'in-progress', 0.25),
      jobWire('job_p', 'in-progress', 0.75),
      jobWire('job_p', 'finalizing', 0.99),
      jobWire('job_p', 'success', 1, { assetIds: [] }),
    ]);
    const seen: string[] = [];
    const result = await client().jobs.wait(id, {
      pollInterval: 10,
      onProgress: (job) => void seen.push(`${job.status}@${job.progress}`),
    });
    expect(result.job.status).toBe('success');
    expect(result.assets).toEqual([]);
    expect(api.calls('GET', '/jobs/job_p')).toHaveLength(6);
    // every change is reported, in order; the repeated in-progress@0.25 is not reported twice
    expect(seen.filter((s) => s === 'in-progress@0.25')).toHaveLength(1);
    const order = ['in-progress@0.25', 'in-progress@0.75', 'finalizing@0.99'].map((s) => seen.indexOf(s));
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(seen.at(-1)).toBe('success@1');
    for (let i = 1; i < seen.length; i++) expect(seen[i]).not.toBe(seen[i - 1]);
  });

  it('an unknown status is treated as still running', async () => {
    api.addAsset('asset_u');
    const id = scriptJob('job_u', [
      jobWire('job_u', 'quantum-superposition', 0.1),
      jobWire('job_u', 'quantum-superposition', 0.6),
      jobWire('job_u', 'success', 1, { assetIds: ['asset_u'] }),
    ]);
    const result = await client().jobs.wait(id, { pollInterval: 10 });
    expect(result.job.status).toBe('success');
    expect(result.assets.map((a) => a.id)).toEqual(['asset_u']);
    expect(api.calls('GET', '/jobs/job_u')).toHaveLength(3);
  });

  it('a single output asset is fetched and returned with its url', async () => {
    api.addAsset('asset_single');
    const id = scriptJob('job_s', [jobWire('job_s', 'success', 1, { assetIds: ['asset_single'] })]);
    const result = await client().jobs.wait(id, { pollInterval: 10 });
    expect(result.assets).toHaveLength(1);
    expect(result.assets[0]?.id).toBe('asset_single');
    expect(result.assets[0]?.url).toContain('asset_single');
  });

  it('several output assets are fetched with POST /assets/get-bulk', async () => {
    successfulJob('job_bulk');
    await client().jobs.wait('job_bulk', { pollInterval: 10 });
    const [bulk] = api.calls('POST', '/assets/get-bulk');
    expect(bulk).toBeDefined();
    expect(new Set(bodyOf(bulk).assetIds as string[])).toEqual(new Set(['asset_o1', 'asset_o2']));
  });

  it('failure → JobFailedError with job, reason and hint', async () => {
    const id = scriptJob('job_f', [
      jobWire('job_f', 'in-progress', 0.5),
      jobWire('job_f', 'failure', 0.5, { error: 'Image is too small for this model', hint: 'Use at least 256×256' }),
    ]);
    const err = await rejectionOf(client().jobs.wait(id, { pollInterval: 10 }));
    expect(err).toBeInstanceOf(JobFailedError);
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err.job.jobId).toBe('job_f');
    expect(err.job.status).toBe('failure');
    expect(err.reason).toBe('Image is too small for this model');
    expect(err.hint).toBe('Use at least 256×256');
    expect(err.message).toContain('Image is too small for this model');
  });

  it('canceled → JobCanceledError carrying the job id', async () => {
    const id = scriptJob('job_x', [jobWire('job_x', 'in-progress', 0.5), jobWire('job_x', 'canceled', 0.5)]);
    const err = await rejectionOf(client().jobs.wait(id, { pollInterval: 10 }));
    expect(err).toBeInstanceOf(JobCanceledError);
    expect(err).toBeInstanceOf(ScenarioError);
    expect(jobIdOf(err)).toBe('job_x');
  });

  it('timeout → JobTimeoutError with jobId and lastJob, and polling stops', async () => {
    const id = scriptJob('job_t', [jobWire('job_t', 'in-progress', 0.1)]);
    const { error, elapsedMs } = await onFakeTime(async () => {
      const waited = client().jobs.wait(id, { pollInterval: 10, waitTimeout: 200 });
      await rejectionOf(waited);
      // Once the wait gave up, time passes without another poll.
      const polls = api.calls('GET', '/jobs/job_t').length;
      await new Promise((resolve) => setTimeout(resolve, 60_000));
      expect(api.calls('GET', '/jobs/job_t').length).toBe(polls);
      return waited;
    });
    expect(elapsedMs).toBe(200 + 60_000);
    const err = error as JobTimeoutError;
    expect(err).toBeInstanceOf(JobTimeoutError);
    expect(err).toBeInstanceOf(ScenarioError);
    expect(err.jobId).toBe('job_t');
    expect(err.lastJob?.jobId).toBe('job_t');
    expect(err.lastJob?.status).toBe('in-progress');
  });

  it('abort → APIUserAbortError at once, polling stops, no cancel sent without cancelOnAbort', async () => {
    const id = scriptJob('job_a', [jobWire('job_a', 'in-progress', 0.1)]);
    const { error, elapsedMs } = await onFakeTime(async () => {
      const ac = new AbortController();
      const waited = client().jobs.wait(id, { pollInterval: 10, signal: ac.signal });
      setTimeout(() => ac.abort(), 1_000);
      await rejectionOf(waited);
      const polls = api.calls('GET', '/jobs/job_a').length;
      await new Promise((resolve) => setTimeout(resolve, 60_000));
      expect(api.calls('GET', '/jobs/job_a').length).toBe(polls);
      return waited;
    });
    // Rejected the moment it was aborted (1 s), and no poll or cancel in the minute after.
    expect(elapsedMs).toBe(1_000 + 60_000);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(api.calls('GET', '/jobs/job_a').length).toBeGreaterThan(1);
    expect(api.calls('POST', '/jobs/job_a/action')).toHaveLength(0);
  });

  it('abort with cancelOnAbort → POST /jobs/{id}/action {action:"cancel"}; a 400 "cannot cancel" is not an error', async () => {
    api.cancelBehaviour = 'refuse';
    const id = scriptJob('job_ca', [jobWire('job_ca', 'in-progress', 0.1)]);
    const ac = new AbortController();
    const p = client().jobs.wait(id, { pollInterval: 10, signal: ac.signal, cancelOnAbort: true });
    await vi.waitFor(() => expect(api.calls('GET', '/jobs/job_ca').length).toBeGreaterThan(0));
    ac.abort();
    const err = await rejectionOf(p);
    expect(err).toBeInstanceOf(APIUserAbortError); // not the BadRequestError of the refused cancel
    await vi.waitFor(() => expect(api.calls('POST', '/jobs/job_ca/action')).toHaveLength(1));
    expect(api.calls('POST', '/jobs/job_ca/action')[0]?.body).toEqual({ action: 'cancel' });
  });

  it('GenerationJob.wait accepts WaitOptions (signal aborts it)', async () => {
    api.nextJobScript = (jobId) => [jobWire(jobId, 'in-progress', 0.1)];
    const gj = await client().img2img.create({ modelId: 'flux.1-dev', prompt: 'p', image: 'asset_abc', strength: 0.5 });
    const ac = new AbortController();
    const p = gj.wait({ signal: ac.signal, pollInterval: 10 });
    setTimeout(() => ac.abort(), 50);
    expect(await rejectionOf(p)).toBeInstanceOf(APIUserAbortError);
  });

  it('a transient 503 while polling does not fail the wait', async () => {
    successfulJob('job_503');
    let first = true;
    use(
      http.get(
        `${API}/jobs/job_503`,
        rec(() => {
          if (!first)
            return HttpResponse.json({
              job:
                api.jobScripts.get('job_503')?.shift() ??
                jobWire('job_503', 'success', 1, { assetIds: ['asset_o1', 'asset_o2'] }),
            });
          first = false;
          return HttpResponse.json({ reason: 'unavailable' }, { status: 503, headers: { 'Retry-After': '0' } });
        }),
      ),
    );
    const result = await client().jobs.wait('job_503', { pollInterval: 10 });
    expect(result.job.status).toBe('success');
  });
});
