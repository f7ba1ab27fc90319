import type { Hono } from 'hono';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { untilAborted } from '../core/abort.js';
import type { Clock } from '../core/clock.js';
import { type Asset, AssetSchema } from '../schemas/asset.js';
import { type Job, JobSchema } from '../schemas/job.js';
import type { Upload } from '../schemas/upload.js';
import { createApp } from './app.js';
import { assetView } from './asset-view.js';
import { type AppEnv, createContext, type EmulatorContext } from './context.js';
import { jobView, settle } from './job-lifecycle.js';
import type { EmulatorOptions } from './options.js';
import { type EmulatorCounters, type RequestLogEntry, Store } from './store.js';
import { CONNECTION_RESET_HEADER } from './traffic.js';
import { uploadView } from './upload-lifecycle.js';

/** Body fields one request sent that Scenario's swagger does not list, and the emulator ignored. */
export interface IgnoredFields {
  /** HTTP method. */
  method: string;
  /** Route pattern, e.g. `/generate/txt2img`. */
  route: string;
  /** The fields, nested ones as dotted paths (`assetOptions.foo`). */
  fields: readonly string[];
}

/** What tests can inspect. Reads always reflect the current state (after `reset()` too). */
export interface EmulatorState {
  /** Requests per route, injected faults, jobs/assets/uploads created. */
  readonly counters: EmulatorCounters;
  /** Every request received, in order. */
  readonly requests: readonly RequestLogEntry[];
  /**
   * Requests that sent body fields the swagger does not list, which the emulator ignored as the
   * real API does (`strict: true` refuses them instead). Empty when every field was known:
   * `expect(emulator.state.ignoredFields).toEqual([])` catches a typo in your own requests.
   */
  readonly ignoredFields: readonly IgnoredFields[];
  /** All jobs as `GET /jobs/{id}` would answer now, oldest first. */
  jobs(): Promise<Job[]>;
  /** All assets (hidden ones included), oldest first. */
  assets(): Promise<Asset[]>;
  /** All uploads, oldest first. */
  uploads(): Promise<Upload[]>;
}

/** A local Scenario API. */
export interface Emulator {
  /** A `fetch` for `new Scenario({ fetch })`: answers the API base URL and the signed URLs; any other URL rejects like an unreachable host. */
  readonly fetch: typeof fetch;
  /** msw handlers for `setupServer(...emulator.handlers)` (or `setupWorker` in a browser). */
  readonly handlers: HttpHandler[];
  /** API base URL to give the client as `baseUrl`. */
  readonly url: string;
  /** Root of the signed asset and upload-part URLs. */
  readonly cdnUrl: string;
  /** The clock jobs run on. */
  readonly clock: Clock;
  /** Counters, the request log and the stored jobs, assets and uploads. */
  readonly state: EmulatorState;
  /** Forgets every asset, upload, job, counter and log entry; restarts the seeded streams. Options stay. */
  reset(): void;
  /** Releases what the emulator holds (the HTTP server, for `startEmulator`). */
  close(): Promise<void>;
}

/** The emulator plus the internals the HTTP server needs. */
export interface EmulatorParts {
  emulator: Emulator;
  context: EmulatorContext;
  app: Hono<AppEnv>;
}

/**
 * A local Scenario API for tests and demos: in-memory, no network, no credits.
 *
 * @example
 * ```ts
 * const emulator = createEmulator({ jobDurations: { flux: 200 } });
 * const client = new Scenario({ fetch: emulator.fetch, baseUrl: emulator.url, apiKey: 'key', apiSecret: 'secret' });
 * const { assets } = await client.img2img.run({ modelId: 'flux.1-dev', prompt: 'a knight', image: './sketch.png' });
 * ```
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  return buildEmulator(options).emulator;
}

export function buildEmulator(options: EmulatorOptions, close: () => Promise<void> = async () => {}): EmulatorParts {
  const context = createContext(options);
  const app = createApp(context);

  /** Runs a public-URL request through the app; `undefined` when the URL is not the emulator's. */
  const dispatch = async (request: Request): Promise<Response | undefined> => {
    const target = internalUrl(context, request.url);
    if (!target) return undefined;
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const body = hasBody ? await request.arrayBuffer() : undefined;
    return app.fetch(new Request(target, { method: request.method, headers: request.headers, body }));
  };

  const emulatorFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    request.signal.throwIfAborted();
    const response = await untilAborted(dispatch(request), request.signal);
    if (!response)
      throw new TypeError(`fetch failed: the Scenario emulator serves ${context.urls.api} only, not ${request.url}`);
    if (response.headers.has(CONNECTION_RESET_HEADER)) throw connectionReset();
    return response;
  };

  const handlers = [
    http.all(
      ({ request }) => internalUrl(context, request.url) !== undefined,
      async ({ request }) => {
        const response = (await dispatch(request)) as Response;
        return response.headers.has(CONNECTION_RESET_HEADER) ? HttpResponse.error() : response;
      },
    ),
  ];

  const emulator: Emulator = {
    fetch: emulatorFetch as typeof fetch,
    handlers,
    get url() {
      return context.urls.api;
    },
    get cdnUrl() {
      return context.urls.cdn;
    },
    clock: context.options.clock,
    state: createState(context),
    reset() {
      context.store = new Store(context.options.seed);
    },
    close,
  };
  return { emulator, context, app };
}

function createState(context: EmulatorContext): EmulatorState {
  const settled = async () => {
    await settle(context);
    return context.store;
  };
  return {
    get counters() {
      return context.store.counters;
    },
    get requests() {
      return context.store.requestLog;
    },
    get ignoredFields() {
      return context.store.requestLog.flatMap(({ method, route, ignoredFields }) =>
        ignoredFields ? [{ method, route, fields: ignoredFields }] : [],
      );
    },
    jobs: async () => [...(await settled()).jobs.values()].map((job) => JobSchema.parse(jobView(context, job))),
    assets: async () =>
      [...(await settled()).assets.values()].map((asset) => AssetSchema.parse(assetView(context, asset))),
    uploads: async () => [...(await settled()).uploads.values()].map((upload) => uploadView(context, upload)),
  };
}

/** `http://emulator/v1/…` or `http://emulator/cdn/…` for a URL under the API or CDN root. */
function internalUrl(context: EmulatorContext, url: string): string | undefined {
  const roots: [string, string][] = [
    [context.urls.api, '/v1'],
    [context.urls.cdn, '/cdn'],
  ];
  for (const [root, prefix] of roots) {
    const rest = url.slice(root.length);
    if (url.startsWith(root) && (rest === '' || rest.startsWith('/') || rest.startsWith('?'))) {
      return `http://emulator${prefix}${rest}`;
    }
  }
  return undefined;
}

/** The error undici's fetch rejects with when the peer resets the connection. */
function connectionReset(): TypeError {
  const cause = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' });
  return new TypeError('fetch failed', { cause });
}
