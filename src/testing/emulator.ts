import type { Hono } from 'hono';
import { type HttpHandler, HttpResponse, http } from 'msw';
import { untilAborted } from '../core/abort.js';
import type { Clock } from '../core/clock.js';
import { createApp } from './app.js';
import { type AppEnv, createContext, type EmulatorContext } from './context.js';
import type { EmulatorOptions } from './options.js';
import { createState, type EmulatorState, resetState } from './state.js';
import { CONNECTION_RESET_HEADER } from './traffic.js';

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
    reset: () => resetState(context),
    close,
  };
  return { emulator, context, app };
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
