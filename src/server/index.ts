/**
 * `scenario-sdk/server`: a proxy that lets browser apps use Scenario without ever holding the
 * key. Mount {@link createProxy}'s `fetch` handler (or {@link toNodeHandler} for Express and
 * Node's `http`) at `/api/scenario`, and build the browser's client with
 * `new Scenario({ proxyUrl: '/api/scenario' })`.
 *
 * @module
 */
export type { Budget, RateLimit } from './budget.js';
export { type NodeRequest, type NodeResponse, toNodeHandler } from './node.js';
export { type Authorize, createProxy, type ProxyOptions, type ScenarioProxy } from './proxy.js';
export { createRedisStore, type RedisCommands, type RedisStoreOptions } from './redis-store.js';
export { PROXY_ROUTES, type ProxyRoute } from './routes.js';
export {
  type CounterUpdate,
  createMemoryStore,
  type MemoryStoreOptions,
  type OwnedKind,
  type ProxyStore,
} from './store.js';
