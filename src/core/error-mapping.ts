import type { HTTPError } from 'ky';
import { abortError } from './abort.js';
import { APIConnectionError, APIError, type APIErrorInit, APITimeoutError } from './errors.js';
import { redactValue, withoutSignatures } from './redact.js';
import { BILLED_ADVICE, markNeverSent, planCeilingAdvice, serverRetryDelayMs } from './retry.js';

/** Where a failed answer came from, and how to keep secrets out of the error. */
export interface FailedResponseContext {
  method: string;
  /** Path (or origin and path) without query string. */
  path: string;
  /** A server may echo credentials in its body or headers. */
  redact: (text: string) => string;
  /** Replaces the status class's advice (signed URLs fail for their own reasons). */
  advice?: string | undefined;
  /** A call that creates billed work: a 5xx says the work may exist. */
  billed?: boolean | undefined;
}

/**
 * A non-2xx answer as ky reports it (`throwHttpErrors`), as the matching `APIError` subclass.
 * A redirect is reported, not followed (API calls send `redirect: 'manual'`).
 */
export function errorFromHTTPError(error: HTTPError, context: FailedResponseContext): APIError {
  const { status } = error.response;
  // Status 0: a browser's `opaqueredirect` answer to a `manual` redirect.
  if (status === 0 || (status >= 300 && status < 400)) return redirectError(error.response, context);
  return errorFromResponse(error.response, error.data, context);
}

/**
 * Turns a non-2xx answer into the matching `APIError` subclass. `data` is its body as ky read
 * it: parsed JSON for a JSON content type, else text (JSON or not), `undefined` when empty.
 */
export function errorFromResponse(response: Response, data: unknown, context: FailedResponseContext): APIError {
  const decoded = typeof data === 'string' ? parseJsonOrText(data) : data;
  // Redacted once decoded too: JSON escapes (`\/`, `\u0041`) can hide a secret from the raw text.
  const body = redactValue(decoded, context.redact);
  const text = typeof body === 'string' ? body : body === undefined ? '' : JSON.stringify(body);
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const reason = messageOf(fields) ?? summarizeText(text, response);
  const init: APIErrorInit = {
    status: response.status,
    reason,
    traceId: firstString(fields.trace_id, fields.traceId, response.headers.get('x-trace-id')),
    details: fields.details,
    body,
    headers: redactedHeaders(response, context.redact),
    method: context.method,
    path: context.path,
    advice: adviceFor(response.status, reason, fields.details, context),
  };
  const retryAfterMs = response.status === 429 ? serverRetryDelayMs(response.headers, body) : undefined;
  return APIError.generate(init, retryAfterMs);
}

/**
 * Advice that depends on more than the status class: a billed 5xx may have done the work, a 429
 * may name a plan ceiling that no retry gets past, and an answer for an unknown route (a 404 that names no resource, or the gateway's 403) most
 * likely means the base URL misses its `/v1`.
 */
function adviceFor(
  status: number,
  reason: string,
  details: unknown,
  context: FailedResponseContext,
): string | undefined {
  if (context.advice) return context.advice;
  if (status === 429) return planCeilingAdvice(details);
  if (status >= 500 && context.billed) return BILLED_ADVICE;
  if ((status === 404 && looksLikeUnknownRoute(reason)) || (status === 403 && reason === gatewayUnknownRoute)) {
    return UNKNOWN_ROUTE_ADVICE;
  }
  return undefined;
}

const UNKNOWN_ROUTE_ADVICE =
  'The API has no such route: check baseUrl, which should end in /v1 (https://api.cloud.scenario.com/v1)';

/** What an AWS API Gateway answers (403) for a path it has no route for. */
const gatewayUnknownRoute = 'Missing Authentication Token';

/**
 * A missing resource is named in its 404 (`Job job_x not found`); a missing route is not: the
 * emulator says `No route for GET /jobs/x`, gateways and frameworks `Not Found`,
 * `Cannot GET /x`, `Route not found`, or nothing at all.
 */
