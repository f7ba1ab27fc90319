import * as z from 'zod/mini';
import type { Job } from '../schemas/job.js';
import { INVALID_HEADER_VALUE, isHeaderName, isHeaderValue } from './http-header.js';
import type { Logger, LogLevel } from './logger.js';
import { parseInput } from './validate.js';

/** Options of `new Scenario(options)`. Every field is optional; env variables fill the gaps. */
export interface ClientOptions {
  /** API key id (`api_…`). Default: env `SCENARIO_API_KEY`. Used with `apiSecret` for Basic auth. */
  apiKey?: string | undefined;
  /** API secret. Default: env `SCENARIO_API_SECRET`. */
  apiSecret?: string | undefined;
  /** Bearer JWT, an alternative to the key pair. Default: env `SCENARIO_API_TOKEN`. */
  token?: string | undefined;
  /**
   * API root. Default: env `SCENARIO_BASE_URL`, else `https://api.cloud.scenario.com/v1`.
   * `http:` only for loopback hosts unless `allowInsecureHttp`; a user or password in it is refused.
   */
  baseUrl?: string | URL | undefined;
  /**
   * Where a `scenario-sdk/server` proxy is mounted, for browser apps: `'/api/scenario'`, resolved
   * against the page. The client then holds and sends no credentials (the proxy adds them on the
   * server) and reads none from the env; `apiKey`, `apiSecret`, `token`, `baseUrl` and
   * `projectId` are refused beside it. Default: none.
   */
  proxyUrl?: string | URL | undefined;
  /**
   * Allow an `http:` base URL on a host that is not loopback, such as an emulator in docker
   * compose (`http://emulator:4010/v1`). The credentials then cross that network in clear.
   * Default `false`.
   */
  allowInsecureHttp?: boolean | undefined;
  /**
   * Which strings image inputs may name. A server that passes its users' strings as `image`
   * should turn both off, so a user cannot make it read its own files or fetch internal
   * URLs. Default: both allowed.
   */
  imageSources?: ImageSources | undefined;
  /** Sent as `?projectId=` on every call. Default: env `SCENARIO_PROJECT_ID`. */
  projectId?: string | undefined;
  /** Per-attempt timeout in ms. Default `60_000`. */
  timeout?: number | undefined;
  /** Retries after the first attempt, where the retry policy allows one. Default `2`. */
  maxRetries?: number | undefined;
  /** A `fetch` to use instead of the global one (for example the emulator's). */
  fetch?: typeof fetch | undefined;
  /** Where log lines go. Default `console`. Secrets are redacted before they get here. */
  logger?: Logger | undefined;
  /** Least severe level logged. Default `'warn'`. */
  logLevel?: LogLevel | undefined;
  /** Headers added to every API request (never to asset or upload URLs). An `Authorization` here replaces the credentials. */
  defaultHeaders?: Record<string, string> | undefined;
}

/** The client option `imageSources`: what a string (or `URL`) image input may make the SDK read. */
export interface ImageSources {
  /** Read local files named by a path or a `file:` URL. Default `true`. */
  filePaths?: boolean | undefined;
  /** Download `http(s)` URLs. Default `true`. */
  urls?: boolean | undefined;
}

/** Options accepted as the last argument of every method. */
export interface RequestOptions {
  /** Aborts the call (and any retry wait) at once with `APIUserAbortError`. */
  signal?: AbortSignal | undefined;
  /** Per-attempt timeout in ms, overriding the client's. */
  timeout?: number | undefined;
  /** Retries for this call, overriding the client's. */
  maxRetries?: number | undefined;
  /** Extra headers for this call. */
  headers?: Record<string, string> | undefined;
  /** `?projectId=` for this call, overriding the client's. */
  projectId?: string | undefined;
}

/** How far a transfer has come, as `onUploadProgress` and `onDownloadProgress` report it. */
export interface Progress {
  /** Fraction done, from `0` to `1`. */
  percent: number;
  transferredBytes: number;
  /** The size when known; `0` when the server did not say (then `percent` stays 0 until the end). */
  totalBytes: number;
}

