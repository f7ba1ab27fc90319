import * as z from 'zod/mini';
import { type ClientOptions, InvalidRequestError, Scenario } from '../index.js';
import { parseInput } from '../schemas.js';
import { errorAnswer, json, Refusal } from './answers.js';
import { type Budget, countRequest, type Ledger, type RateLimit, withinBudget } from './budget.js';
import { allowedModels, ownedPage } from './listing.js';
import { idsNamed, idsShown } from './ownership.js';
import { checked, readJson, readQuery } from './request.js';
import { matchRoute, PROXY_ROUTES, type ProxyRoute, type RouteMatch } from './routes.js';
import { createMemoryStore, type ProxyStore } from './store.js';

/** Who sends a request, as the app knows them (its session): a user id, or `null` for nobody (401). */
export type Authorize = (request: Request) => string | null | undefined | Promise<string | null | undefined>;

/**
 * Options of {@link createProxy}: the proxy's own, then the upstream client's (`apiKey`,
 * `apiSecret` or `token`, `baseUrl`, `projectId`, `fetch`, `timeout`, `maxRetries`, `logger`…,
 * with the same env defaults as `new Scenario()`).
 */
export interface ProxyOptions extends Omit<ClientOptions, 'proxyUrl' | 'imageSources'> {
  /** Required. Names the user behind a request from your own session (a cookie, a header); `null` refuses it with a 401. */
  authorize: Authorize;
  /** Model ids a user may generate with and read (`modelId`, `baseModelId`, `concepts[].modelId`, `/custom/:modelId`). Default: any. */
  models?: readonly string[] | undefined;
  /** Credits per user per window, checked with a dry-run quote before each billed call. Default: no budget. */
  budget?: Budget | undefined;
  /** Requests per user per window. Default: no limit. */
  rateLimit?: RateLimit | undefined;
  /** Where ownership, spending and request counts are kept. Default: {@link createMemoryStore} (one process). */
  store?: ProxyStore | undefined;
  /** Where the proxy is mounted: the path the browser client's `proxyUrl` points at. Default `'/api/scenario'`. */
  path?: string | undefined;
  /** Closed routes to open, by name (`'DELETE /assets'`). Default: none. */
  allow?: readonly string[] | undefined;
  /** The routes the proxy knows. Default {@link PROXY_ROUTES}; add your own rows to forward more. */
  routes?: readonly ProxyRoute[] | undefined;
  /**
   * Other sites whose pages may call the proxy with their users' cookies
   * (`'https://tools.example.com'`). Default: none, so a request a browser marks as cross-site
   * (`Sec-Fetch-Site: cross-site`) is refused (403): another site's page cannot spend your
   * users' credits with their session. Answering such a site's CORS preflight is your server's
   * business.
   */
  origins?: readonly string[] | undefined;
  /** Largest request body read, in bytes (an inline image is ~4.4 MB raw, ~5.9 MB as base64). Default `7_000_000`. */
  maxBodyBytes?: number | undefined;
  /** The clock budgets and rate limits count windows by, in ms. Default `Date.now`. */
  now?: (() => number) | undefined;
}

/** A proxy for browser apps, as {@link createProxy} builds it. */
export interface ScenarioProxy {
  /** The web-standard handler: Next.js route handlers, Hono, Bun.serve, Deno.serve, Workers. */
  fetch(request: Request): Promise<Response>;
}

const Positive = z.number().check(z.positive());
const WindowSchema = (amount: string) =>
  z.strictObject({ [amount]: z.number().check(z.minimum(0)), windowMs: Positive });
