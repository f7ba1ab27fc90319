/** What a proxied id names: ownership is kept per kind. */
export type OwnedKind = 'asset' | 'job' | 'upload';

/** The answer of {@link ProxyStore.add}. */
export interface CounterUpdate {
  /** Whether `amount` was added: `false` when it would have taken the counter over its limit. */
  added: boolean;
  /** The counter after the call (unchanged when not added). */
  total: number;
}

/**
 * Where the proxy keeps what must outlive a request: who owns which id, and the counters behind
 * budgets and rate limits. {@link createMemoryStore} (the default) serves one process;
 * {@link createRedisStore} serves several instances of the proxy at once.
 */
export interface ProxyStore {
  /** Records `userId` as the owner of `ids`; an id that already has an owner keeps it. */
  own(userId: string, kind: OwnedKind, ids: readonly string[]): Promise<void>;
  /** The ones of `ids` that `userId` owns. */
  owned(userId: string, kind: OwnedKind, ids: readonly string[]): Promise<Set<string>>;
  /**
   * Adds `amount` (negative to give back) to the counter `key`, unless that would take it over
   * `limit`: check and add in one atomic step, so two concurrent calls cannot both pass a limit
   * that fits only one. A new counter starts at 0 and is forgotten `ttlMs` after its creation.
   */
  add(key: string, amount: number, ttlMs: number, limit?: number): Promise<CounterUpdate>;
}

/** New counters between two sweeps of the expired ones: a sweep's cost is shared by this many creations. */
const SWEEP_SIZE = 1000;

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** The time counters expire by, in ms. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/**
 * A store in this process's memory: the default. It forgets everything on restart and is not
 * shared between instances; use {@link createRedisStore} for a deployment with several.
 */
export function createMemoryStore(options: MemoryStoreOptions = {}): ProxyStore {
  const now = options.now ?? Date.now;
  const owners = new Map<string, string>();
  const counters = new Map<string, { total: number; expiresAt: number }>();
  let createdSinceSweep = 0;
  const ownerKey = (kind: OwnedKind, id: string) => `${kind}:${id}`;
  return {
    async own(userId, kind, ids) {
      for (const id of ids) if (!owners.has(ownerKey(kind, id))) owners.set(ownerKey(kind, id), userId);
    },
    async owned(userId, kind, ids) {
      return new Set(ids.filter((id) => owners.get(ownerKey(kind, id)) === userId));
    },
    async add(key, amount, ttlMs, limit = Number.POSITIVE_INFINITY) {
      const existing = counters.get(key);
      const counter = existing && existing.expiresAt > now() ? existing : { total: 0, expiresAt: now() + ttlMs };
      if (counter !== existing) createdSinceSweep += 1;
      if (createdSinceSweep >= SWEEP_SIZE) {
        createdSinceSweep = 0;
        for (const [name, { expiresAt }] of counters) if (expiresAt <= now()) counters.delete(name);
      }
      if (counter.total + amount > limit) return { added: false, total: counter.total };
      counter.total += amount;
      counters.set(key, counter);
      return { added: true, total: counter.total };
    },
  };
}
