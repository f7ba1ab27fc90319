import type * as z from 'zod/mini';
import type { APIRequest, HttpClient, RawRequest, TransportConfig } from './http-client.js';
import { lazyImport } from './lazy-import.js';
import type { Logger } from './logger.js';
import type { ImageSources } from './options.js';

export type { APIRequest, QueryValue, RawRequest, TransportConfig } from './http-client.js';

/**
 * What the resources send API calls and fetch signed URLs with: the client's options, normalised
 * once, and the HTTP layer ({@link HttpClient}: ky, p-retry, the error mapping), loaded with the
 * first call so that building a client costs neither its download nor its start.
 */
export class Transport {
  readonly #config: TransportConfig;
  #http: Promise<HttpClient> | undefined;

  /** @internal The client builds the transport from its options. */
  constructor(config: TransportConfig) {
    this.#config = config;
  }

  /** The client's logger (level-filtered, secrets redacted). */
  get logger(): Logger {
    return this.#config.logger;
  }

  /** Removes secrets from a text, for errors built above the transport from what it returned (a failed job). */
  get redact(): (text: string) => string {
    return this.#config.redact;
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
    return (await this.#httpClient()).request(request);
  }

  /**
   * Fetches a URL outside the API (signed asset or upload-part URLs) with the same timeout,
   * abort and retry rules, but never with the API's auth or default headers. `read` consumes
   * the successful response inside the attempt, so the timeout covers the body too and a body
   * cut short is retried like any other failed read.
   */
  async fetchRaw<T>(url: string, request: RawRequest, read: (response: Response) => Promise<T>): Promise<T> {
    return (await this.#httpClient()).fetchRaw(url, request, read);
  }

  /** The HTTP layer, built once; a failed load is tried again by the next call. */
  #httpClient(): Promise<HttpClient> {
    this.#http ??= lazyImport('the HTTP client', () => import('./http-client.js')).then(
      ({ HttpClient }) => new HttpClient(this.#config),
      (error: unknown) => {
        this.#http = undefined;
        throw error;
      },
    );
    return this.#http;
  }
}
