import type { Clock } from '../core/clock.js';
import { APIUserAbortError, JobCanceledError, JobError, JobFailedError, JobTimeoutError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { WaitOptions } from '../core/options.js';
import type { Job } from '../schemas/job.js';
import { KNOWN_JOB_STATUSES, TERMINAL_JOB_STATUSES } from '../schemas/job.js';
import { type PollSubject, pollUntilDone, redacted } from './poll-until-done.js';

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
  /** Removes secrets from the jobs that errors carry. Default: none. */
  redact?: ((text: string) => string) | undefined;
}

const terminalStatuses: ReadonlySet<string> = new Set(TERMINAL_JOB_STATUSES);
const knownStatuses: ReadonlySet<string> = new Set(KNOWN_JOB_STATUSES);

/**
 * Polls a job until it ends and resolves with it once it succeeded.
 *
 * `job` is an id, or a job already seen (such as the create response), which saves the first
 * poll. A poll that fails after the transport's retries with what may pass (a lost connection,
 * 408, 429, 5xx) is ridden out: the wait polls again after a backoff (or the server's
 * `Retry-After`) until its deadline. Rejects with `JobFailedError` (`failure`), `JobCanceledError`
 * (`canceled`), `JobTimeoutError` (deadline; its `cause` is the last poll's error when polls were
 * failing), `APIUserAbortError` (abort), `NotFoundError` (an id the first poll does not find), or
 * a `JobError` when a poll failed for good (a 404 of a job seen before, 401, 403…; its `cause` is
 * the transport error) or `onProgress` threw (its `cause` is what it threw). Every error but the
 * `NotFoundError` carries `jobId`. Leaves no timer or request running once settled.
 */
export async function waitForJob(job: string | Job, deps: WaitForJobDeps, options: WaitOptions = {}): Promise<Job> {
  const jobId = typeof job === 'string' ? job : job.jobId;
  const done = await pollUntilDone(jobSubject(jobId, deps), typeof job === 'string' ? undefined : job, options, {
    clock: deps.clock,
    logger: deps.logger,
    redact: deps.redact,
    defaultTimeout: DEFAULT_WAIT_TIMEOUT_MS,
  });
  // Answers are redacted of real-length secrets only; an error shows a job redacted of them all.
  if (done.status === 'failure') throw new JobFailedError(redacted(done, deps.redact));
  if (done.status === 'canceled') throw new JobCanceledError(redacted(done, deps.redact));
  return done;
}

/** A job as the poll loop sees it: its polls, its cancel, and errors that carry its id. */
function jobSubject(jobId: string, deps: WaitForJobDeps): PollSubject<Job> {
  return {
    words: {
      label: `job ${jobId}`,
      work: 'The job',
      resume: `client.jobs.wait('${jobId}')`,
      inspect: `client.jobs.get('${jobId}')`,
      cancel: `client.jobs.cancel('${jobId}')`,
    },
    poll: (signal) => deps.getJob(jobId, signal),
    observe: ({ status, progress }) => ({ status, progress }),
    terminal: terminalStatuses,
    known: knownStatuses,
    cancel: async (signal) => (await deps.cancelJob(jobId, signal)).status,
    canceledStatus: 'canceled',
    failed: (message, cause) => new JobError(jobId, message, { cause }),
    timedOut: (waitTimeout, last, failedPolls) => new JobTimeoutError(jobId, waitTimeout, last, failedPolls),
    aborted: (message, cause) => new APIUserAbortError(message, { cause, jobId }),
  };
}
