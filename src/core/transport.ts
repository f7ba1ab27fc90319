import pRetry from 'p-retry';
import type * as z from 'zod/mini';
import { abortError, sleep, untilAborted } from './abort.js';
import { connectionError, errorFromResponse, redirectError } from './error-mapping.js';
import { InvalidRequestError } from './errors/InvalidRequestError.js';
import { ResponseValidationError } from './errors/ResponseValidationError.js';
import { isScenarioError } from './errors/ScenarioError.js';
import type { Logger } from './logger.js';
import { type ImageSources, type RequestOptions, RequestOptionsSchema } from './options.js';
import { redactingUrl, shownUrl } from './redact.js';
import { isRetryable, MAX_RETRY_WAIT_MS, type RetryMode, retryDelayMs, withBilledAdvice } from './retry.js';
import { parseInput, parseResponse } from './validate.js';

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
  options?: RequestOptions | undefined;
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
  /** Throws a readable error when no credentials are configured. Called by the first request (again until it succeeds), so a client without credentials can still be built. */
  authorization: () => string;
  /** Removes secrets from any text that may reach an error or a log. */
  redact: (text: string) => string;
  userAgent: string | undefined;
  /** Which strings image inputs may read (the client option, defaults filled in). */
  imageSources: Readonly<Record<keyof ImageSources, boolean>>;
}

/** A request to a URL outside the API, for {@link Transport.fetchRaw}. */
export interface RawRequest {
  method?: 'GET' | 'PUT';
  /** The body, or a function making a fresh one for each attempt (a stream can be read only once). */
  body?: BodyInit | (() => BodyInit) | undefined;
  headers?: Record<string, string> | undefined;
  options?: RequestOptions | undefined;
}

/**
 * Sends API calls: builds the URL and headers, applies the per-attempt timeout, retries per
 * the policy of design.md §4 (one retry layer: p-retry around a plain `fetch`), maps failures
 * to typed errors and validates responses with zod. No HTTP library sits in between: ky alone
 * cost 1.30× a raw `fetch` per call and 8 KB of the browser bundle (bench/RESULTS.md).
 */
export class Transport {
  readonly #config: TransportConfig;
  /** The base URL without a trailing '/' (a root base URL keeps one in href), so paths can be appended. */
  readonly #baseHref: string;
  #sharedHeaders: Record<string, string> | undefined;

  /** @internal The client builds the transport from its options. */
  constructor(config: TransportConfig) {
    this.#config = config;
    this.#baseHref = config.baseUrl.href.replace(/\/$/, '');
  }

  /** The client's logger (level-filtered, secrets redacted). */
  get logger(): Logger {
    return this.#config.logger;
  }

  /** The client's per-attempt timeout in ms; reading a stream input may stall no longer than this either. */
  get timeout(): number {
    return this.#config.timeout;
  }

  /** Which strings image inputs may read: local file paths, http(s) URLs. */
  get imageSources(): Readonly<Record<keyof ImageSources, boolean>> {
    return this.#config.imageSources;
  }

