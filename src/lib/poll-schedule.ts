import type { JobStatus } from '../schemas/job.js';

/** A job state seen by one poll. */
export interface JobObservation {
  /** Clock time (ms) the server read the state: the middle of the request is the best guess. */
  at: number;
  status: JobStatus;
  /** 0 to 1. */
  progress: number;
}

/** Polls are never closer than this (ms), so a bad estimate cannot hammer the API. */
export const MIN_POLL_INTERVAL_MS = 250;
/** Polls are never further apart than this (ms), which bounds the lag when an estimate is wrong. */
export const MAX_POLL_INTERVAL_MS = 10_000;
/** First delay while the job shows no progress (queued, warming up): most jobs start within seconds. */
const IDLE_FIRST_MS = 1000;
/** Shortest and longest delay once the job is finishing; finalizing usually takes about a second. */
const FINISHING_MIN_MS = 400;
const FINISHING_MAX_MS = 1000;
/** Aim this far after the predicted end of progress, so the poll lands just after it, not just before. */
const AIM_MARGIN_MS = 250;
/** The rate is measured over at most this many observations, so it follows a job that speeds up or slows down. */
const RATE_WINDOW = 4;
/** From this progress on, a job is about to finish: a prediction from coarse progress is no better than short polls. */
const NEAR_DONE = 0.99;

/**
 * How long to wait (ms) before polling again, from what the polls have seen so far (oldest first)
 * and when waiting began. Pure: the same inputs always give the same delay.
 *
 * - Once the job is finalizing or at ≥ 99 %, poll at short, slowly growing intervals.
 * - While the job shows progress, aim just after the moment it will reach 1 at its measured rate.
 * - Otherwise (queued, warming up, stalled, unknown statuses), back off: wait as long as already waited.
 *
 * The result is always within [{@link MIN_POLL_INTERVAL_MS}, `maxDelay`] ({@link MAX_POLL_INTERVAL_MS}
 * unless the caller waits for something longer, such as a training).
 */
export function nextPollDelay(
  observations: readonly JobObservation[],
  waitStartedAt: number,
  now: number,
  maxDelay = MAX_POLL_INTERVAL_MS,
): number {
  const last = observations.at(-1);
  if (!last) return IDLE_FIRST_MS;
  if (isFinishing(last)) {
    const finishingSince = trailingRun(observations, (previous) => isFinishing(previous)).at;
    return clamp((now - finishingSince) / 2, FINISHING_MIN_MS, FINISHING_MAX_MS);
  }
  const rate = progressRate(observations);
  if (rate) {
    const untilEnd = last.at + (1 - last.progress) / rate.perMs - now;
    return clamp(Math.min(untilEnd + AIM_MARGIN_MS, rate.trustedForMs), MIN_POLL_INTERVAL_MS, maxDelay);
  }
  return clamp(now - waitStartedAt, IDLE_FIRST_MS, maxDelay);
}

/** How fast a job progresses, and how far ahead that is worth extrapolating. */
export interface ProgressRate {
  /** Progress per ms. */
  perMs: number;
  /** Guessed from a single observation, the rate is only trusted for about as long as it was measured over. */
  trustedForMs: number;
}

/**
 * The progress rate over the latest run of observations whose progress is positive and never went
 * down (a reset starts a new run); `undefined` while it cannot be measured or is zero.
 */
export function progressRate(observations: readonly JobObservation[]): ProgressRate | undefined {
  const last = observations.at(-1);
  if (!last || last.progress <= 0) return undefined;
  const first = trailingRun(
    observations,
    (previous, next) => previous.progress > 0 && previous.progress <= next.progress,
    RATE_WINDOW,
  );
  if (first !== last) {
    const perMs = (last.progress - first.progress) / (last.at - first.at);
    return perMs > 0 ? { perMs, trustedForMs: Number.POSITIVE_INFINITY } : undefined;
  }
  // A single observation with progress: the job started somewhere between the previous,
  // progress-less poll and this one, so assume the middle.
  const before = observations.at(-2);
  if (before?.progress !== 0 || before.at >= last.at) return undefined;
  const measuredOverMs = (last.at - before.at) / 2;
  return { perMs: last.progress / measuredOverMs, trustedForMs: 2 * measuredOverMs };
}

function isFinishing(observation: JobObservation): boolean {
  return observation.status === 'finalizing' || observation.progress >= NEAR_DONE;
}

/** The oldest observation of the run that ends with the last one, each step accepted by `belongs`. */
function trailingRun(
  observations: readonly JobObservation[],
  belongs: (previous: JobObservation, next: JobObservation) => boolean,
  maxLength = Number.POSITIVE_INFINITY,
): JobObservation {
  let index = observations.length - 1;
  while (index > 0 && observations.length - index < maxLength) {
    const previous = observations[index - 1] as JobObservation;
    if (!belongs(previous, observations[index] as JobObservation)) break;
    index--;
  }
  return observations[index] as JobObservation;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
