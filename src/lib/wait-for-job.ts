import { untilAborted } from '../core/abort.js';
import type { Clock } from '../core/clock.js';
import { realClock } from '../core/clock.js';
import {
  APIError,
  APIUserAbortError,
  JobCanceledError,
  JobError,
  JobFailedError,
  JobTimeoutError,
  NotFoundError,
  resumeOrCancel,
} from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { WaitOptions, WaitProgress } from '../core/options.js';
import { redactValue } from '../core/redact.js';
import { pollRetryDelayMs } from '../core/retry.js';
import type { Job } from '../schemas/job.js';
import { KNOWN_JOB_STATUSES, TERMINAL_JOB_STATUSES } from '../schemas/job.js';
import { type JobObservation, MIN_POLL_INTERVAL_MS, nextPollDelay, progressRate } from './poll-schedule.js';

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

/**
 * The last poll is sent this long (ms) before the deadline, so the verdict and the `lastJob` of a
 * `JobTimeoutError` are fresh.
 */
const FINAL_POLL_LEAD_MS = 1000;
/** Observations kept for the schedule, which only looks at the latest few. */
const KEPT_OBSERVATIONS = 8;
/**
 * How long an abort with `cancelOnAbort` waits for the cancel's answer, so its error can say
 * whether the job still runs: one quick API call, short enough for the abort to still feel prompt.
 */
export const CANCEL_ANSWER_WAIT_MS = 3000;
/** The reason the wait's abort source gets when the deadline passes. */
const DEADLINE = Symbol('deadline');

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
  const { signal, pollInterval, cancelOnAbort = false, waitTimeout = DEFAULT_WAIT_TIMEOUT_MS } = options;
  const clock = deps.clock ?? realClock;
  // Answers are redacted of real-length secrets only; an error shows a job redacted of them all.
  const redacted = <T>(value: T): T => (deps.redact ? redactValue(value, deps.redact) : value);
  const startedAt = clock.now();
  const deadline = startedAt + waitTimeout;
  // The one abort source of the wait: the caller's signal, the deadline, or the wait settling.
  // Every sleep and poll stops on it; its reason says which came first.
  const stop = new AbortController();
  signal?.addEventListener('abort', () => stop.abort(signal.reason), { signal: stop.signal });
  if (signal?.aborted) stop.abort(signal.reason);
  abortAfter(clock, waitTimeout, stop, DEADLINE);

  const progress = new ProgressLog(jobId, options.onProgress, deps.logger, startedAt);
  const failures = new PollFailures(jobId, deps.logger);
  /** One poll; after a failure the wait rides out, how long to pause before the next one. */
  const poll = async (): Promise<number | undefined> => {
    const sentAt = clock.now();
    let polled: Job;
    try {
      polled = await untilAborted(deps.getJob(jobId, stop.signal), stop.signal);
    } catch (error) {
      if (stop.signal.aborted) throw error;
      return failures.pauseAfter(error, progress.last === undefined);
    }
    failures.clear();
    progress.see(polled, (sentAt + clock.now()) / 2);
    return undefined;
  };

  try {
    stop.signal.throwIfAborted();
    let pause: number | undefined;
    if (typeof job === 'string') pause = await poll();
    else progress.see(job, startedAt);
    while (!progress.finished) {
      const now = clock.now();
      const wanted = pause ?? pollInterval ?? nextPollDelay(progress.observations, startedAt, now);
      const delay = beforeDeadline(Math.max(wanted, MIN_POLL_INTERVAL_MS), now, deadline);
      deps.logger?.debug(
        `job ${jobId} is ${progress.last?.status ?? 'not seen yet'}; next poll in ${Math.round(delay)} ms`,
      );
      await clock.sleep(delay, stop.signal);
      pause = await poll();
    }
  } catch (error) {
    if (!stop.signal.aborted) throw error;
    if (stop.signal.reason === DEADLINE) {
      throw new JobTimeoutError(jobId, waitTimeout, redacted(progress.last), failures.failing);
    }
    throw await abortError(jobId, stop.signal.reason, cancelOnAbort ? deps : undefined);
  } finally {
    stop.abort();
  }
  return outcome(progress.current, redacted);
}

/**
 * The failed polls in a row that a wait rides out (see `pollRetryDelayMs` in core/retry.ts):
 * how long to pause after each, and what to say if the deadline comes while they last.
 */
class PollFailures {
  #count = 0;
  #lastError: unknown;

  constructor(
    readonly jobId: string,
    readonly logger: Logger | undefined,
  ) {}

  /** The failures so far, while the latest poll failed. */
  get failing(): { count: number; lastError: unknown } | undefined {
    return this.#count > 0 ? { count: this.#count, lastError: this.#lastError } : undefined;
  }

  /**
   * How long to pause after a failed poll, or throws what ends the wait: the error itself for a
   * 404 before the job was ever seen (the id names no job at all), else a `JobError` naming the job.
   */
  pauseAfter(error: unknown, firstSight: boolean): number {
    const delay = pollRetryDelayMs(error, ++this.#count);
    this.#lastError = error;
    if (delay === undefined) {
      if (firstSight && error instanceof NotFoundError) throw error;
      throw new JobError(
        this.jobId,
        `Polling job ${this.jobId} failed: ${messageOf(error)}; the job may still be running (and billed): ${resumeOrCancel(this.jobId)}.`,
        { cause: error },
      );
    }
    this.logger?.warn(
      `polling job ${this.jobId} failed (${messageOf(error)}); still waiting, next poll in ${Math.round(delay)} ms`,
    );
    return delay;
  }

  clear(): void {
    this.#count = 0;
    this.#lastError = undefined;
  }
}

/**
 * What the polls have seen: the latest job, the observations the schedule reads, and the
 * `onProgress` and unknown-status reports.
 */
class ProgressLog {
  last: Job | undefined;
  readonly observations: JobObservation[] = [];
  readonly #warnedStatuses = new Set<string>();