/** A progress callback, checked like any other option. */
export const ProgressCallbackSchema = z.custom<(progress: Progress) => void>(
  (value) => typeof value === 'function',
  'expected a function called with { percent, transferredBytes, totalBytes }',
);

/**
 * Header names and values `fetch` will send. Checked here so that a bad one is refused before
 * any request, by name, without its value in the error.
 */
const HeadersSchema = z.record(
  z.string().check(z.refine(isHeaderName)),
  z.string().check(z.refine(isHeaderValue, INVALID_HEADER_VALUE)),
  {
    error: (issue) => (issue.code === 'invalid_key' ? 'is not a valid header name' : undefined),
  },
);

/**
 * Options of every method that waits for a job: `run()`, `GenerationJob.wait()`,
 * `client.jobs.wait()` and `client.custom.run()`. The {@link RequestOptions} apply to each request
 * on the way (`timeout` is still per HTTP attempt); the rest say how to wait. `signal` aborts
 * everything: the submission, the wait and the fetching of the outputs.
 */
export interface RunOptions extends RequestOptions {
  /**
   * Called with the first job state seen, then each time its status or progress changes, with
   * how long the wait has taken and when the job should finish at the rate seen so far. If it
   * throws, the wait stops with a `JobError` (the job keeps running).
   */
  onProgress?: ((job: Job, wait: WaitProgress) => void) | undefined;
  /**
   * Poll every this many ms instead of adaptively (at least 250). Default: adaptive — fast at
   * first, then aimed just after the finish predicted from the job's progress, never more than
   * 10 s apart.
   */
  pollInterval?: number | undefined;
  /**
   * Milliseconds for the whole wait before giving up with `JobTimeoutError` (which carries the
   * job id and the last job seen); the job keeps running and `client.jobs.wait(id)` resumes.
   * `Infinity` waits for ever. Default: 600 000 (10 minutes).
   */
  waitTimeout?: number | undefined;
  /**
   * On abort, also ask the server to cancel the job, and say in the `APIUserAbortError` whether
   * it did. Flux, custom-model and tool jobs refuse (400): they keep running and are billed, which
   * is logged at `warn`. Default: false.
   */
  cancelOnAbort?: boolean | undefined;
}

/** What `onProgress` learns beside the job: how the wait is going. */
export interface WaitProgress {
  /** Milliseconds since the wait began. */
  elapsedMs: number;
  /**
   * Milliseconds until the job should finish, predicted from the progress seen so far (the same
   * prediction that times the polls); `undefined` until the job has shown progress.
   */
  remainingMs: number | undefined;
}

/** Per-attempt timeout in ms: positive, and within what `setTimeout` can hold. */
const TimeoutSchema = z.number().check(z.positive(), z.maximum(2_147_483_647));
/** Retries after the first attempt. */
const MaxRetriesSchema = z.number().check(z.int(), z.minimum(0), z.maximum(10));

/** Checks {@link ClientOptions} once, at the edge; unknown keys (typos) are refused. */
export const ClientOptionsSchema = z.strictObject({
  apiKey: z.optional(z.string()),
  apiSecret: z.optional(z.string()),
  token: z.optional(z.string()),
  baseUrl: z.optional(z.union([z.string(), z.instanceof(URL)])),
  proxyUrl: z.optional(z.union([z.string(), z.instanceof(URL)])),
  allowInsecureHttp: z.optional(z.boolean()),
  imageSources: z.optional(z.strictObject({ filePaths: z.optional(z.boolean()), urls: z.optional(z.boolean()) })),
  projectId: z.optional(z.string().check(z.minLength(1))),
  timeout: z.optional(TimeoutSchema),
  maxRetries: z.optional(MaxRetriesSchema),
  fetch: z.optional(z.custom<typeof fetch>((value) => typeof value === 'function', 'expected a fetch function')),
  logger: z.optional(
    z.custom<Logger>((value) => typeof value === 'object' && value !== null, 'expected a logger object'),
  ),
  logLevel: z.optional(z.enum(['debug', 'info', 'warn', 'error', 'off'])),
  defaultHeaders: z.optional(HeadersSchema),
});

