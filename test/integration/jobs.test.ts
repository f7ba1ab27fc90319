import { describe, expect, test } from 'vitest';
import {
  APIConnectionError,
  InternalServerError,
  JobError,
  JobFailedError,
  JobTimeoutError,
} from '../../src/core/errors.js';
import type { GenerationResult } from '../../src/schemas/generation.js';
import { VirtualClock } from '../../src/testing/index.js';
import { MODES, QUICK, SKETCH_PATH, startWithSteppingJobs } from './setup.js';

const prompt = 'a knight, concept art';

describe.concurrent.each(MODES)('jobs: failure, timeout and resume, flaky network, polling ($name)', (mode) => {
  test('a failing job rejects with JobFailedError carrying the job id, reason and hint', async () => {
    const { emulator, client } = await mode.start({ faults: { jobFailure: 1 } });
    const sketch = await client.assets.upload(SKETCH_PATH);

    const error = await client.img2img
      .run({ modelId: 'flux.1-dev', image: sketch.id, prompt, influence: 20 }, QUICK)
      .catch((e: unknown) => e);

    expect(error).toBeInstanceOf(JobFailedError);
    const failed = error as JobFailedError;
    const [job] = await emulator.state.jobs();
    expect(failed.jobId).toBe(job?.jobId);
    expect(failed.job.status).toBe('failure');
    expect(failed.reason).toMatch(/GPU worker/);
    expect(failed.hint).toMatch(/Retry/);
    expect(failed.message).toContain(failed.jobId);
    expect(failed.message).toContain(failed.hint);
    expect(job?.status).toBe('failure');
    // No output fetch was attempted for a failed job.
    expect(emulator.state.counters.requests['POST /assets/get-bulk'] ?? 0).toBe(0);
  });

  test('a wait that times out rejects with JobTimeoutError; jobs.wait(jobId) resumes to the assets', async () => {
    // The job's time is virtual: it cannot end before the test says so, however slow the machine.
    const clock = new VirtualClock();
    const { emulator, client } = await mode.start({ clock, jobDurations: { flux: 1500 } });
    const sketch = await client.assets.upload(SKETCH_PATH);
    const params = { modelId: 'flux.1-dev', image: sketch.id, prompt, influence: 20, numSamples: 2 };

    const error = await client.img2img.run(params, { waitTimeout: 400 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(JobTimeoutError);
    const timedOut = error as JobTimeoutError;
    expect(timedOut.jobId).toMatch(/^job_/);
    expect(timedOut.message).toContain(`Job ${timedOut.jobId} still running after 0.4 s`);
    expect(timedOut.message).toContain(`client.jobs.wait('${timedOut.jobId}')`);
    expect(timedOut.lastJob?.status).toBe('queued');
    // The job keeps running on the server.
    expect((await client.jobs.get(timedOut.jobId)).status).toBe('queued');
    await clock.advance(1500);

    const resumed = await client.jobs.wait(timedOut.jobId, QUICK);
    expect(resumed.job.jobId).toBe(timedOut.jobId);
    expect(resumed.job.status).toBe('success');
    expect(resumed.assets).toHaveLength(2);
    expect(resumed.assets.map((asset) => asset.id)).toEqual(resumed.job.metadata.assetIds);
    expect(resumed.assets.every((asset) => asset.metadata.strength === 0.8)).toBe(true);
    expect(emulator.state.counters.jobsCreated).toBe(1);
  });

  test('adaptive polling (no pollInterval) follows a job to its end: progress seen rising at every poll', async () => {
    // Each poll finds the job 600 ms (virtual) further on, whatever the real time between polls:
    // a 2 s job is seen at 30 %, 60 %, 90 %, then done. (The schedule's timing is measured on a
    // virtual clock in test/lib/wait-for-job.test.ts and by the job-waiting bench.)
    const { emulator, client } = await startWithSteppingJobs(mode, 600, { jobDurations: { flux: 2000 } });
    const sketch = await client.assets.upload(SKETCH_PATH);
    const progress: number[] = [];
    const { job } = await client.img2img.run(
      { modelId: 'flux.1-dev', image: sketch.id, prompt, influence: 20 },
      { onProgress: (update) => progress.push(update.progress) },
    );
    expect(job.statusHistory.at(-1)?.status).toBe('success');
    expect(progress).toEqual([0, 0.3, 0.6, 0.9, 1].map((value) => expect.closeTo(value, 1)));
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1] as number);
    expect(emulator.state.counters.requests['GET /jobs/:jobId']).toBe(4);
  });

  test('a 500 on submit is not retried (no double billing); flaky polls are retried', async () => {
    const faults = {
      serverError: { rate: 1, methods: ['POST'], paths: ['/generate/img2img'] },
      connectionReset: { rate: 0.5, methods: ['GET'], paths: ['/jobs'] },
    };
    const { emulator, client, warnings } = await mode.start({ faults });
    const sketch = await client.assets.upload(SKETCH_PATH);
    const params = { modelId: 'flux.1-dev', image: sketch.id, prompt, influence: 20 };

    const error = await client.img2img.create(params).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect(emulator.state.counters.requests['POST /generate/img2img']).toBe(1);
    // The server did create (and bill) the job although the answer was lost.
    const [job] = await emulator.state.jobs();
    expect(emulator.state.counters.jobsCreated).toBe(1);

    // Polls that hit connection resets are retried; when the retries run out, the error names
    // the job, and waiting again resumes it.
    const jobId = job?.jobId as string;
    const errors: unknown[] = [];
    let result: GenerationResult | undefined;
    for (let attempt = 0; attempt < 5 && !result; attempt++) {
      result = await client.jobs.wait(jobId, QUICK).catch((e: unknown) => void errors.push(e));
    }
    expect(result?.job.jobId).toBe(jobId);
    expect(result?.assets).toHaveLength(1);
    for (const failure of errors) {
      expect(failure).toBeInstanceOf(JobError);
      expect((failure as JobError).jobId).toBe(jobId);
      expect((failure as JobError).cause).toBeInstanceOf(APIConnectionError);
    }
    expect(emulator.state.counters.faults.connectionReset ?? 0).toBeGreaterThanOrEqual(Math.max(1, errors.length * 3));
    expect(emulator.state.counters.jobsCreated).toBe(1);
    expect(
      warnings.some((line) => /GET \/jobs\/job_\w+ failed without a complete answer.*; retry 1 in/.test(line)),
    ).toBe(true);
    // Credentials never reach the log.
    expect(warnings.join('\n')).not.toMatch(/integration-secret|Basic /);
  });
});