  constructor(
    readonly jobId: string,
    readonly onProgress: WaitOptions['onProgress'],
    readonly logger: Logger | undefined,
    readonly startedAt: number,
  ) {}

  /** The latest job; only read once a job was seen. */
  get current(): Job {
    return this.last as Job;
  }

  /** Whether the latest job seen has ended. */
  get finished(): boolean {
    return this.last !== undefined && terminalStatuses.has(this.last.status);
  }

  see(job: Job, at: number): void {
    const changed = !this.last || job.status !== this.last.status || job.progress !== this.last.progress;
    this.last = job;
    this.observations.push({ at, status: job.status, progress: job.progress });
    if (this.observations.length > KEPT_OBSERVATIONS) this.observations.shift();
    if (!knownStatuses.has(job.status) && !this.#warnedStatuses.has(job.status)) {
      this.#warnedStatuses.add(job.status);
      this.logger?.warn(`job ${this.jobId} has status '${job.status}', unknown to this SDK; still waiting for it`);
    }
    if (changed) this.#report(job, at);
  }

  #report(job: Job, at: number): void {
    try {
      this.onProgress?.(job, this.#waitProgress(at));
    } catch (error) {
      throw new JobError(
        this.jobId,
        `onProgress threw while waiting for job ${this.jobId}: ${messageOf(error)}. The job keeps running on the server and is billed: ${resumeOrCancel(this.jobId)}.`,
        { cause: error },
      );
    }
  }

  /** How the wait is going as of the observation made `at`: its age, and the finish the progress rate predicts. */
  #waitProgress(at: number): WaitProgress {
    const last = this.observations.at(-1);
    const rate = progressRate(this.observations);
    const remainingMs = rate && last ? Math.max(0, (1 - last.progress) / rate.perMs) : undefined;
    return { elapsedMs: Math.max(0, at - this.startedAt), remainingMs };
  }
}

/** Shortens a sleep that would run past the last poll before the deadline; past that point the deadline cuts it. */
function beforeDeadline(delay: number, now: number, deadline: number): number {
  const lastPollAt = deadline - FINAL_POLL_LEAD_MS;
  return now < lastPollAt ? Math.min(delay, Math.max(lastPollAt - now, MIN_POLL_INTERVAL_MS)) : delay;
}

/** Aborts `controller` with `reason` after `ms` on `clock`, unless it aborts first (which also ends the timer). */
function abortAfter(clock: Clock, ms: number, controller: AbortController, reason: unknown): void {
  if (!Number.isFinite(ms)) return;
  clock.sleep(ms, controller.signal).then(
    () => controller.abort(reason),
    () => {},
  );
}

/**
 * The `APIUserAbortError` of an aborted wait: it names the job and says whether it keeps running.
 * With `cancelOnAbort` (`deps` given), the cancel is sent first and its answer awaited for at most
 * {@link CANCEL_ANSWER_WAIT_MS}; a cancel that fails is also logged at `warn`, since the job is billed.
 */
async function abortError(
  jobId: string,
  reason: unknown,
  deps: WaitForJobDeps | undefined,
): Promise<APIUserAbortError> {
  const cause = reason instanceof APIUserAbortError ? reason.cause : reason;
  const after = deps
    ? await cancelAfterAbort(jobId, deps)
    : `The job keeps running on the server and is billed: ${resumeOrCancel(jobId)}.`;
  return new APIUserAbortError(`Stopped waiting for job ${jobId}: aborted. ${after}`, { cause, jobId });
}

/**
 * Sends the cancel of `cancelOnAbort`, gives it up after {@link CANCEL_ANSWER_WAIT_MS}, and says
 * what became of the job.
 */
async function cancelAfterAbort(jobId: string, deps: WaitForJobDeps): Promise<string> {
  const giveUp = new AbortController();
  abortAfter(deps.clock ?? realClock, CANCEL_ANSWER_WAIT_MS, giveUp, 'no answer');
  let why: string;
  try {
    const job = await untilAborted(
      new Promise<Job>((resolve) => resolve(deps.cancelJob(jobId, giveUp.signal))),
      giveUp.signal,
    );
    if (job.status === 'canceled') return 'The job was canceled.';
    return `The cancel was answered with status '${job.status}': check it with client.jobs.get('${jobId}').`;
  } catch (error) {
    if (giveUp.signal.aborted) why = `no answer to the cancel within ${CANCEL_ANSWER_WAIT_MS / 1000} s`;
    else if (error instanceof APIError) why = `the API refused with ${error.status}: ${error.reason}`;
    else why = messageOf(error);
  } finally {
    giveUp.abort();
  }
  deps.logger?.warn(`job ${jobId} was not canceled after the abort (${why}); it keeps running and is billed`);
  return `It was not canceled (${why}): it keeps running and is billed; resume with client.jobs.wait('${jobId}') or check it with client.jobs.get('${jobId}').`;
}

/** The job, or the error of a job that ended otherwise than with success, showing it `redacted`. */
function outcome(job: Job, redacted: <T>(job: T) => T): Job {
  if (job.status === 'failure') throw new JobFailedError(redacted(job));
  if (job.status === 'canceled') throw new JobCanceledError(redacted(job));
  return job;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