  /** Sends an API call and returns its validated body. */
  async request<S extends z.core.$ZodType>(request: APIRequest<S>): Promise<z.core.output<S>> {
    const mode = request.retry ?? (request.method === 'GET' || request.method === 'DELETE' ? 'idempotent' : 'billed');
    checkRequestOptions(request.options);
    const url = this.#url(request.path, request.query, request.options?.projectId);
    const hasBody = request.body !== undefined;
    const init: RequestInit = {
      method: request.method,
      headers: this.#headers(request.options?.headers, hasBody),
      body: hasBody ? JSON.stringify(request.body) : undefined,
      // A redirect could carry the credentials and the body to another host.
      redirect: 'manual',
    };
    const endpoint = `${request.method} ${request.path}`;
    // Called as a plain function: a browser's fetch throws "Illegal invocation" with another `this`.
    const { fetch } = this.#config;
    try {
      const body = await this.#withRetries(endpoint, mode, request.options, this.#config.redact, async (signal) => {
        const response = await fetch(url, { ...init, signal });
        return this.#readJson(response, request.method, request.path);
      });
      return parseResponse(request.schema, body, endpoint, this.#config.redact);
    } catch (error) {
      throw mode === 'billed' ? withBilledAdvice(error) : error;
    }
  }

  /**
   * Fetches a URL outside the API (signed asset or upload-part URLs) with the same timeout,
   * abort and retry rules, but never with the API's auth or default headers. `read` consumes
   * the successful response inside the attempt, so the timeout covers the body too and a body
   * cut short is retried like any other failed read.
   */
  async fetchRaw<T>(url: string, request: RawRequest, read: (response: Response) => Promise<T>): Promise<T> {
    const method = request.method ?? 'GET';
    checkRequestOptions(request.options);
    const parsed = URL.parse(url);
    if (!parsed) throw new InvalidRequestError('url', [{ path: '', message: 'expected an absolute URL' }]);
    const where = shownUrl(parsed);
    // A fetch's own error or a CDN's error body may quote the URL with the query that signs it.
    const redact = redactingUrl(this.#config.redact, url);
    const { fetch } = this.#config;
    return this.#withRetries(`${method} ${where}`, 'idempotent', request.options, redact, async (signal) => {
      const body = typeof request.body === 'function' ? request.body() : request.body;
      // Node's fetch sends a stream body only when told it may start before the answer does.
      const duplex = body instanceof ReadableStream ? { duplex: 'half' } : undefined;
      const response = await fetch(url, { method, body, headers: request.headers, signal, ...duplex });
      if (!response.ok) {
        const context = { method, path: where, redact, advice: signedUrlAdvice };
        throw errorFromResponse(response, await response.text(), context);
      }
      return read(response);
    });
  }

  async #withRetries<T>(
    endpoint: string,
    mode: RetryMode,
    options: RequestOptions | undefined,
    redact: (text: string) => string,
    send: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const userSignal = options?.signal;
    const timeoutMs = options?.timeout ?? this.#config.timeout;
    if (userSignal?.aborted) throw abortError(userSignal);
    const attempt = async (attemptNumber: number) => {
      this.logger.debug(`${endpoint} (attempt ${attemptNumber})`);
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), timeoutMs);
      const signal = userSignal ? AbortSignal.any([userSignal, timeout.signal]) : timeout.signal;
      try {
        // A custom fetch may not end its answer or body when the signal aborts: the timeout must still win.
        return await untilAborted(send(signal), signal);
      } catch (error) {
        if (isScenarioError(error)) throw error;
        throw connectionError(error, {
          endpoint,
          timeoutMs,
          userSignal,
          timeoutSignal: timeout.signal,
          redact,
        });
      } finally {
        clearTimeout(timer);
      }
    };
    return pRetry(attempt, {
      retries: options?.maxRetries ?? this.#config.maxRetries,
      minTimeout: 0,
      maxTimeout: 0,
      randomize: false,
      shouldRetry: async ({ error, attemptNumber }) => {
        if (!isRetryable(error, mode)) return false;
        const delay = retryDelayMs(error, attemptNumber);
        if (delay > MAX_RETRY_WAIT_MS) return false;
        this.logger.warn(`${endpoint} failed (${error.message}); retry ${attemptNumber} in ${Math.round(delay)} ms`);
        await sleep(delay, userSignal);
        return true;
      },
    });
  }

  async #readJson(response: Response, method: string, path: string): Promise<unknown> {
    const context = { method, path, redact: this.#config.redact };
    const { status } = response;
    // Status 0: a browser's `opaqueredirect` answer to a `manual` redirect.
    if (status === 0 || (status >= 300 && status < 400)) {
      await response.body?.cancel();
      throw redirectError(response, context);
    }
    const text = await response.text();
    if (!response.ok) throw errorFromResponse(response, text, context);
    if (text.trim() === '') return undefined;
    try {
      return JSON.parse(text);
    } catch {
      const safeText = this.#config.redact(text);
      const issue = { path: '', message: `body is not JSON: ${JSON.stringify(safeText.slice(0, 80))}` };
      throw new ResponseValidationError(`${method} ${path}`, [issue], safeText);
    }
  }

  #url(path: string, query: Record<string, QueryValue> = {}, projectId = this.#config.projectId): string {
    const search = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...query, projectId })) {
      if (value === undefined) continue;
      for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
    }
    return this.#baseHref + path + (search.size > 0 ? `?${search}` : '');
  }

  /**
   * The headers of an API call as a plain object with lower-case names (fetch copies a plain
   * object more cheaply than a `Headers`). The part every call shares (accept, default headers,
   * user agent, authorization) is built once, on the first call, so a bad default header or
   * missing credentials still fail the call rather than the client's constructor. A JSON body
   * gets its content type unless the caller's headers name another.
   */
  #headers(perCall: Record<string, string> | undefined, json: boolean): Record<string, string> {
    this.#sharedHeaders ??= headerRecord(
      { accept: 'application/json' },
      this.#config.defaultHeaders,
      this.#config.userAgent ? { 'user-agent': this.#config.userAgent } : undefined,
      // The credentials are fixed when the client is built, so one encoding serves every call.
      { authorization: this.#config.authorization() },
    );
    // A copy each call: a fetch wrapper that edits `init.headers` must not change later calls.
    if (!perCall && !json) return { ...this.#sharedHeaders };
    return headerRecord(json ? { 'content-type': 'application/json' } : undefined, this.#sharedHeaders, perCall);
  }
}

/**
 * Merges header sets through `Headers`, which validates them and treats names case-insensitively
 * (a later `Authorization` replaces an earlier `authorization` instead of joining it).
 */
function headerRecord(...sets: Array<Record<string, string> | undefined>): Record<string, string> {
  const headers = new Headers();
  for (const set of sets) for (const [name, value] of Object.entries(set ?? {})) headers.set(name, value);
  return Object.fromEntries(headers);
}

const signedUrlAdvice = 'Signed URLs expire: read the asset (or upload) again for a fresh one';

/** Per-call options are checked like the client's, so a typo'd or negative timeout fails here, not later. */
function checkRequestOptions(options: RequestOptions | undefined): void {
  if (options !== undefined) parseInput(RequestOptionsSchema, options, 'request options');
}
