import { untilAborted } from '../core/abort.js';
import { type Clock, realClock } from '../core/clock.js';
import { APIError, APIUserAbortError, type FailedPolls, messageOf, NotFoundError } from '../core/errors.js';
import type { Logger } from '../core/logger.js';
import type { WaitOptions, WaitProgress } from '../core/options.js';
import { redactValue } from '../core/redact.js';
import { pollRetryDelayMs } from '../core/retry.js';
import { type JobObservation, MIN_POLL_INTERVAL_MS, nextPollDelay, progressRate } from './poll-schedule.js';

/** Status and progress (0–1) of what is polled: what the poll schedule and the progress reports read. */
export interface Observed {
  status: string;
  progress: number;
}

/** How a subject's errors name it and say what to do, e.g. for a job. */
export interface SubjectWords {
  /** `job job_abc`, `model model_abc`. */
  label: string;
  /** What runs on the server, capitalised: `The job`, `The training`. */
  work: string;
  /** The call that resumes the wait: `client.jobs.wait('job_abc')`. */
  resume: string;
  /** The call that reads it: `client.jobs.get('job_abc')`. */
  inspect: string;
  /** The call that cancels it: `client.jobs.cancel('job_abc')`. */
  cancel: string;
}

/**
 * What {@link pollUntilDone} waits for (a job, a model in training): how to poll, read and cancel
 * it, and the errors that carry its id. The messages come from its {@link SubjectWords}.
 */
export interface PollSubject<T> {
  words: SubjectWords;
  /** One poll, with the transport's own retries. */
  poll(signal: AbortSignal): Promise<T>;
  /** Its status and progress. */
  observe(state: T): Observed;
  /** Statuses after which it never changes again. */
  terminal: ReadonlySet<string>;
  /** Statuses the SDK knows; another one is logged once, and waited through. */
  known: ReadonlySet<string>;
  /** Sends the cancel of `cancelOnAbort`; resolves with the status it was answered with. */
  cancel(signal: AbortSignal): Promise<string>;
  /** The status a canceled one has. */
  canceledStatus: string;
  /** The error of a failed wait (a poll failing, `onProgress` throwing), carrying the subject's id. */
  failed(message: string, cause: unknown): Error;
  /** The wait's deadline passed; `last` is the latest state seen, `failedPolls` the polls failing up to it. */
  timedOut(waitTimeout: number, last: T | undefined, failedPolls: FailedPolls | undefined): Error;
  /** The caller aborted. */
  aborted(message: string, cause: unknown): Error;
}

/** What the loop needs from outside beside the subject; injected so tests can fake it. */
export interface PollEnvironment {
  /** Default: the real clock. */
  clock?: Clock | undefined;
  logger?: Logger | undefined;
  /** The whole wait's limit when the options set none. */
  defaultTimeout: number;
  /** Polls are never further apart than this (ms). Default: the schedule's 10 s. */
  maxPollInterval?: number | undefined;
  /** Removes secrets from the states that errors carry. Default: none. */
  redact?: ((text: string) => string) | undefined;
}

/**
 * The last poll is sent this long (ms) before the deadline, so the verdict and the last state
 * seen by a timeout are fresh.
 */
const FINAL_POLL_LEAD_MS = 1000;
/** Observations kept for the schedule, which only looks at the latest few. */
const KEPT_OBSERVATIONS = 8;
/**
 * How long an abort with `cancelOnAbort` waits for the cancel's answer, so its error can say
 * whether the work still runs: one quick API call, short enough for the abort to still feel prompt.
 */
export const CANCEL_ANSWER_WAIT_MS = 3000;
/** The reason the wait's abort source gets when the deadline passes. */
const DEADLINE = Symbol('deadline');

