import type { Context, MiddlewareHandler } from 'hono';
import { routePath } from 'hono/route';
import type { AppEnv, EmulatorContext } from './context.js';
import { EmulatorHttpError, errorResponse } from './errors.js';
import type { FaultKind } from './faults.js';
import type { RequestLogEntry, Store } from './store.js';

/** Header by which a route asks the serving layer to drop the connection instead of answering. */
export const CONNECTION_RESET_HEADER = 'x-scenario-emulator-connection-reset';
/** Response header listing the body fields the emulator ignored, comma-separated. */
export const IGNORED_FIELDS_HEADER = 'x-scenario-emulator-ignored-fields';

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n</body>\r\n</html>\r\n';

/** The route pattern of a request, API routes without their `/v1` mount (`/jobs/:jobId`), signed URLs under `/cdn`. */
export function routeOf(c: Context): string {
  const pattern = routePath(c, -1);
  const route = pattern === '*' || pattern === '/*' ? new URL(c.req.url).pathname : pattern;
  return route.replace(/^\/v1(?=\/)/, '');
}

export function countFault(store: Store, kind: FaultKind): void {
  store.counters.faults[kind] = (store.counters.faults[kind] ?? 0) + 1;
}

/** Whether the job a request starts is to fail (the `jobFailure` fault), counted when it is. */
export function drawJobFailure(context: EmulatorContext, c: Context): boolean {
  const { store, options } = context;
  const fails = options.faults.jobFails({ method: c.req.method, route: routeOf(c) }, store.rng.faults);
  if (fails) countFault(store, 'jobFailure');
  return fails;
}

/**
 * Outermost middleware: counts and logs every request, injects the configured faults (before
 * the route for 429/503, on its answer for 500/502/reset/malformed JSON), names the body fields
 * the route ignored in a header, then adds latency.
 */
export function traffic(context: EmulatorContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const { store, options } = context;
    const { faults } = options;
    const method = c.req.method;
    const target = { method, route: routeOf(c) };
    const key = `${method} ${target.route}`;
    store.counters.requests[key] = (store.counters.requests[key] ?? 0) + 1;
    const entry: RequestLogEntry = { method, route: target.route, path: new URL(c.req.url).pathname, status: 0 };
    store.requestLog.push(entry);
    c.set('request', entry);

    let fault = faults.before(target, store.rng.faults);
    if (fault) {
      c.res = await faultAnswer(fault, store);
    } else {
      await next();
      fault = faults.after(target, store.rng.faults);
      if (fault === 'malformedJson' && !c.res.headers.get('content-type')?.includes('json')) fault = undefined;
      if (fault) c.res = await faultAnswer(fault, store, c.res);
    }
    if (fault) {
      entry.fault = fault;
      countFault(store, fault);
    }
    if (entry.ignoredFields) c.res.headers.set(IGNORED_FIELDS_HEADER, entry.ignoredFields.join(', '));
    const [min, max] = options.latency;
    const slow = faults.slow(target, store.rng.faults) ? faults.slowMs : 0;
    if (slow) countFault(store, 'slow');
    await delay(slow + min + store.rng.latency.next() * (max - min));
    entry.status = c.res.status;
  };
}

/** What the client receives instead of (or in place of) the route's `answer`. */
async function faultAnswer(kind: FaultKind, store: Store, answer?: Response): Promise<Response> {
  const error = (status: number, text: string, headers: Record<string, string> = {}) =>
    errorResponse(store, new EmulatorHttpError(status, `${text} (emulated fault)`, {}, headers));
  switch (kind) {
    case 'rateLimit':
      return error(429, 'Too many requests', { 'retry-after': '1' });
    case 'unavailable':
      return error(503, 'Service unavailable');
    case 'serverError':
      return error(500, 'Internal server error');
    case 'badGateway':
      return new Response(BAD_GATEWAY_HTML, { status: 502, headers: { 'content-type': 'text/html' } });
    case 'connectionReset':
      return new Response(null, { status: 500, headers: { [CONNECTION_RESET_HEADER]: '1' } });
    default:
      return truncated(answer as Response);
  }
}

/** The same answer with its JSON cut in half, as a proxy dropping the connection mid-body leaves it. */
async function truncated(answer: Response): Promise<Response> {
  const text = await answer.text();
  const headers = new Headers(answer.headers);
  headers.delete('content-length');
  return new Response(text.slice(0, Math.floor(text.length / 2)), { status: answer.status, headers });
}

const delay = (ms: number) => (ms > 0 ? new Promise<void>((resolve) => setTimeout(resolve, ms)) : Promise.resolve());
