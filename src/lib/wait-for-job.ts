import type { Clock } from '../core/clock.js';
import {
  APIUserAbortError,
  JobCanceledError,
  JobError,
  JobFailedError,
  JobTimeoutError,
  resumeOrCancel,
} from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { WaitOptions } from '../core/options.js';
import type { Job } from '../schemas/job.js';
import { KNOWN_JOB_STATUSES, TERMINAL_JOB_STATUSES } from '../schemas/job.js';
import { messageOf, type PollSubject, pollUntilDone } from './poll-until-done.js';

/** How long `wait()` waits by default before giving up: 10 minutes. */
export const DEFAULT_WAIT_TIMEOUT_MS = 600_000;

/** What {@link waitForJob} needs from the outside world; injected so tests can fake all of it. */
export interface WaitForJobDeps {
  /** `GET /jobs/{jobId}`, with the transport's own retries. */
  getJob(jobId: string, signal: AbortSignal): Promise<Job>;
  /** `POST /jobs/{jobId}/action` `{ action: 'cancel' }`, for `cancelOnAbort`. */
  cancelJob(jobId: string, signal: AbortSignal): Promise<Job>;
  /** Default: the real clock. */
  clock?: Clock | undefined;
  logger?: Logger | undefined;
}

const terminalStatuses: ReadonlySet<string> = new Set(TERMINAL_JOB_STATUSES);
const knownStatuses: ReadonlySet<string> = new Set(KNOWN_JOB_STATUSES);

/**
 * Polls a job until it ends and resolves with it once it succeeded.
 *
 * `job` is an id, or a job already seen (such as the create response), which saves the first
 * poll. Rejects with `JobFailedError` (`failure`), `JobCanceledError` (`canceled`),
 * `JobTimeoutError` (deadline), `APIUserAbortError` (abort), `NotFoundError` (an id the first poll
 * does not find), or a `JobError` when polling failed after the transport's retries (its `cause`
 * is the transport error) or `onProgress` threw (its `cause` is what it threw). Every error but
 * the `NotFoundError` carries `jobId`. Leaves no timer or request running once settled.
 */
export async function waitForJob(job: string | Job, deps: WaitForJobDeps, options: WaitOptions = {}): Promise<Job> {
  const jobId = typeof job === 'string' ? job : job.jobId;
  const done = await pollUntilDone(jobSubject(jobId, deps), typeof job === 'string' ? undefined : job, options, {
    clock: deps.clock,
    logger: deps.logger,
    defaultTimeout: DEFAULT_WAIT_TIMEOUT_MS,
  });
  if (done.status === 'failure') throw new JobFailedError(done);
  if (done.status === 'canceled') throw new JobCanceledError(done);
  return done;
}

/** A job as the poll loop sees it: its polls, its cancel, and errors that each name it and say how to resume. */
function jobSubject(jobId: string, deps: WaitForJobDeps): PollSubject<Job> {
  const billed = `The job keeps running on the server and is billed: ${resumeOrCancel(jobId)}.`;
  return {
    label: `job ${jobId}`,
    poll: (signal) => deps.getJob(jobId, signal),
    observe: ({ status, progress }) => ({ status, progress }),
    terminal: terminalStatuses,
    known: knownStatuses,
    async cancel(signal) {
      const job = await deps.cancelJob(jobId, signal);
      if (job.status === 'canceled') return 'The job was canceled.';
      return `The cancel was answered with status '${job.status}': check it with client.jobs.get('${jobId}').`;
    },
    pollFailed: (cause) =>
      new JobError(
        jobId,
        `Polling job ${jobId} failed: ${messageOf(cause)}; the job may still be running (and billed): ${resumeOrCancel(jobId)}.`,
        { cause },
      ),
    progressThrew: (cause) =>
      new JobError(jobId, `onProgress threw while waiting for job ${jobId}: ${messageOf(cause)}. ${billed}`, {
        cause,
      }),
    timedOut: (waitTimeout, last) => new JobTimeoutError(jobId, waitTimeout, last),
    aborted: (cause, after) =>
      new APIUserAbortError(`Stopped waiting for job ${jobId}: aborted. ${after}`, { cause, jobId }),
    keepsRunning: billed,
    notCanceled: (why) =>
      `It was not canceled (${why}): it keeps running and is billed; resume with client.jobs.wait('${jobId}') or check it with client.jobs.get('${jobId}').`,
  };
}
