/** Time as the SDK's waiting code sees it; tests and benchmarks swap in a virtual clock. */
export interface Clock {
  /** Milliseconds since an arbitrary origin. */
  now(): number;
  /** Resolves after `ms`, or rejects with `APIUserAbortError` when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