function looksLikeUnknownRoute(reason: string): boolean {
  return /^(not found|no route\b.*|route not found|cannot (get|post|put|delete) .*|\d{3} not found)$/i.test(
    reason.trim(),
  );
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function messageOf(fields: Record<string, unknown>): string | undefined {
  const error = fields.error;
  const nested = typeof error === 'object' && error !== null ? (error as Record<string, unknown>).message : undefined;
  return firstString(fields.reason, fields.message, error, nested, fields.detail);
}

function firstString(...values: unknown[]): string | undefined {
  return values.find((value): value is string => typeof value === 'string' && value.trim() !== '');
}

/** A gateway's HTML page becomes its title (or its first words), not a wall of markup. */
function summarizeText(text: string, response: Response): string {
  const title = /<title[^>]*>([^<]*)<\/title>/i.exec(text)?.[1];
  const words = (title ?? text.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim().slice(0, 200);
  return words || response.statusText || 'no error message in the response';
}

/**
 * API calls do not follow redirects: a redirect could carry the credentials, headers and body
 * to another host. The real API does not redirect, so one is reported, not obeyed.
 */
function redirectError(response: Response, context: Omit<FailedResponseContext, 'advice'>): APIError {
  const location = response.headers.get('location');
  const target = location ? ` to ${URL.parse(location, response.url)?.origin ?? 'an unreadable location'}` : '';
  return new APIError({
    status: response.status,
    reason: `the API answered with a redirect${target}, which the SDK does not follow so that credentials stay with the API's host`,
    body: undefined,
    headers: redactedHeaders(response, context.redact),
    method: context.method,
    path: context.path,
    advice: 'Check baseUrl',
  });
}

/** The response headers, lower-cased, with any echoed credential redacted. */
function redactedHeaders(response: Response, redact: (text: string) => string): Record<string, string> {
  return Object.fromEntries([...response.headers].map(([name, value]) => [name, redact(value)]));
}

/** Error codes that mean the connection was never made, so the server cannot have seen the request. */
const notConnectedCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ConnectionRefused',
]);

export interface FailedAttempt {
  /** What was being done, e.g. `POST /generate/img2img`. */
  endpoint: string;
  timeoutMs: number;
  userSignal: AbortSignal | undefined;
  timeoutSignal: AbortSignal;
  /** Removes secrets from the text of the underlying error. */
  redact: (text: string) => string;
  /** A call that creates billed work: an error after sending says the work may exist. */
  billed: boolean;
}

/**
 * Classifies a failure with no HTTP answer: the caller's abort, our timeout, a request the
 * runtime refused to send, or a connection error (before or after sending).
 */
export function connectionError(error: unknown, attempt: FailedAttempt): Error {
  if (attempt.userSignal?.aborted) return abortError(attempt.userSignal);
  const cause = safeCopy(rootCause(error), attempt.redact);
  const advice = attempt.billed ? ` ${BILLED_ADVICE}.` : '';
  if (attempt.timeoutSignal.aborted) {
    return new APITimeoutError(`${attempt.endpoint} timed out after ${attempt.timeoutMs} ms.${advice}`, { cause });
  }
  if (refusedBeforeSending(cause)) return refusedError(attempt.endpoint, cause, attempt.redact);
  const message = `${attempt.endpoint} failed without a complete answer: ${cause.message}`;
  if (notConnectedCodes.has(codeOf(cause))) return markNeverSent(new APIConnectionError(message, { cause }));
  return new APIConnectionError(advice ? `${message}.${advice}` : message, { cause });
}

/** A request the runtime would not send: never sent, and no retry would send it. */
export function refusedError(endpoint: string, error: unknown, redact: (text: string) => string): APIConnectionError {
  const cause = safeCopy(rootCause(error), redact);
  return markNeverSent(new APIConnectionError(`${endpoint} was not sent: ${cause.message}`, { cause }), 'refused');
}

/**
 * Refusals by the runtime before any connection: undici's `bad port` (a port fetch blocks),
 * a URL that does not parse (Node's `ERR_INVALID_URL`, browsers' "Failed to parse URL").
 */
function refusedBeforeSending(cause: Error): boolean {
  return (
    cause.message === 'bad port' || codeOf(cause) === 'ERR_INVALID_URL' || /failed to parse url/i.test(cause.message)
  );
}

function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  return current;
}

/**
 * The cause as a plain error with only its name, code, message and stack, redacted (secrets and
 * URL signatures): the original may hold the request and its headers (a fetch wrapper's or proxy's error).
 */
function safeCopy(cause: unknown, redactSecrets: (text: string) => string): Error {
  const redact = (text: string) => withoutSignatures(redactSecrets(text));
  const source = cause instanceof Error ? cause : new Error(describeNonError(cause));
  const copy = new Error(redact(source.message));
  copy.name = source.name;
  copy.stack = source.stack === undefined ? undefined : redact(source.stack);
  const code = codeOf(source);
  return code ? Object.assign(copy, { code }) : copy;
}

/** Some fetch wrappers reject with a non-Error (msw's network error is a `Response` of type `error`). */
function describeNonError(value: unknown): string {
  if (typeof Response !== 'undefined' && value instanceof Response) return 'network error (no response)';
  return typeof value === 'string' ? value : `non-Error rejection: ${Object.prototype.toString.call(value)}`;
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : '';
}