/**
 * Polls `subject` until it reaches a terminal status and resolves with that last state, whatever
 * the status: the caller turns a failure into its error. `first` is a state already seen (such
 * as a submission's answer), which saves the first poll.
 *
 * One abort source stops every sleep and poll: the caller's signal, the deadline, or the wait
 * settling. Polls follow the adaptive schedule (`nextPollDelay`), or `pollInterval`. A poll that
 * fails after the transport's retries with what may pass (a lost connection, 408, 429, 5xx) is
 * ridden out: the wait polls again after a backoff (or the server's `Retry-After`) until its
 * deadline. Rejects with the subject's errors: `failed` (a poll failed for good, its `cause` the
 * transport error; or `onProgress` threw), `timedOut` (with the failing polls, if any), `aborted`
 * (after the cancel of `cancelOnAbort`, answered or given up within {@link CANCEL_ANSWER_WAIT_MS}),
 * or the `NotFoundError` of a first poll that finds nothing. Leaves no timer or request running
 * once settled.
 */
export async function pollUntilDone<T>(
  subject: PollSubject<T>,
  first: T | undefined,
  options: WaitOptions<T>,
  environment: PollEnvironment,
): Promise<T> {
  const { signal, pollInterval, cancelOnAbort = false, waitTimeout = environment.defaultTimeout } = options;
  const clock = environment.clock ?? realClock;
  const startedAt = clock.now();
  const deadline = startedAt + waitTimeout;
  const stop = new AbortController();
  signal?.addEventListener('abort', () => stop.abort(signal.reason), { signal: stop.signal });
  if (signal?.aborted) stop.abort(signal.reason);
  abortAfter(clock, waitTimeout, stop, DEADLINE);

  const log = new ProgressLog(subject, options.onProgress, environment.logger, startedAt);
  const failures = new PollFailures(subject, environment.logger);
  /** One poll; after a failure the wait rides out, how long to pause before the next one. */
  const poll = async (): Promise<number | undefined> => {
    const sentAt = clock.now();
    let polled: T;
    try {
      polled = await untilAborted(subject.poll(stop.signal), stop.signal);
    } catch (error) {
      if (stop.signal.aborted) throw error;
      return failures.pauseAfter(error, log.last === undefined);
    }
    failures.clear();
    log.see(polled, (sentAt + clock.now()) / 2);
    return undefined;
  };

  try {
    stop.signal.throwIfAborted();
    let pause: number | undefined;
    if (first === undefined) pause = await poll();
    else log.see(first, startedAt);
    while (log.status === undefined || !subject.terminal.has(log.status)) {
      const now = clock.now();
      const adaptive = () => nextPollDelay(log.observations, startedAt, now, environment.maxPollInterval);
      const wanted = pause ?? pollInterval ?? adaptive();
      const delay = beforeDeadline(Math.max(wanted, MIN_POLL_INTERVAL_MS), now, deadline);
      const seen = log.status ?? 'not seen yet';
      environment.logger?.debug(`${subject.words.label} is ${seen}; next poll in ${Math.round(delay)} ms`);
      await clock.sleep(delay, stop.signal);
      pause = await poll();
    }
  } catch (error) {
    if (!stop.signal.aborted) throw error;
    if (stop.signal.reason === DEADLINE) {
      throw subject.timedOut(waitTimeout, redacted(log.last, environment.redact), failures.failing);
    }
    const reason: unknown = stop.signal.reason;
    const { words } = subject;
    const after = cancelOnAbort ? await cancelAfterAbort(subject, clock, environment.logger) : keepsRunning(words);
    const cause = reason instanceof APIUserAbortError ? reason.cause : reason;
    throw subject.aborted(`Stopped waiting for ${words.label}: aborted. ${after}`, cause);
  } finally {
    stop.abort();
  }
  return log.last as T;
}

/** What the polls have seen: the latest state, the observations the schedule reads, and the reports. */
class ProgressLog<T> {
  last: T | undefined;
  readonly observations: JobObservation[] = [];
  readonly #warnedStatuses = new Set<string>();

  constructor(
    readonly subject: PollSubject<T>,
    readonly onProgress: WaitOptions<T>['onProgress'],
    readonly logger: Logger | undefined,
    readonly startedAt: number,
  ) {}

  /** The latest status; `undefined` until a state was seen. */
  get status(): string | undefined {
    return this.observations.at(-1)?.status;
  }

