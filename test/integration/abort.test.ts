import { describe, expect, test } from 'vitest';
import { APIUserAbortError, BadRequestError } from '../../src/core/errors.js';
import type { Job } from '../../src/schemas/job.js';
import { VirtualClock } from '../../src/testing/index.js';
import { eventually, MODES, QUICK, requestsTo, SKETCH_PATH } from './setup.js';

const prompt = 'a knight, concept art';

/*
 * Jobs run on a virtual clock the tests move: a job is still running when the test aborts
 * because its time has not come, not because the machine was quick enough.
 */
describe.concurrent.each(MODES)('abort ($name)', (mode) => {
  test('abort with cancelOnAbort on an SD model: APIUserAbortError once the cancel is answered, the job ends canceled', async () => {
    const clock = new VirtualClock();
    const { emulator, client } = await mode.start({ clock, jobDurations: { inference: 5000 } });
    const sketch = await client.assets.upload(SKETCH_PATH);
    const generation = await client.img2img.create({
      modelId: 'stable-diffusion-v1-5',
      image: sketch.id,
      prompt,
      influence: 20,
    });
    await clock.advance(2500);
    const controller = new AbortController();
    let aborted = false;
    const onProgress = (job: Job) => {
      if (job.status === 'in-progress' && !aborted) {
        aborted = true;
        controller.abort();
      }
    };

    const error = await generation
      .wait({ signal: controller.signal, cancelOnAbort: true, onProgress })
      .catch((e: unknown) => e);
    // Aborted from onProgress, i.e. mid-wait, right after a poll.
    expect(aborted).toBe(true);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).message).toMatch(/was canceled/);

    const [job] = await emulator.state.jobs();
    expect(job?.jobType).toBe('inference');
    expect((error as APIUserAbortError).jobId).toBe(job?.jobId);
    await eventually(async () => (await emulator.state.jobs())[0]?.status === 'canceled');
    const cancels = () => emulator.state.requests.filter((entry) => entry.route === '/jobs/:jobId/action');
    await eventually(async () => cancels().every((entry) => entry.status !== 0));
    expect(cancels().map((entry) => entry.status)).toEqual([200]);
    expect((await client.jobs.get(job?.jobId as string)).status).toBe('canceled');
  });

  test('abort mid-wait without a poll in flight: a Flux job refuses the cancel, which the abort error and a warning say', async () => {
    const { emulator, client, warnings } = await mode.start({
      clock: new VirtualClock(),
      jobDurations: { flux: 5000 },
    });
    const sketch = await client.assets.upload(SKETCH_PATH);
    const controller = new AbortController();
    let waiting = false;
    const run = client.img2img
      .run(
        { modelId: 'flux.1-dev', image: sketch.id, prompt, influence: 20 },
        // The first state is the submission's answer: from then on the wait sleeps until its first poll.
        {
          signal: controller.signal,
          cancelOnAbort: true,
          onProgress: () => {
            waiting = true;
          },
        },
      )
      .catch((e: unknown) => e);
    await eventually(() => waiting);

    controller.abort();
    // The rejection waits for the cancel's answer (one quick call), so that it can say what became of the job.
    const error = await run;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).not.toBeInstanceOf(BadRequestError);
    const [job] = await emulator.state.jobs();
    expect(job?.jobType).toBe('flux');
    expect((error as APIUserAbortError).jobId).toBe(job?.jobId);
    expect((error as Error).message).toMatch(/not canceled \(the API refused with 400.*keeps running and is billed/);
    expect(warnings.some((line) => line.includes(`job ${job?.jobId} was not canceled`))).toBe(true);

    // The cancel was sent and refused (400), and the job runs on.
    const cancel = emulator.state.requests.filter((entry) => entry.route === '/jobs/:jobId/action');
    expect(cancel.map((entry) => entry.status)).toEqual([400]);
    expect(job?.status).not.toBe('canceled');
  });

  test('abort without cancelOnAbort leaves the job running and sends no cancel', async () => {
    const { emulator, client } = await mode.start({ clock: new VirtualClock(), jobDurations: { inference: 5000 } });
    const sketch = await client.assets.upload(SKETCH_PATH);
    const generation = await client.img2img.create({
      modelId: 'stable-diffusion-v1-5',
      image: sketch.id,
      prompt,
      strength: 0.5,
    });
    const signal = AbortSignal.timeout(300);
    await expect(generation.wait({ signal })).rejects.toBeInstanceOf(APIUserAbortError);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(emulator.state.requests.some((entry) => entry.route === '/jobs/:jobId/action')).toBe(false);
    expect((await client.jobs.get(generation.id)).status).toMatch(/queued|warming-up|in-progress/);
  });

  test('an abort while the outputs are being fetched still rejects at once', async () => {
    // The output fetch is answered after a minute: only the abort can end this run within the test's time.
    const slowFetch = { slow: { rate: 1, paths: ['/assets/get-bulk'] }, slowMs: 60_000 };
    const { emulator, client } = await mode.start({ faults: slowFetch });
    const sketch = await client.assets.upload(SKETCH_PATH);
    const controller = new AbortController();
    const run = client.img2img
      .run({ modelId: 'flux.1-dev', image: sketch.id, prompt, influence: 20 }, { ...QUICK, signal: controller.signal })
      .catch((e: unknown) => e);
    await eventually(() => requestsTo(emulator, 'POST /assets/get-bulk') === 1);
    controller.abort();
    const error = await run;
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect((error as Error).message).toMatch(
      /^Stopped fetching the outputs of job job_\w+: aborted\. The job succeeded/,
    );
    const [job] = await emulator.state.jobs();
    expect((error as APIUserAbortError).jobId).toBe(job?.jobId);
    expect((error as Error).message).toContain(`client.jobs.wait('${job?.jobId}')`);
    expect(emulator.state.counters.requests['POST /assets/get-bulk']).toBe(1);
  });
});
