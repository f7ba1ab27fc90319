/** What {@link mapConcurrently} did: each item's result (`undefined` for those that failed or never started), and the first failure. */
export interface ConcurrentOutcome<R> {
  results: (R | undefined)[];
  /** The first failure, if any; after it no item started. */
  error?: unknown;
}

/**
 * Runs `work` on each item, at most `limit` at a time, in order. After the first failure no
 * further item starts; the ones already running are awaited, so the caller learns exactly which
 * items were done. Never rejects: the failure comes back in the outcome.
 */
export async function mapConcurrently<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, index: number) => Promise<R>,
): Promise<ConcurrentOutcome<R>> {
  const results: (R | undefined)[] = new Array(items.length).fill(undefined);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (failure === undefined && next < items.length) {
      const index = next++;
      try {
        results[index] = await work(items[index] as T, index);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return failure ? { results, error: failure.error } : { results };
}
