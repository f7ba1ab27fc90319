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
