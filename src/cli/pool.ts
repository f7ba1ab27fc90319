/**
 * Runs `work` on each of `items`, `concurrency` at a time, in order; stops taking new ones once
 * `signal` aborts. The first error rejects at once (the other workers go on with the items left).
 * A result per item, `undefined` for those never taken.
 */
export async function pool<T, R>(
  items: readonly T[],
  concurrency: number,
  signal: AbortSignal,
  work: (item: T) => Promise<R>,
): Promise<(R | undefined)[]> {
  const results: (R | undefined)[] = items.map(() => undefined);
  let next = 0;
  const worker = async () => {
    while (next < items.length && !signal.aborted) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return results;
}
