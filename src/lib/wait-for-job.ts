import { abortError, untilAborted } from '../core/abort.js';
import type { Clock } from '../core/clock.js';
import { realClock } from '../core/clock.js';
import { InvalidRequestError } from '../core/errors/InvalidRequestError.js';
import { JobCanceledError } from '../core/errors/JobCanceledError.js';
import { JobError } from '../core/errors/JobError.js';
import { JobFailedError } from '../core/errors/JobFailedError.js';
import { JobTimeoutError } from '../core/errors/JobTimeoutError.js';
import type { Logger } from '../core/logger.js';
import type { Job } from '../schemas/job.js';
import { KNOWN_JOB_STATUSES, TERMINAL_JOB_STATUSES } from '../schemas/job.js';
import { type JobObservation, MIN_POLL_INTERVAL_MS, nextPollDelay } from './poll-schedule.js';

/** How long `wait()` waits by default before giving up: 10 minutes. */
export const DEFAULT_WAIT_TIMEOUT_MS = 600_000;

/** Options of `wait()` and of every `run()`: how long and how to wait for a job. */
export interface WaitOptions {
  /**
   * Stops waiting at once, even mid-request: the promise rejects with `APIUserAbortError`. The job
   * keeps running on the server unless `cancelOnAbort` is set.
   */
  signal?: AbortSignal | undefined;
  /**
   * Milliseconds before giving up with `JobTimeoutError` (which carries the job id and the last job
   * seen); the job keeps running and `client.jobs.wait(id)` resumes. `Infinity` waits for ever.
   * Default: 600 000 (10 minutes).
   */
  timeout?: number | undefined;
  /** Called with the first job state seen, then each time its status or progress changes. */
  onProgress?: ((job: Job) => void) | undefined;
  /**
   * Poll every this many milliseconds instead of adaptively (at least 250). Default: adaptive —
   * fast at first, then aimed just after the finish predicted from the job's progress, never more
   * than 10 s apart.
   */
  pollInterval?: number | undefined;
  /**
   * On abort, also ask the server to cancel the job. Best effort: the request is sent without
   * delaying the rejection, and its failure (most generation jobs refuse with a 400) is ignored.
   * Default: false.
   */
  cancelOnAbort?: boolean | undefined;
}

/** What {@link waitForJob} needs from the outside world; injected so tests can fake all of it. */
export interface WaitForJobDeps {
  /** `GET /jobs/{jobId}`, with the transport's own retries. */
  getJob(jobId: string, signal: AbortSignal): Promise<Job>;
  /** `POST /jobs/{jobId}/action` `{ action: 'cancel' }`, for `cancelOnAbort`. */
  cancelJob(jobId: string): Promise<unknown>;
  /** Default: the real clock. */
  clock?: Clock | undefined;
  logger?: Logger | undefined;
}

/**
 * The last poll is sent this long (ms) before the timeout, so the verdict and the `lastJob` of a
 * `JobTimeoutError` are fresh.
 */
const FINAL_POLL_LEAD_MS = 1000;
/** Observations kept for the schedule, which only looks at the latest few. */
const KEPT_OBSERVATIONS = 8;

const terminalStatuses: ReadonlySet<string> = new Set(TERMINAL_JOB_STATUSES);
const knownStatuses: ReadonlySet<string> = new Set(KNOWN_JOB_STATUSES);

/**
 * Polls a job until it ends and resolves with it once it succeeded.
 *
 * `job` is an id, or a job already seen (such as the create response), which saves the first
 * poll. Rejects with `JobFailedError` (`failure`), `JobCanceledError` (`canceled`),
 * `JobTimeoutError` (timeout), `APIUserAbortError` (abort), or — when polling itself fails after
 * the transport's retries — a `JobError` whose `cause` is the transport error (`APIError`,
 * `APIConnectionError`, …); every one carries `jobId` so the job can be resumed. Leaves no timer
 * or request running once settled, except the best-effort cancel of `cancelOnAbort`.
 */