const ProxyOptionsSchema = z.looseObject({
  authorize: z.custom<Authorize>(
    (value) => typeof value === 'function',
    'expected a function (request) => userId | null',
  ),
  models: z.optional(z.array(z.string().check(z.minLength(1)))),
  budget: z.optional(WindowSchema('credits')),
  rateLimit: z.optional(WindowSchema('requests')),
  store: z.optional(
    z.custom<ProxyStore>(
      (value) => typeof (value as ProxyStore)?.add === 'function',
      'expected a store (createMemoryStore() or createRedisStore(client))',
    ),
  ),
  path: z.optional(z.string().check(z.regex(/^\/([^?#]*[^/?#])?$/, 'expected a path such as /api/scenario'))),
  allow: z.optional(z.array(z.string())),
  origins: z.optional(
    z.array(
      z
        .string()
        .check(
          z.refine(
            (origin) => URL.parse(origin)?.origin === origin,
            'expected an origin such as https://tools.example.com',
          ),
        ),
    ),
  ),
  routes: z.optional(z.array(z.custom<ProxyRoute>((value) => typeof (value as ProxyRoute)?.route === 'string'))),
  maxBodyBytes: z.optional(Positive),
  now: z.optional(z.custom<() => number>((value) => typeof value === 'function', 'expected a function () => ms')),
  proxyUrl: z.optional(z.never('a proxy talks to Scenario: give it baseUrl, not proxyUrl')),
});

/** The options a proxy reads on each request, checked once. */
interface Setup extends Ledger {
  client: Scenario;
  authorize: Authorize;
  models: ReadonlySet<string> | undefined;
  budget: Budget | undefined;
  rateLimit: RateLimit | undefined;
  mount: string;
  routes: readonly ProxyRoute[];
  allowed: ReadonlySet<string>;
  origins: ReadonlySet<string>;
  maxBodyBytes: number;
  log: (message: string) => void;
}

/**
 * A proxy between browser apps and Scenario that keeps the key on the server, closed by
 * default: every request needs a user (`authorize`); only the routes a UI needs are forwarded
 * (others only when named in `allow`); bodies and queries are checked with the SDK's wire
 * schemas before anything goes upstream (400); the jobs, uploads and assets a user makes are
 * theirs alone (another user gets a 404, listings show each user their own); billed calls are
 * quoted first and refused over the user's `budget` (402). The key, the secret and signed query
 * strings never reach an answer or a log line; Scenario's own errors pass through with their
 * status and `reason`.
 *
 * @example
 * ```ts
 * const proxy = createProxy({
 *   authorize: (request) => request.headers.get('x-user-id'), // your session check here
 *   models: ['flux.1-dev'],
 *   budget: { credits: 200, windowMs: 86_400_000 },
 * });
 * export default { fetch: proxy.fetch };
 * ```
 */
export function createProxy(options: ProxyOptions): ScenarioProxy {
  const setup = prepare(options);
  return { fetch: (request) => handle(setup, request) };
}

function prepare(options: ProxyOptions): Setup {
  const own = checkedOptions(options);
  const { authorize, models, budget, rateLimit, store, path, allow, origins, routes, maxBodyBytes, now, ...upstream } =
    own;
  let client: Scenario;
  try {
    client = new Scenario(upstream as ClientOptions);
  } catch (error) {
    if (error instanceof InvalidRequestError) throw new InvalidRequestError('createProxy options', error.issues);
    throw error;
  }
  const logger = options.logger ?? console;
  const known = new Set((routes ?? PROXY_ROUTES).map((route) => route.route));
  const unknown = (allow ?? []).filter((name) => !known.has(name));
  if (unknown.length > 0) {
    const message = `not a route of this proxy: ${unknown.join(', ')}; routes are named "METHOD /path", e.g. "DELETE /assets"`;
    throw new InvalidRequestError('createProxy options', [{ path: 'allow', message }]);
  }
  return {
    client,
    authorize,
    models: models && new Set(models),
    budget,
    rateLimit,
    store: store ?? createMemoryStore({ now }),
    now: now ?? Date.now,
    mount: path ?? '/api/scenario',
    routes: routes ?? PROXY_ROUTES,
    allowed: new Set(allow),
    origins: new Set(origins),
    maxBodyBytes: maxBodyBytes ?? 7_000_000,
    log: (message) => {
      if (options.logLevel !== 'off') logger.error(`[scenario-sdk/server] ${message}`);
    },
  };
}

function checkedOptions(options: ProxyOptions): ProxyOptions {
  return parseInput(ProxyOptionsSchema, options, 'createProxy options') as ProxyOptions;
}

async function handle(setup: Setup, request: Request): Promise<Response> {
  try {
    const url = new URL(request.url);
    const path = url.pathname.startsWith(`${setup.mount}/`) ? url.pathname.slice(setup.mount.length) : undefined;
    if (path === undefined) throw new Refusal(404, `not below ${setup.mount}`);
    refuseCrossSite(setup, request);
    const userId = await setup.authorize(request);
    if (typeof userId !== 'string' || userId === '') throw new Refusal(401, 'sign in first');
    if (setup.rateLimit) await countRequest(setup, userId, setup.rateLimit);
    const match = matchRoute(setup.routes, request.method, path);
    if (!match) throw new Refusal(404, `${request.method} ${path} is not a route of this proxy`);
    if (match.route.closed && !setup.allowed.has(match.route.route)) {
      throw new Refusal(403, `${match.route.route} is not allowed through this proxy`);
    }
    const query = match.route.query ? readQuery(match.route.query, url.searchParams) : noQuery(url);
    const body = match.route.body
      ? checked(match.route.body, await readJson(request, setup.maxBodyBytes), 'body')
      : undefined;
    checkModels(setup, match, body);
    await checkOwnership(setup, userId, match, query, body);
    return await forward(setup, userId, match, query, body);
  } catch (error) {
    return errorAnswer(error, setup.log);
  }
}

/**
 * A browser marks a request another site's page made (`Sec-Fetch-Site: cross-site`, which page
 * scripts cannot set): refused unless that site is one of `origins`, so a session cookie cannot
 * be spent from elsewhere.
 */
function refuseCrossSite(setup: Setup, request: Request): void {
  if (request.headers.get('sec-fetch-site') !== 'cross-site') return;
  const origin = request.headers.get('origin') ?? '';
  if (!setup.origins.has(origin)) throw new Refusal(403, `requests from ${origin || 'another site'} are not allowed`);
}

/** A route without a query schema takes no query. */
function noQuery(url: URL): Record<string, unknown> {
  if (url.search !== '') throw new Refusal(400, `invalid query: this route takes none`);
  return {};
}

/** Every model a request names is on the allow-list, if there is one (403 otherwise). */
function checkModels(setup: Setup, { params }: RouteMatch, body: unknown): void {
  if (!setup.models) return;
  const fields = (body ?? {}) as { modelId?: unknown; baseModelId?: unknown; concepts?: Array<{ modelId?: unknown }> };
  const named = [params.modelId, fields.modelId, fields.baseModelId, ...(fields.concepts ?? []).map((c) => c?.modelId)];
  const refused = named.find((id) => typeof id === 'string' && !setup.models?.has(id));
  if (refused !== undefined) throw new Refusal(403, `model ${refused} is not available here`);
}

/** Every asset, job and upload a request names is the user's: any other answers 404, as if it did not exist. */
async function checkOwnership(
  setup: Setup,
  userId: string,
  { params }: RouteMatch,
  query: Record<string, unknown>,
  body: unknown,
): Promise<void> {
  for (const [kind, ids] of idsNamed(params, query, body)) {
    const mine = await setup.store.owned(userId, kind, [...ids]);
    const other = [...ids].find((id) => !mine.has(id));
    if (other !== undefined) throw new Refusal(404, `${kind} ${other} not found`);
  }
}

/** Sends the checked request upstream and answers with what Scenario said, the user's share of it. */
async function forward(
  setup: Setup,
  userId: string,
  { route, params }: RouteMatch,
  query: Record<string, unknown>,
  body: unknown,
): Promise<Response> {
  const [method, pattern = ''] = route.route.split(' ') as [ProxiedMethod, string];
  const path = pattern.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(params[name] as string));
  const send = (sent: Record<string, unknown>) =>
    setup.client.request({ method, path, query: sent as Record<string, string>, body });
  if (route.list === 'models') return json(200, allowedModels(await send(query), setup.models));
  if (route.list) return json(200, await ownedPage(route.list, userId, setup.store, query, send));
  if (route.billed && query.dryRun === true) return json(269, await send(query));
  const answer =
    route.billed && setup.budget
      ? await withinBudget(
          setup,
          userId,
          setup.budget,
          () => send({ ...query, dryRun: true }),
          () => send(query),
        )
      : await send(query);
  for (const [kind, ids] of idsShown(answer)) await setup.store.own(userId, kind, [...ids]);
  return json(200, answer);
}

type ProxiedMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