/** Checks {@link RequestOptions} of each call; unknown keys (typos) are refused. */
export const RequestOptionsSchema = z.strictObject({
  // Duck-typed: a signal from another realm (an iframe, a polyfill) fails `instanceof`.
  signal: z.optional(
    z.custom<AbortSignal>(
      (value) =>
        typeof (value as AbortSignal)?.aborted === 'boolean' &&
        typeof (value as AbortSignal).addEventListener === 'function',
      'expected an AbortSignal',
    ),
  ),
  timeout: z.optional(TimeoutSchema),
  maxRetries: z.optional(MaxRetriesSchema),
  headers: z.optional(HeadersSchema),
  projectId: z.optional(z.string().check(z.minLength(1))),
});

/** Checks {@link RunOptions} before any request is sent; unknown keys (typos) are refused. */
export const RunOptionsSchema = z.strictObject({
  ...RequestOptionsSchema.shape,
  /** Called with the first job state seen, then on every status or progress change. */
  onProgress: z.optional(
    z.custom<(job: Job, wait: WaitProgress) => void>(
      (value) => typeof value === 'function',
      'expected a function (job, wait) => void',
    ),
  ),
  // A poll interval is a delay with the same bounds as a timeout; Infinity is refused.
  pollInterval: z.optional(TimeoutSchema),
  // zod's number refuses Infinity, which is a valid wait ("for ever").
  waitTimeout: z.optional(
    z.custom<number>(
      (value) => typeof value === 'number' && value > 0,
      'expected a positive number of ms, or Infinity',
    ),
  ),
  cancelOnAbort: z.optional(z.boolean()),
});

declare const checked: unique symbol;

/**
 * {@link RequestOptions} as checked at the public edge, where the caller hands them over. The
 * SDK's inner code takes only these, so options are checked once, and a call cannot forward
 * options it did not check.
 */
export type CallOptions = RequestOptions & { readonly [checked]: true };

/** The part of {@link RunOptions} that governs waiting, not the HTTP requests on the way. */
export type WaitOptions = Pick<RunOptions, 'signal' | 'onProgress' | 'pollInterval' | 'waitTimeout' | 'cancelOnAbort'>;

/** {@link RunOptions} checked and split: `call` applies to every request, `wait` to the wait. */
export interface CheckedRunOptions {
  call: CallOptions;
  wait: WaitOptions;
}

/** Checks a method's {@link RequestOptions} once; absent options are an empty set. */
export function checkRequestOptions(options: RequestOptions | undefined): CallOptions {
  return parseInput(RequestOptionsSchema, options === undefined ? {} : options, 'request options') as CallOptions;
}

/** The options with a signal of the SDK's own (which needs no check), for the requests of one step. */
export function withSignal(options: CallOptions | undefined, signal: AbortSignal): CallOptions {
  return { ...options, signal } as CallOptions;
}

/** Checks a method's {@link RunOptions} once (`what` names them in errors) and splits them. */
export function checkRunOptions(options: RunOptions | undefined, what: string): CheckedRunOptions {
  return splitRunOptions(parseInput(RunOptionsSchema, options === undefined ? {} : options, what));
}

/** Splits run options, already checked (by {@link RunOptionsSchema} or an extension of it). */
export function splitRunOptions(options: RunOptions): CheckedRunOptions {
  const { onProgress, pollInterval, waitTimeout, cancelOnAbort, ...call } = options;
  return {
    call: call as CallOptions,
    wait: { signal: call.signal, onProgress, pollInterval, waitTimeout, cancelOnAbort },
  };
}