  see(state: T, at: number): void {
    const { status, progress } = this.subject.observe(state);
    const previous = this.observations.at(-1);
    const changed = !previous || status !== previous.status || progress !== previous.progress;
    this.last = state;
    this.observations.push({ at, status, progress });
    if (this.observations.length > KEPT_OBSERVATIONS) this.observations.shift();
    if (!this.subject.known.has(status) && !this.#warnedStatuses.has(status)) {
      this.#warnedStatuses.add(status);
      this.logger?.warn(
        `${this.subject.words.label} has status '${status}', unknown to this SDK; still waiting for it`,
      );
    }
    if (changed) this.#report(state, at);
  }

  #report(state: T, at: number): void {
    try {
      this.onProgress?.(state, this.#waitProgress(at));
    } catch (error) {
      const { words } = this.subject;
      const message = `onProgress threw while waiting for ${words.label}: ${messageOf(error)}. ${keepsRunning(words)}`;
      throw this.subject.failed(message, error);
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

/**
 * The failed polls in a row that a wait rides out (see `pollRetryDelayMs` in core/retry.ts):
 * how long to pause after each, and what to say if the deadline comes while they last.
 */
class PollFailures<T> {
  #count = 0;
  #lastError: unknown;

  constructor(
    readonly subject: PollSubject<T>,
    readonly logger: Logger | undefined,
  ) {}

  /** The failures so far, while the latest poll failed. */
  get failing(): FailedPolls | undefined {
    return this.#count > 0 ? { count: this.#count, lastError: this.#lastError } : undefined;
  }

  /**
   * How long to pause after a failed poll, or throws what ends the wait: the error itself for a
   * 404 before anything was seen (the id names nothing at all), else the subject's error naming it.
   */
  pauseAfter(error: unknown, firstSight: boolean): number {
    const delay = pollRetryDelayMs(error, ++this.#count);
    this.#lastError = error;
    const { words } = this.subject;
    if (delay === undefined) {
      if (firstSight && error instanceof NotFoundError) throw error;
      const running = `${words.work.toLowerCase()} may still be running (and billed): ${resumeOrCancel(words)}`;
      throw this.subject.failed(`Polling ${words.label} failed: ${messageOf(error)}; ${running}.`, error);
    }
    this.logger?.warn(
      `polling ${words.label} failed (${messageOf(error)}); still waiting, next poll in ${Math.round(delay)} ms`,
    );
    return delay;
  }

  clear(): void {
    this.#count = 0;
    this.#lastError = undefined;
  }
}

/** `value` with the secrets `redact` removes removed, for the states that errors carry. */
export function redacted<V>(value: V, redact: ((text: string) => string) | undefined): V {
  return redact ? redactValue(value, redact) : value;
}

/** What to do about work that may still run. */
const resumeOrCancel = ({ resume, cancel }: SubjectWords) => `resume with ${resume} or cancel it with ${cancel}`;

/** What an error says when the work keeps running. */
const keepsRunning = (words: SubjectWords) =>
  `${words.work} keeps running on the server and is billed: ${resumeOrCancel(words)}.`;

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
 * Sends the cancel of `cancelOnAbort`, gives it up after {@link CANCEL_ANSWER_WAIT_MS}, and says
 * what became of the work; a cancel that fails is also logged at `warn`, since the work is billed.
 */
async function cancelAfterAbort<T>(subject: PollSubject<T>, clock: Clock, logger: Logger | undefined) {
  const giveUp = new AbortController();
  abortAfter(clock, CANCEL_ANSWER_WAIT_MS, giveUp, 'no answer');
  const { words } = subject;
  let why: string;
  try {
    const cancel = new Promise<string>((resolve) => resolve(subject.cancel(giveUp.signal)));
    const status = await untilAborted(cancel, giveUp.signal);
    if (status === subject.canceledStatus) return `${words.work} was canceled.`;
    return `The cancel was answered with status '${status}': check it with ${words.inspect}.`;
  } catch (error) {
    if (giveUp.signal.aborted) why = `no answer to the cancel within ${CANCEL_ANSWER_WAIT_MS / 1000} s`;
    else if (error instanceof APIError) why = `the API refused with ${error.status}: ${error.reason}`;
    else why = messageOf(error);
  } finally {
    giveUp.abort();
  }
  logger?.warn(`${words.label} was not canceled after the abort (${why}); it keeps running and is billed`);
  return `It was not canceled (${why}): it keeps running and is billed; resume with ${words.resume} or check it with ${words.inspect}.`;
}
