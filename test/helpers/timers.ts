import { vi } from 'vitest';

/**
 * Fakes only the timers the SDK waits on. msw and undici keep their real scheduling, so
 * requests still flow while the test moves the clock.
 */
export function useFakeClock(now = new Date('2026-01-01T00:00:00Z')): void {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], now });
}

/** Advances the fake clock in small steps until `promise` settles; returns its outcome. */
export async function settle<T>(promise: Promise<T>, stepMs = 100): Promise<T> {
  let done = false;
  promise.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  for (let waited = 0; !done; waited += stepMs) {
    if (waited > 10 * 60_000) throw new Error('settle(): promise still pending after 10 fake minutes');
    await vi.advanceTimersByTimeAsync(stepMs);
  }
  return promise;
}

/** What {@link onFakeTime} saw: the value or the error, and the fake time that passed. */
export interface FakeTimed<T> {
  value?: T;
  error?: Error;
  elapsedMs: number;
}

/**
 * Runs `work` on the fake clock ({@link useFakeClock}) until it settles, then puts the real timers
 * back. Time moves only when the work is idle, straight to the next timer, as a VirtualClock's
 * autoAdvance does: what took how long is measured in fake time, which no busy machine stretches
 * (a timeout fires at its time, a skipped sleep takes 0 ms).
 */
export async function onFakeTime<T>(work: () => Promise<T>): Promise<FakeTimed<T>> {
  useFakeClock();
  try {
    const started = Date.now();
    let done = false;
    const settled = Promise.allSettled([work()]).finally(() => {
      done = true;
    });
    const deadline = performance.now() + 10_000;
    while (!done) {
      await idle();
      if (done) break;
      if (performance.now() > deadline) throw new Error('onFakeTime(): the work is still pending after 10 s');
      if (vi.getTimerCount() > 0) await vi.advanceTimersToNextTimerAsync();
    }
    const [outcome] = await settled;
    const elapsedMs = Date.now() - started;
    return outcome.status === 'fulfilled' ? { value: outcome.value, elapsedMs } : { error: outcome.reason, elapsedMs };
  } finally {
    vi.useRealTimers();
  }
}

/** A few real turns of the event loop (setImmediate stays real), for in-memory fetches and microtasks to run. */
async function idle(): Promise<void> {
  for (let turn = 0; turn < 10; turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** The rejection of `promise`, for asserting on error fields; fails if it resolves. */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected the promise to reject');
}

/**
 * Waits, without moving the fake clock, until `condition` holds (vi.waitFor would advance it).
 * Uses setImmediate, which {@link useFakeClock} leaves real.
 */
export async function until(condition: () => boolean, what = 'condition'): Promise<void> {
  const deadline = performance.now() + 5000;
  while (!condition()) {
    if (performance.now() > deadline) throw new Error(`until(): ${what} still false after 5 s`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
