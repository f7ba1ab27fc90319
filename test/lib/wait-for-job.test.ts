import { afterEach, describe, expect, it, vi } from 'vitest';
import { meanWait } from '../../bench/job-waiting.js';
import { realClock } from '../../src/core/clock.js';
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  InternalServerError,
  JobCanceledError,
  JobError,
  JobFailedError,
  JobTimeoutError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
} from '../../src/core/errors.js';
import { CANCEL_ANSWER_WAIT_MS } from '../../src/lib/poll-until-done.js';
import { type WaitForJobDeps, waitForJob } from '../../src/lib/wait-for-job.js';
import type { Job } from '../../src/schemas/job.js';
import { createRng } from '../../src/testing/rng.js';
import { VirtualClock } from '../../src/testing/virtual-clock.js';
import { rejectionOf as rejection } from '../helpers/timers.js';

/** Virtual time from 0 that jumps to the next sleep whenever the code under test is idle. */
const simClock = () => new VirtualClock({ start: 0, autoAdvance: true });

const job = (status: string, progress = 0, metadata: Job['metadata'] = {}): Job => ({
  jobId: 'job_abc',
  jobType: 'flux',
  status,
  progress,
  statusHistory: [],
  metadata,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
});

/** The error the transport throws for a poll answered `status`. */
function apiError(ErrorClass: new (init: ConstructorParameters<typeof APIError>[0]) => APIError, status: number) {
  const init = { status, reason: `answered ${status}`, body: {}, headers: {}, method: 'GET', path: '/jobs/job_abc' };
  return new ErrorClass(init);
}

const rateLimited = (retryAfterMs: number) =>
  new RateLimitError(
    { status: 429, reason: 'Too many requests', body: {}, headers: {}, method: 'GET', path: '/jobs/job_abc' },
    retryAfterMs,
  );

const connectionLost = () =>
  new APIConnectionError('GET /jobs/job_abc failed without a complete answer: socket hang up');

/** A server whose job goes through `states`, one per poll, then stays at the last; records when it was polled. */
function scripted(states: Job[], clock = simClock()) {
  const polledAt: number[] = [];
  const deps = {
    clock,
    getJob: vi.fn(async (_id: string, _signal: AbortSignal) => {
      polledAt.push(clock.now());
      return states[Math.min(polledAt.length - 1, states.length - 1)] as Job;
    }),
    cancelJob: vi.fn(async (_id: string, _signal: AbortSignal) => job('canceled')),
  } satisfies WaitForJobDeps;
  return { deps, clock, polledAt };
}

