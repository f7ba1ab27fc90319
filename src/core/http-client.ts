import ky, {
  type BeforeRequestHook,
  isHTTPError,
  type KyInstance,
  type Options as KyOptions,
  type ResponsePromise,
} from 'ky';
import pRetry from 'p-retry';
import type * as z from 'zod/mini';
import { abortError, sleep, untilAborted } from './abort.js';
import { readApiAnswer } from './api-answer.js';
import { connectionError, errorFromHTTPError, type FailedResponseContext, refusedError } from './error-mapping.js';
import { InvalidRequestError, isScenarioError } from './errors.js';
import type { Logger } from './logger.js';
import type { CallOptions, ImageSources, Progress } from './options.js';
import { redactingUrl, shownUrl } from './redact.js';
import { BILLED_ADVICE, nextRetryDelayMs, type RetryMode } from './retry.js';
import { parseResponse } from './validate.js';

/** Query values; `undefined` drops the parameter, arrays repeat it. */
export type QueryValue = string | number | boolean | undefined | readonly string[];

/** One API call, as a resource method describes it. */
export interface APIRequest<S extends z.core.$ZodType> {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Path below the base URL, built with {@link path} so ids are encoded. */
  path: string;
  query?: Record<string, QueryValue> | undefined;
  /** JSON body. */
  body?: unknown;
  /** Schema of the (2xx) response body; the result is its output. */
  schema: S;
  /** Default: `idempotent` for GET and DELETE, `billed` for anything else. */
  retry?: RetryMode | undefined;
  /** The call's options, checked where the caller handed them over. */
  options?: CallOptions | undefined;
}

/** Everything the transport needs, normalised once by the client. */
export interface TransportConfig {
  baseUrl: URL;
  projectId: string | undefined;
  timeout: number;
  maxRetries: number;
  fetch: typeof fetch;
  logger: Logger;
  defaultHeaders: Record<string, string>;
  /**
   * Throws a readable error when no credentials are configured. Called by the first request (again until it succeeds), so a client without credentials can still be built.
   * `undefined` sends none: a proxy adds them.
   */
  authorization: () => string | undefined;
  /** Removes secrets from any text that may reach an error or a log. */
  redact: (text: string) => string;
  /** Removes the secrets long enough to be real from successful answers (see `MIN_ANSWER_SECRET_LENGTH`). */
  redactAnswer: (text: string) => string;
  userAgent: string | undefined;
  /** Which strings image inputs may read (the client option, defaults filled in). */
  imageSources: Readonly<Record<keyof ImageSources, boolean>>;
}

/** A request to a URL outside the API, for `Transport.fetchRaw`. */
export interface RawRequest {
  method?: 'GET' | 'PUT';
  /** The body, or a function making a fresh one for each attempt (a stream can be read only once). */
  body?: BodyInit | (() => BodyInit) | undefined;
  headers?: Record<string, string> | undefined;
  options?: CallOptions | undefined;
  /**
   * Reports the body as it is sent. ky streams the body for this, so give a stream body with a
   * `content-length` header (else it goes chunked); runtimes that cannot stream a request body
   * (most browsers) never call it.
   */
  onUploadProgress?: ((progress: Progress) => void) | undefined;
  /** Reports the answer's body as `read` consumes it. */
  onDownloadProgress?: ((progress: Progress) => void) | undefined;
}

/** One call as the retry loop and the error mapping see it. */
interface Call {
  mode: RetryMode;
  options: CallOptions | undefined;
  /** Where the call goes and how its failed answers are reported. */
  failure: FailedResponseContext;
}

/** What the hooks learn about an attempt, through ky's `context` option. */
interface AttemptContext {
  endpoint: string;
  attempt: number;
}

/**
 * The transport's HTTP layer, loaded with the first call. Sends API calls through ky: one retry layer (p-retry around ky, whose own retry is off) with
 * the retry policy of `nextRetryDelayMs` (core/retry.ts), a per-attempt timeout, typed errors (ky's
 * `HTTPError` and network failures mapped to ours) and zod-validated answers.
 *
 * The timeout is ours, not ky's: ky's `timeout` ends at the response headers (the body read gets
 * a fresh one), and its `totalTimeout` covers only bodies read through ky, not a download
 * streamed to a file by {@link fetchRaw}'s `read`.
 */
