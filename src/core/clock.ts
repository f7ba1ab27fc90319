import { sleep } from './abort.js';

/** Time as the SDK's waiting code sees it; tests and benchmarks swap in a virtual clock. */
export interface Clock {
  /** Milliseconds since an arbitrary origin. */
  now(): number;
  /** Resolves after `ms`, or rejects with `APIUserAbortError` when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Longest delay `setTimeout` honours; anything longer fires at once, so longer sleeps are chained. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The wall clock: `performance.now()`, which never jumps with system time changes, and real timers. */
export const realClock: Clock = {
  now: () => performance.now(),
  async sleep(ms, signal) {
    let left = ms;
    do {
      await sleep(Math.min(left, MAX_TIMER_MS), signal);
      left -= MAX_TIMER_MS;
    } while (left > 0);
  },
};