export async function waitForJob(job: string | Job, deps: WaitForJobDeps, options: WaitOptions = {}): Promise<Job> {
  const jobId = typeof job === 'string' ? job : job.jobId;
  const { signal, onProgress, pollInterval, cancelOnAbort = false } = options;
  const timeout = options.timeout ?? DEFAULT_WAIT_TIMEOUT_MS;
  checkOptions(timeout, pollInterval);
  const clock = deps.clock ?? realClock;
  const startedAt = clock.now();
  const deadlineAt = startedAt + timeout;

  // `settled` ends the timeout timer and any request in flight when this call settles, so nothing outlives it.
  const settled = new AbortController();
  const timedOut = new AbortController();
  if (Number.isFinite(timeout)) {
    clock.sleep(timeout, settled.signal).then(
      () => timedOut.abort(),
      () => {},
    );
  }
  const stop = AbortSignal.any([settled.signal, timedOut.signal, ...(signal ? [signal] : [])]);

  const observations: JobObservation[] = [];
  const warnedStatuses = new Set<string>();
  let last: Job | undefined;
  const see = (seen: Job, at: number) => {
    if (!last || seen.status !== last.status || seen.progress !== last.progress) onProgress?.(seen);
    if (!knownStatuses.has(seen.status) && !warnedStatuses.has(seen.status)) {
      warnedStatuses.add(seen.status);
      deps.logger?.warn(`job ${jobId} has status '${seen.status}', unknown to this SDK; still waiting for it`);
    }
    last = seen;
    observations.push({ at, status: seen.status, progress: seen.progress });
    if (observations.length > KEPT_OBSERVATIONS) observations.shift();
  };
  const poll = async () => {
    const sentAt = clock.now();
    see(await pollOnce(jobId, deps.getJob, stop), (sentAt + clock.now()) / 2);
  };

  try {
    if (signal?.aborted) throw abortError(signal);
    if (typeof job === 'string') await poll();
    else see(job, startedAt);
    while (!terminalStatuses.has((last as Job).status)) {
      const now = clock.now();
      const delay = beforeDeadline(
        Math.max(pollInterval ?? nextPollDelay(observations, startedAt, now), MIN_POLL_INTERVAL_MS),
        now,
        deadlineAt,
      );
      deps.logger?.debug(`job ${jobId} is ${last?.status} at ${last?.progress}; next poll in ${Math.round(delay)} ms`);
      await clock.sleep(delay, stop);
      await poll();
    }
  } catch (error) {
    if (signal?.aborted) {
      if (cancelOnAbort) cancelQuietly(jobId, deps);
      throw abortError(signal);
    }
    if (timedOut.signal.aborted) throw new JobTimeoutError(jobId, timeout, last);
    throw error;
  } finally {
    settled.abort();
  }
  return outcome(last as Job);
}

/** One `getJob`, given up at once on `stop` even if the transport ignores its signal; its failures carry the job id. */
async function pollOnce(jobId: string, getJob: WaitForJobDeps['getJob'], stop: AbortSignal): Promise<Job> {
  try {
    return await untilAborted(getJob(jobId, stop), stop);
  } catch (error) {
    if (stop.aborted) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new JobError(
      jobId,
      `Polling job ${jobId} failed: ${reason}; the job may still be running: resume with client.jobs.wait('${jobId}').`,
      { cause: error },
    );
  }
}

/** Shortens a sleep that would run past the last poll before the deadline; past that point the deadline cuts it. */
function beforeDeadline(delay: number, now: number, deadlineAt: number): number {
  const lastPollAt = deadlineAt - FINAL_POLL_LEAD_MS;
  return now < lastPollAt ? Math.min(delay, Math.max(lastPollAt - now, MIN_POLL_INTERVAL_MS)) : delay;
}

/** Fire and forget: the abort must not wait for the server, and a refusal to cancel is expected. */
function cancelQuietly(jobId: string, deps: WaitForJobDeps): void {
  new Promise((resolve) => resolve(deps.cancelJob(jobId))).catch((error: unknown) => {
    deps.logger?.debug(`job ${jobId} was not canceled after the abort:`, error);
  });
}

function outcome(job: Job): Job {
  if (job.status === 'failure') throw new JobFailedError(job);
  if (job.status === 'canceled') throw new JobCanceledError(job);
  return job;
}

function checkOptions(timeout: number, pollInterval: number | undefined): void {
  const issues = [];
  if (!(timeout > 0)) issues.push({ path: 'timeout', message: `must be a positive number of ms, got ${timeout}` });
  if (pollInterval !== undefined && !(pollInterval > 0 && Number.isFinite(pollInterval))) {
    issues.push({ path: 'pollInterval', message: `must be a positive number of ms, got ${pollInterval}` });
  }
  if (issues.length > 0) throw new InvalidRequestError('wait options', issues);
}
