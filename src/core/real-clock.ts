import type { Clock } from './clock.js';
import { sleep } from './sleep.js';

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