describe('waitForJob', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('polls an id at once and until success, and resolves with the final job', async () => {
    const { deps, clock } = scripted([job('queued'), job('in-progress', 0.5), job('success', 1)]);
    await expect(waitForJob('job_abc', deps)).resolves.toMatchObject({ status: 'success' });
    expect(deps.getJob).toHaveBeenCalledTimes(3);
    expect(deps.getJob.mock.calls[0]?.[0]).toBe('job_abc');
    expect(clock.pending).toBe(0);
  });

  it('uses a job already seen instead of a first poll, and resolves a finished one without polling', async () => {
    const { deps, polledAt } = scripted([job('success', 1)]);
    await waitForJob(job('queued'), deps);
    expect(polledAt).toEqual([1000]);
    await expect(waitForJob(job('success', 1), deps)).resolves.toMatchObject({ status: 'success' });
    expect(deps.getJob).toHaveBeenCalledTimes(1);
  });

  it('keeps waiting through a status it does not know, and warns about it once', async () => {
    const warn = vi.fn();
    const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() };
    const { deps } = scripted([job('thinking'), job('thinking'), job('success', 1)]);
    await expect(waitForJob('job_abc', { ...deps, logger })).resolves.toMatchObject({ status: 'success' });
    expect(deps.getJob).toHaveBeenCalledTimes(3);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]?.[0]).toContain("'thinking'");
  });

  it('calls onProgress with the first state and then only on changes', async () => {
    const states = [
      job('queued'),
      job('queued'),
      job('in-progress', 0.2),
      job('in-progress', 0.2),
      job('in-progress', 0.6),
      job('finalizing', 1),
      job('success', 1),
    ];
    const { deps } = scripted(states);
    const onProgress = vi.fn();
    await waitForJob('job_abc', deps, { onProgress });
    expect(onProgress.mock.calls.map(([seen]) => `${seen.status} ${seen.progress}`)).toEqual([
      'queued 0',
      'in-progress 0.2',
      'in-progress 0.6',
      'finalizing 1',
      'success 1',
    ]);
  });

  it('rejects a failed job with JobFailedError, with the reason and hint', async () => {
    const failed = job('failure', 0.3, { error: 'NSFW content detected', hint: 'Change the prompt.' });
    const { deps } = scripted([job('in-progress', 0.3), failed]);
    const error = await rejection(waitForJob('job_abc', deps));
    expect(error).toBeInstanceOf(JobFailedError);
    expect(error).toMatchObject({ jobId: 'job_abc', reason: 'NSFW content detected', hint: 'Change the prompt.' });
    expect(error.message).toContain('Change the prompt.');
  });

  it('rejects a canceled job with JobCanceledError', async () => {
    const { deps } = scripted([job('queued'), job('canceled')]);
    const error = await rejection(waitForJob('job_abc', deps));
    expect(error).toBeInstanceOf(JobCanceledError);
    expect(error).toMatchObject({ jobId: 'job_abc', job: { status: 'canceled' } });
  });

  it('times out with the job id, the last job seen and how to resume, polling once just before the deadline', async () => {
    const { deps, clock, polledAt } = scripted([job('queued'), job('in-progress', 0.4)]);
    const error = await rejection(waitForJob(job('queued'), deps, { waitTimeout: 60_000 }));
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect(error).toMatchObject({ jobId: 'job_abc', lastJob: { status: 'in-progress', progress: 0.4 } });
    expect(error.message).toContain("client.jobs.wait('job_abc')");
    expect(clock.now()).toBe(60_000);
    expect(polledAt.at(-1)).toBe(59_000);
    expect(clock.pending).toBe(0);
  });

  it('gives up a poll that is still in flight at the deadline', async () => {
    const clock = simClock();
    const getJob = vi.fn(() => new Promise<Job>(() => {}));
    const error = await rejection(waitForJob('job_abc', { getJob, cancelJob: vi.fn(), clock }, { waitTimeout: 5000 }));
    expect(error).toBeInstanceOf(JobTimeoutError);
    expect((error as JobTimeoutError).lastJob).toBeUndefined();
    expect(clock.now()).toBe(5000);
  });

  it('stops at once when aborted mid-sleep, without another poll or a cancel', async () => {
    const { deps, clock } = scripted([job('queued')]);
    const controller = new AbortController();
    void clock.sleep(2500).then(() => controller.abort());
    const error = await rejection(waitForJob('job_abc', deps, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(clock.now()).toBe(2500);
    expect(deps.getJob).toHaveBeenCalledTimes(3); // at 0, 1 s and 2 s
    expect(deps.cancelJob).not.toHaveBeenCalled();
    expect(clock.pending).toBe(0);
  });

  it('stops at once when aborted mid-request, even if the request ignores its signal', async () => {
    const clock = simClock();
    const controller = new AbortController();
    const getJob = vi.fn(() => new Promise<Job>(() => {}));
    void clock.sleep(300).then(() => controller.abort());
    const waiting = waitForJob('job_abc', { getJob, cancelJob: vi.fn(), clock }, { signal: controller.signal });
    expect(await rejection(waiting)).toBeInstanceOf(APIUserAbortError);
    expect(clock.now()).toBe(300);
  });

  it('rejects an already aborted signal before any request', async () => {
    const { deps } = scripted([job('queued')]);
    const reason = new Error('user left');
    const error = await rejection(waitForJob('job_abc', deps, { signal: AbortSignal.abort(reason) }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.cause).toBe(reason);
    expect(deps.getJob).not.toHaveBeenCalled();
  });

  it('an abort names the job, says it keeps running and how to resume or cancel it', async () => {
    const { deps, clock } = scripted([job('queued')]);
    const controller = new AbortController();
    void clock.sleep(1500).then(() => controller.abort());
    const error = await rejection(waitForJob('job_abc', deps, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(Object.hasOwn(error, 'jobId')).toBe(true);
    expect((error as APIUserAbortError).jobId).toBe('job_abc');
    expect(error.message).toMatch(/job_abc.*keeps running.*billed/);
    expect(error.message).toContain("client.jobs.wait('job_abc')");
    expect(error.message).toContain("client.jobs.cancel('job_abc')");
  });

  it('with cancelOnAbort, says in the abort error that the job was canceled', async () => {
    const { deps, clock } = scripted([job('in-progress', 0.1)]);
    const controller = new AbortController();
    void clock.sleep(1500).then(() => controller.abort());
    const error = await rejection(waitForJob('job_abc', deps, { signal: controller.signal, cancelOnAbort: true }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).toMatchObject({ jobId: 'job_abc' });
    expect(error.message).toContain('was canceled');
    expect(deps.cancelJob).toHaveBeenCalledWith('job_abc', expect.any(AbortSignal));
  });

  it('with cancelOnAbort, a cancel answered with another status says so instead of claiming a cancel', async () => {
    const { deps, clock } = scripted([job('in-progress', 0.9)]);
    deps.cancelJob.mockResolvedValue(job('success', 1));
    const controller = new AbortController();
    void clock.sleep(1500).then(() => controller.abort());
    const error = await rejection(waitForJob('job_abc', deps, { signal: controller.signal, cancelOnAbort: true }));
    expect(error.message).toContain("answered with status 'success'");
    expect(error.message).not.toContain('was canceled');
  });

  it('with cancelOnAbort, a "cannot cancel" 400 is said in the abort error and logged at warn: the job runs on, billed', async () => {
    const warn = vi.fn();
    const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() };
    const { deps, clock } = scripted([job('in-progress', 0.1)]);
    const refusal = new BadRequestError({
      status: 400,
      reason: 'Cannot cancel this type of job. Action not permitted.',
      body: { reason: 'Cannot cancel this type of job. Action not permitted.' },
      headers: {},
      method: 'POST',
      path: '/jobs/job_abc/action',
    });
    deps.cancelJob.mockRejectedValue(refusal);
    const controller = new AbortController();
    void clock.sleep(1500).then(() => controller.abort());
    const error = await rejection(
      waitForJob('job_abc', { ...deps, logger }, { signal: controller.signal, cancelOnAbort: true }),
    );
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error).toMatchObject({ jobId: 'job_abc' });
    expect(error.message).toMatch(/not canceled \(the API refused with 400: Cannot cancel this type of job/);
    expect(error.message).toMatch(/keeps running and is billed/);
    expect(error.message).toContain("client.jobs.wait('job_abc')");
    expect(warn).toHaveBeenCalledOnce();
    expect(warn.mock.calls[0]?.[0]).toMatch(/job_abc was not canceled.*billed/);
  });

  it('holds the abort back at most CANCEL_ANSWER_WAIT_MS while the cancel hangs, then gives the cancel up', async () => {
    const { deps, clock } = scripted([job('queued')]);
    let cancelSignal: AbortSignal | undefined;
    deps.cancelJob.mockImplementation((_id, signal) => {
      cancelSignal = signal;
      return new Promise(() => {});
    });
    const controller = new AbortController();
    void clock.sleep(1500).then(() => controller.abort());
    const waiting = waitForJob('job_abc', deps, { signal: controller.signal, cancelOnAbort: true });
    const error = await rejection(waiting);
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(error.message).toMatch(/no answer to the cancel within 3 s.*keeps running/);
    expect(clock.now()).toBe(1500 + CANCEL_ANSWER_WAIT_MS);
    expect(deps.cancelJob).toHaveBeenCalledOnce();
    expect(cancelSignal?.aborted).toBe(true);
    expect(clock.pending).toBe(0);
  });

  it('an onProgress that throws stops the wait with a JobError naming the job, its error as cause', async () => {
    const { deps, clock } = scripted([job('queued'), job('in-progress', 0.5), job('success', 1)]);
    const oops = new TypeError('cannot read progress of undefined');
    const onProgress = vi.fn((seen: Job) => {
      if (seen.status === 'in-progress') throw oops;
    });
    const error = await rejection(waitForJob('job_abc', deps, { onProgress }));
    expect(error).toBeInstanceOf(JobError);
    expect(error).toMatchObject({ jobId: 'job_abc' });
    expect(error.cause).toBe(oops);
    expect(error.message).toMatch(/onProgress threw.*job_abc.*cannot read progress of undefined/);
    expect(error.message).toContain("client.jobs.wait('job_abc')");
    expect(deps.getJob).toHaveBeenCalledTimes(2);
    expect(clock.pending).toBe(0);
  });

  it('an id that no job has is a NotFoundError, not a job error advising to resume', async () => {
    const { deps } = scripted([job('queued')]);
    const missing = new NotFoundError({
      status: 404,
      reason: 'Job not found',
      body: {},
      headers: {},
      method: 'GET',
      path: '/jobs/job_doesnotexist',
    });
    deps.getJob.mockRejectedValueOnce(missing);
    expect(await rejection(waitForJob('job_doesnotexist', deps))).toBe(missing);
    // Once the job was seen, a 404 is a polling failure of a job that existed: it keeps the id.
    deps.getJob.mockRejectedValueOnce(missing);
    const later = await rejection(waitForJob(job('queued'), deps));
    expect(later).toBeInstanceOf(JobError);
    expect(later).toMatchObject({ jobId: 'job_abc' });
  });

  it.each([
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
  ])(
    'a poll answered %i stops the wait at once with a JobError that names the job, the answer as cause',
    async (status, ErrorClass) => {
      const { deps, clock } = scripted([job('queued')]);
      const gone = apiError(ErrorClass, status);
      deps.getJob.mockResolvedValueOnce(job('queued')).mockRejectedValueOnce(gone);
      const error = await rejection(waitForJob('job_abc', deps));
      expect(error).toBeInstanceOf(JobError);
      expect(error).toMatchObject({ jobId: 'job_abc' });
      expect(error.cause).toBe(gone);
      expect(error.message).toContain("client.jobs.wait('job_abc')");
      expect(deps.getJob).toHaveBeenCalledTimes(2);
      expect(clock.now()).toBe(1000);
    },
  );

  describe('polls that fail with what may pass are ridden out up to the deadline', () => {
    it("30 % of polls answered 503 (after the transport's 2 retries): 20 ten-minute waits of 5-minute jobs all succeed", async () => {
      const rng = createRng(18);
      const outcomes: string[] = [];
      let failedPolls = 0;
      for (let run = 0; run < 20; run++) {
        const clock = simClock();
        const duration = 240_000 + rng.next() * 120_000;
        const state = () => {
          const progress = Math.min(1, clock.now() / duration);
          return progress < 1 ? job('in-progress', progress) : job('success', 1);
        };
        /** `GET /jobs/{id}` through a transport that retries twice, 0.5–1 s apart, on a server failing 30 % of answers. */
        const getJob = async () => {
          for (let attempt = 0; ; attempt++) {
            if (rng.next() >= 0.3) return state();
            if (attempt === 2) {
              failedPolls++;
              throw apiError(InternalServerError, 503);
            }
            await clock.sleep(500 + rng.next() * 500);
          }
        };
        const waited = waitForJob('job_abc', { getJob, cancelJob: vi.fn(), clock }, { waitTimeout: 600_000 });
        outcomes.push(
          await waited.then(
            ({ status }) => status,
            (error: Error) => error.name,
          ),
        );
      }
      expect(outcomes).toEqual(Array(20).fill('success'));
      expect(failedPolls).toBeGreaterThan(0); // the draw did reach the wait: the test is not vacuous
    });

    it('backs off between failed polls and polls normally again once one answers', async () => {
      const { deps, polledAt } = scripted([job('in-progress', 0.5), job('success', 1)]);
      const outage = apiError(InternalServerError, 503);
      deps.getJob
        .mockRejectedValueOnce(outage)
        .mockRejectedValueOnce(connectionLost())
        .mockRejectedValueOnce(apiError(APIError, 408));
      const warn = vi.fn();
      const logger = { debug: vi.fn(), info: vi.fn(), warn, error: vi.fn() };
      await expect(waitForJob('job_abc', { ...deps, logger })).resolves.toMatchObject({ status: 'success' });
      expect(deps.getJob).toHaveBeenCalledTimes(5);
      expect(polledAt).toHaveLength(2); // the answered polls; the three failed ones came first
      expect(warn).toHaveBeenCalledTimes(3);
      expect(warn.mock.calls[0]?.[0]).toMatch(
        /polling job job_abc failed \(.*503.*\); still waiting, next poll in \d+ ms/,
      );
    });

    it("honours a 429's Retry-After, however long, within the deadline", async () => {
      const { deps, polledAt } = scripted([job('in-progress', 0.5), job('success', 1)]);
      deps.getJob.mockRejectedValueOnce(rateLimited(90_000));
      await waitForJob(job('queued'), deps);
      // The poll at 1 s was answered 429, Retry-After 90 s: the next one comes 90 s later.
      expect(polledAt[0]).toBe(91_000);
    });

    it('a deadline reached while polls fail is a JobTimeoutError saying so, the latest failure as cause', async () => {
      const { deps, clock } = scripted([job('queued')]);
      const outage = apiError(InternalServerError, 503);
      deps.getJob.mockResolvedValueOnce(job('in-progress', 0.2)).mockRejectedValue(outage);
      const error = await rejection(waitForJob('job_abc', deps, { waitTimeout: 120_000 }));
      expect(error).toBeInstanceOf(JobTimeoutError);
      expect(error.message).toMatch(
        /^Job job_abc not seen to finish within 2 min \(last status in-progress, progress 20%\): the last \d+ polls failed, the latest with: GET \/jobs\/job_abc failed with 503/,
      );
      expect(error.message).toContain("client.jobs.wait('job_abc')");
      expect(error.cause).toBe(outage);
      expect(clock.now()).toBe(120_000);
      expect(clock.pending).toBe(0);
    });
  });

  it('polls at a fixed pollInterval when given one', async () => {
    const { deps, polledAt } = scripted([job('in-progress', 0.1), job('in-progress', 0.5), job('success', 1)]);
    await waitForJob(job('queued'), deps, { pollInterval: 3000 });
    expect(polledAt).toEqual([3000, 6000, 9000]);
  });

  it('leaves no real timer behind once settled, whichever way', async () => {
    vi.useFakeTimers();
    const getJob = vi
      .fn<WaitForJobDeps['getJob']>()
      .mockResolvedValueOnce(job('in-progress', 0.5))
      .mockResolvedValueOnce(job('success', 1))
      .mockResolvedValueOnce(job('failure'));
    const deps = { getJob, cancelJob: vi.fn(async () => job('canceled')), clock: realClock };

    const succeeding = waitForJob(job('queued'), deps);
    await vi.advanceTimersByTimeAsync(10_000);
    await expect(succeeding).resolves.toMatchObject({ status: 'success' });
    expect(vi.getTimerCount()).toBe(0);

    await expect(waitForJob('job_abc', deps)).rejects.toBeInstanceOf(JobFailedError);
    expect(vi.getTimerCount()).toBe(0);

    const controller = new AbortController();
    const aborted = waitForJob(job('queued'), deps, { signal: controller.signal });
    controller.abort();
    await expect(aborted).rejects.toBeInstanceOf(APIUserAbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('meets the design goal on a steady 120 s job: at most 20 polls and under 0.5 s mean lag', async () => {
    const { polls, lagMs } = await meanWait(120_000, 10);
    expect(polls).toBeLessThanOrEqual(20);
    expect(lagMs).toBeLessThan(500);
    const fixed = await meanWait(120_000, 10, { pollInterval: 3000 });
    expect(fixed.polls).toBeGreaterThan(2 * polls);
  });
});