export class HttpClient {
  readonly #config: TransportConfig;
  /** API calls: base URL, `accept`, default headers, auth and manual redirects. */
  readonly #api: KyInstance;
  /** URLs outside the API (signed asset and upload-part URLs): none of the API's headers. */
  readonly #raw: KyInstance;
  #authorization: string | undefined;

  constructor(config: TransportConfig) {
    this.#config = config;
    // ky calls its `fetch` option as a method of its options object; a browser's fetch throws
    // "Illegal invocation" with any `this` but the global one, so it is called detached.
    const { fetch } = config;
    const logAttempt: BeforeRequestHook = ({ options }) => {
      const { endpoint, attempt } = options.context as unknown as AttemptContext;
      config.logger.debug(`${endpoint} (attempt ${attempt})`);
    };
    const common: KyOptions = {
      fetch: (input, init) => fetch(input, init),
      retry: 0,
      timeout: false,
      hooks: { beforeRequest: [logAttempt] },
    };
    this.#raw = ky.create(common);
    this.#api = ky.create({
      ...common,
      prefix: config.baseUrl.href,
      headers: lowerCaseNames(
        { accept: 'application/json' },
        config.defaultHeaders,
        config.userAgent ? { 'user-agent': config.userAgent } : {},
      ),
      // A redirect could carry the credentials and the body to another host.
      redirect: 'manual',
      hooks: {
        beforeRequest: [
          ({ request }) => {
            // An Authorization header given in the options replaces the client's credentials.
            const authorization = request.headers.has('authorization') ? undefined : this.#authorize();
            if (authorization !== undefined) request.headers.set('authorization', authorization);
          },
          logAttempt,
        ],
      },
    });
  }

  /** Sends an API call and returns its validated body. */
  async request<S extends z.core.$ZodType>(request: APIRequest<S>): Promise<z.core.output<S>> {
    const mode = request.retry ?? (request.method === 'GET' || request.method === 'DELETE' ? 'idempotent' : 'billed');
    const { method, path, options } = request;
    const endpoint = `${method} ${path}`;
    const { redact } = this.#config;
    const billed = mode === 'billed';
    const advice = billed ? BILLED_ADVICE : undefined;
    const call: Call = { mode, options, failure: { method, path, redact, billed } };
    const kyOptions = this.#apiOptions(request);
    const body = await this.#withRetries(call, async (signal, attempt) => {
      const context = { endpoint, attempt } satisfies AttemptContext;
      const response = await started(endpoint, redact, () => this.#api(path, { ...kyOptions, signal, context }));
      return readApiAnswer(response, { endpoint, redact, redactAnswer: this.#config.redactAnswer, advice });
    });
    return parseResponse(request.schema, body, endpoint, redact, advice);
  }

  /**
   * Fetches a URL outside the API (signed asset or upload-part URLs) with the same timeout,
   * abort and retry rules, but never with the API's auth or default headers. `read` consumes
   * the successful response inside the attempt, so the timeout covers the body too and a body
   * cut short is retried like any other failed read.
   */
  async fetchRaw<T>(url: string, request: RawRequest, read: (response: Response) => Promise<T>): Promise<T> {
    const method = request.method ?? 'GET';
    const parsed = URL.parse(url);
    if (!parsed) throw new InvalidRequestError('url', [{ path: '', message: 'expected an absolute URL' }]);
    const where = shownUrl(parsed);
    const endpoint = `${method} ${where}`;
    // A fetch's own error or a CDN's error body may quote the URL with the query that signs it.
    const redact = redactingUrl(this.#config.redact, url);
    const failure = { method, path: where, redact, advice: signedUrlAdvice };
    const call: Call = { mode: 'idempotent', options: request.options, failure };
    const kyOptions = definedOnly({
      method,
      headers: request.headers,
      onUploadProgress: request.onUploadProgress,
      onDownloadProgress: request.onDownloadProgress,
    });
    return this.#withRetries(call, async (signal, attempt) => {
      const body = typeof request.body === 'function' ? request.body() : request.body;
      const context = { endpoint, attempt } satisfies AttemptContext;
      return read(await started(endpoint, redact, () => this.#raw(url, { ...kyOptions, body, signal, context })));
    });
  }

  /**
   * Runs `send` once per attempt under a fresh per-attempt timeout, retrying per the policy.
   * p-retry's own backoff is off (`minTimeout: 0`): the wait depends on the error (a server's
   * `Retry-After`), so `shouldRetry` sleeps it once it has decided to retry.
   */
  async #withRetries<T>(call: Call, send: (signal: AbortSignal, attempt: number) => Promise<T>): Promise<T> {
    const endpoint = `${call.failure.method} ${call.failure.path}`;
    const userSignal = call.options?.signal;
    const timeoutMs = call.options?.timeout ?? this.#config.timeout;
    if (userSignal?.aborted) throw abortError(userSignal);
    const attempt = async (attemptNumber: number) => {
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), timeoutMs);
      const signal = userSignal ? AbortSignal.any([userSignal, timeout.signal]) : timeout.signal;
      try {
        // A custom fetch may not end its answer or body when the signal aborts: the timeout must still win.
        return await untilAborted(send(signal, attemptNumber), signal);
      } catch (error) {
        if (isScenarioError(error)) throw error;
        if (isHTTPError(error)) throw errorFromHTTPError(error, call.failure);
        throw connectionError(error, {
          endpoint,
          timeoutMs,
          userSignal,
          timeoutSignal: timeout.signal,
          redact: call.failure.redact,
          billed: call.mode === 'billed',
        });
      } finally {
        clearTimeout(timer);
      }
    };
    return pRetry(attempt, {
      retries: call.options?.maxRetries ?? this.#config.maxRetries,
      minTimeout: 0,
      shouldRetry: async ({ error, attemptNumber }) => {
        const delay = nextRetryDelayMs(error, call.mode, attemptNumber);
        if (delay === undefined) return false;
        this.#config.logger.warn(retryWarning(endpoint, error, attemptNumber, delay));
        await sleep(delay, userSignal);
        return true;
      },
    });
  }

  /** ky's options for an API call, built once per call: only the signal and context change per attempt. */
  #apiOptions(request: APIRequest<z.core.$ZodType>): KyOptions {
    const searchParams: Array<[string, string]> = [];
    const query = { ...request.query, projectId: request.options?.projectId ?? this.#config.projectId };
    for (const [key, value] of Object.entries(query)) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) searchParams.push([key, String(item)]);
    }
    const perCall = request.options?.headers;
    // ky merges undefined values over its defaults (wiping the instance's headers), so absent options are left out.
    return definedOnly({
      method: request.method,
      json: request.body,
      searchParams: searchParams.length > 0 ? searchParams : undefined,
      // Lower-cased like the instance's, so `Accept` here replaces `accept` there instead of joining it.
      headers: perCall && lowerCaseNames(perCall),
    });
  }

  /** The `Authorization` value, encoded once: the credentials are fixed when the client is built. */
  #authorize(): string | undefined {
    this.#authorization ??= this.#config.authorization();
    return this.#authorization;
  }
}

/**
 * Starts a ky request. ky builds the `Request` synchronously, so what fails there (a body JSON
 * cannot encode, a URL the runtime refuses) was never sent.
 */
function started(endpoint: string, redact: (text: string) => string, send: () => ResponsePromise): ResponsePromise {
  try {
    return send();
  } catch (error) {
    throw refusedError(endpoint, error, redact);
  }
}

/** A retry's log line; the error's message usually names the endpoint already. */
function retryWarning(endpoint: string, error: Error, retry: number, delayMs: number): string {
  const failure = error.message.includes(endpoint) ? error.message : `${endpoint} failed: ${error.message}`;
  return `${failure}; retry ${retry} in ${Math.round(delayMs)} ms`;
}

/** Header sets merged into one plain object with lower-case names; later sets win. */
function lowerCaseNames(...sets: Array<Record<string, string>>): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const set of sets) for (const [name, value] of Object.entries(set)) merged[name.toLowerCase()] = value;
  return merged;
}

function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}

const signedUrlAdvice = 'Signed URLs expire: read the asset (or upload) again for a fresh one';
