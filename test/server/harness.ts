import { afterAll, beforeAll } from 'vitest';
import { Scenario } from '../../src/client.js';
import {
  createMemoryStore,
  createProxy,
  createRedisStore,
  type ProxyOptions,
  type ProxyStore,
} from '../../src/server/index.js';
import { createEmulator, type Emulator } from '../../src/testing/index.js';
import {
  findRedisServer,
  REDIS_SKIP_LINE,
  type RedisServer,
  redisRequiredBy,
  startRedisServer,
} from './redis-server.js';

export const KEY = 'api_proxy_key';
export const SECRET = 'proxy-secret-never-shown';
/** Where the browser clients of these tests think the proxy is mounted (loopback: `http:` is allowed). */
export const APP = 'http://localhost:5173';
/** A fixed clock for budgets and rate limits: every call of a test falls in one window. */
export const NOW = Date.UTC(2026, 0, 15, 12);

/** Short jobs: the browser client's waits end soon after them. */
const FAST_JOBS = {
  flux: 300,
  inference: 300,
  detection: 200,
  'remove-background': 200,
  upscale: 200,
  texture: 200,
  pixelate: 200,
  upload: 100,
};

/** One request as it went through a `fetch`. */
export interface Sent {
  method: string;
  url: string;
  headers: Headers;
  body: string;
}

/** A proxy over a fresh emulator, browser clients that reach it, and what each side sent. */
export interface Setup {
  emulator: Emulator;
  proxy: ReturnType<typeof createProxy>;
  /** What the proxy sent to Scenario (the emulator's API). */
  upstream: Sent[];
  /** What the browser clients sent (to the proxy, and to signed URLs). */
  browser: Sent[];
  /** A browser client for `user` (sent as `x-user`, which `authorize` reads), holding no credentials. */
  as(user: string | undefined): Scenario;
  /** POSTs to `/generate/*` that reached Scenario and were not dry runs: the calls that bill. */
  paidPosts(): Sent[];
}

/** A `fetch` that records each request before passing it on. */
function recording(log: Sent[], next: typeof fetch): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    log.push({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body: await request.clone().text(),
    });
    return next(request);
  };
}

/** A store a suite runs with, by name. */
export interface StoreKind {
  name: string;
  make(): ProxyStore;
}

/**
 * The stores a test file runs its suite with: memory always, and Redis against a private
 * `redis-server` started for the file; without one, a single SKIP line (a failure where CI
 * requires it).
 */
export function storeKinds(): StoreKind[] {
  const memory = { name: 'memory store', make: () => createMemoryStore({ now: () => NOW }) };
  const binary = findRedisServer();
  if (!binary) {
    const requiredBy = redisRequiredBy();
    if (requiredBy) throw new Error(`redis-server is required (${requiredBy}) but none was found on PATH`);
    console.log(REDIS_SKIP_LINE);
    return [memory];
  }
  let server: RedisServer | undefined;
  beforeAll(async () => {
    server = await startRedisServer(binary);
  }, 20_000);
  afterAll(() => server?.stop());
  const redis = {
    name: 'redis store',
    // Each setup its own key prefix: the tests share one server, not their state.
    make: () => createRedisStore((server as RedisServer).client, { prefix: `test-${crypto.randomUUID()}:` }),
  };
  return [memory, redis];
}

/** Builds a proxy over a new emulator; `options` add to (or replace) the defaults. */
export function setup(store: ProxyStore, options: Partial<ProxyOptions> = {}): Setup {
  const emulator = createEmulator({ apiKey: KEY, apiSecret: SECRET, jobDurations: FAST_JOBS });
  const upstream: Sent[] = [];
  const browser: Sent[] = [];
  const proxy = createProxy({
    authorize: (request) => request.headers.get('x-user'),
    apiKey: KEY,
    apiSecret: SECRET,
    baseUrl: emulator.url,
    fetch: recording(upstream, emulator.fetch),
    store,
    now: () => NOW,
    logLevel: 'off',
    ...options,
  });
  const browserFetch = recording(browser, async (input) => {
    const request = input as Request;
    if (request.url.startsWith(`${APP}/`)) return proxy.fetch(request);
    if (request.url.startsWith(emulator.url)) throw new TypeError('a browser client must never call the API itself');
    return emulator.fetch(request);
  });
  return {
    emulator,
    proxy,
    upstream,
    browser,
    as: (user) =>
      new Scenario({
        proxyUrl: `${APP}/api/scenario`,
        fetch: browserFetch,
        defaultHeaders: user === undefined ? {} : { 'x-user': user },
        logLevel: 'off',
        maxRetries: 0,
      }),
    paidPosts: () =>
      upstream.filter(
        (sent) =>
          sent.method === 'POST' &&
          new URL(sent.url).pathname.includes('/generate/') &&
          new URL(sent.url).searchParams.get('dryRun') !== 'true',
      ),
  };
}
