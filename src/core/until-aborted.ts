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
