import { APIUserAbortError } from './errors.js';

/** Waits `ms`, or rejects with `APIUserAbortError` as soon as `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** The error every aborted call rejects with; keeps the caller's reason as `cause`. */
export function abortError(signal: AbortSignal): APIUserAbortError {
  return signal.reason instanceof APIUserAbortError
    ? signal.reason
    : new APIUserAbortError(undefined, { cause: signal.reason });
}

/**
 * Settles like `promise`, or rejects with the signal's reason as soon as it aborts, for work
 * that may not listen to the signal itself (a caller's `getJob`, a custom fetch's body).
 */
export function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}
