import * as z from 'zod';
import type { Logger, LogLevel } from './logger.js';

/** Options of `new Scenario(options)`. Every field is optional; env variables fill the gaps. */
export interface ClientOptions {
  /** API key id (`api_…`). Default: env `SCENARIO_API_KEY`. Used with `apiSecret` for Basic auth. */
  apiKey?: string | undefined;
  /** API secret. Default: env `SCENARIO_API_SECRET`. */
  apiSecret?: string | undefined;
  /** Bearer JWT, an alternative to the key pair. Default: env `SCENARIO_API_TOKEN`. */
  token?: string | undefined;
  /** API root. Default: env `SCENARIO_BASE_URL`, else `https://api.cloud.scenario.com/v1`. `http:` only for loopback hosts. */
  baseUrl?: string | URL | undefined;
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
  /** Headers added to every API request (never to asset or upload URLs). */
  defaultHeaders?: Record<string, string> | undefined;
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

/** Per-attempt timeout in ms: positive, and within what `setTimeout` can hold. */
const TimeoutSchema = z.number().positive().max(2_147_483_647);
/** Retries after the first attempt. */
const MaxRetriesSchema = z.number().int().min(0).max(10);

/** Checks {@link ClientOptions} once, at the edge; unknown keys (typos) are refused. */
export const ClientOptionsSchema = z.strictObject({
  apiKey: z.string().optional(),
  apiSecret: z.string().optional(),
  token: z.string().optional(),
  baseUrl: z.union([z.string(), z.instanceof(URL)]).optional(),
  projectId: z.string().min(1).optional(),
  timeout: TimeoutSchema.optional(),
  maxRetries: MaxRetriesSchema.optional(),
  fetch: z.custom<typeof fetch>((value) => typeof value === 'function', 'expected a fetch function').optional(),
  logger: z
    .custom<Logger>((value) => typeof value === 'object' && value !== null, 'expected a logger object')
    .optional(),
  logLevel: z.enum(['debug', 'info', 'warn', 'error', 'off']).optional(),
  defaultHeaders: z.record(z.string(), z.string()).optional(),
});

/** Checks {@link RequestOptions} of each call. */
export const RequestOptionsSchema = z.looseObject({
  // Duck-typed: a signal from another realm (an iframe, a polyfill) fails `instanceof`.
  signal: z
    .custom<AbortSignal>(
      (value) =>
        typeof (value as AbortSignal)?.aborted === 'boolean' &&
        typeof (value as AbortSignal).addEventListener === 'function',
      'expected an AbortSignal',
    )
    .optional(),
  timeout: TimeoutSchema.optional(),
  maxRetries: MaxRetriesSchema.optional(),
  headers: z.record(z.string(), z.string()).optional(),
  projectId: z.string().min(1).optional(),
});
