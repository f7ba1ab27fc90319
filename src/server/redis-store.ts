import type { CounterUpdate, OwnedKind, ProxyStore } from './store.js';

/**
 * The one method of a Redis client the store calls: a connected client of the `redis` package
 * (`createClient({ url }).connect()`) has it. Any client that sends a command given as strings
 * and resolves with Redis's reply fits.
 */
export interface RedisCommands {
  /** Sends one command (`['MGET', 'a', 'b']`) and resolves with Redis's reply. */
  sendCommand(args: string[]): Promise<unknown>;
}

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /** Prefix of every key the store writes, so several apps can share one Redis. Default `'scenario-proxy:'`. */
  prefix?: string | undefined;
}

/**
 * Check and add in one step (a script runs atomically): refused when the new total would pass
 * the limit (`ARGV[3]`, empty for none). Totals go back as strings: Redis turns a Lua number
 * reply into an integer, which would drop fractional credits.
 */
const ADD_SCRIPT = `
local total = tonumber(redis.call('GET', KEYS[1]) or '0')
if ARGV[3] ~= '' and total + tonumber(ARGV[1]) > tonumber(ARGV[3]) then return {0, tostring(total)} end
local created = redis.call('EXISTS', KEYS[1]) == 0
total = redis.call('INCRBYFLOAT', KEYS[1], ARGV[1])
if created then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {1, total}
`;

/**
 * A store in Redis, shared by every instance of the proxy: an owner is one key per id (set
 * once, never overwritten), a counter one key that expires with its window.
 *
 * @example
 * ```ts
 * import { createClient } from 'redis';
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * const store = createRedisStore(redis);
 * ```
 */
export function createRedisStore(client: RedisCommands, options: RedisStoreOptions = {}): ProxyStore {
  const prefix = options.prefix ?? 'scenario-proxy:';
  const ownerKey = (kind: OwnedKind, id: string) => `${prefix}owner:${kind}:${id}`;
  return {
    async own(userId, kind, ids) {
      await Promise.all(ids.map((id) => client.sendCommand(['SET', ownerKey(kind, id), userId, 'NX'])));
    },
    async owned(userId, kind, ids) {
      if (ids.length === 0) return new Set();
      const owners = (await client.sendCommand(['MGET', ...ids.map((id) => ownerKey(kind, id))])) as unknown[];
      return new Set(ids.filter((_, index) => owners[index] === userId));
    },
    async add(key, amount, ttlMs, limit): Promise<CounterUpdate> {
      const args = [String(amount), String(Math.ceil(ttlMs)), limit === undefined ? '' : String(limit)];
      const reply = (await client.sendCommand(['EVAL', ADD_SCRIPT, '1', `${prefix}${key}`, ...args])) as unknown[];
      return { added: Number(reply[0]) === 1, total: Number(reply[1]) };
    },
  };
}
