import { abortError } from './abort.js';
import { APIConnectionError } from './errors/APIConnectionError.js';
import { APIError, type APIErrorInit } from './errors/APIError.js';
import { APITimeoutError } from './errors/APITimeoutError.js';
import { AuthenticationError } from './errors/AuthenticationError.js';
import { BadRequestError } from './errors/BadRequestError.js';
import { ConflictError } from './errors/ConflictError.js';
import { InternalServerError } from './errors/InternalServerError.js';
import { NotFoundError } from './errors/NotFoundError.js';
import { PermissionDeniedError } from './errors/PermissionDeniedError.js';
import { RateLimitError } from './errors/RateLimitError.js';
import { redactValue } from './redact.js';
import { markNeverSent, serverRetryDelayMs } from './retry.js';

const classByStatus: Record<number, typeof APIError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
};

/** Where a failed answer came from, and how to keep secrets out of the error. */
export interface FailedResponseContext {
  method: string;
  /** Path (or origin and path) without query string. */
  path: string;
  /** A server may echo credentials in its body or headers. */
  redact: (text: string) => string;
  /** Replaces the status class's advice (signed URLs fail for their own reasons). */
  advice?: string | undefined;
}

/** Turns a non-2xx answer (JSON or not) into the matching `APIError` subclass. */
export function errorFromResponse(response: Response, rawText: string, context: FailedResponseContext): APIError {
  const text = context.redact(rawText);
  // Again once decoded: JSON escapes (`\/`, `\u0041`) can hide a secret from the raw text's redaction.
  const body = redactValue(parseJsonOrText(text), context.redact);
  const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  const init: APIErrorInit = {
    status: response.status,
    reason: messageOf(fields) ?? summarizeText(text, response),
    traceId: firstString(fields.trace_id, fields.traceId, response.headers.get('x-trace-id')),
    details: fields.details,
    body,
    headers: redactedHeaders(response, context.redact),
    method: context.method,
    path: context.path,
    advice: context.advice,
  };
  if (response.status === 429) return new RateLimitError(init, serverRetryDelayMs(response.headers, body));
  if (response.status >= 500) return new InternalServerError(init);
  const ErrorClass = classByStatus[response.status] ?? APIError;
  return new ErrorClass(init);
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
export function redirectError(response: Response, context: Omit<FailedResponseContext, 'advice'>): APIError {
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
}

/** Classifies a failure with no HTTP answer: the caller's abort, our timeout, or a connection error. */
export function connectionError(error: unknown, attempt: FailedAttempt): Error {
  if (attempt.userSignal?.aborted) return abortError(attempt.userSignal);
  const cause = safeCopy(rootCause(error), attempt.redact);
  if (attempt.timeoutSignal.aborted) {
    return new APITimeoutError(`${attempt.endpoint} timed out after ${attempt.timeoutMs} ms.`, { cause });
  }
  const failure = new APIConnectionError(`${attempt.endpoint} failed without a complete answer: ${cause.message}`, {
    cause,
  });
  return notConnectedCodes.has(codeOf(cause)) ? markNeverSent(failure) : failure;
}

function rootCause(error: unknown): unknown {
  let current = error;
  while (current instanceof Error && current.cause !== undefined) current = current.cause;
  return current;
}

/**
 * The cause as a plain error with only its name, code, message and stack, redacted: the
 * original may hold the request and its headers (a fetch wrapper's or proxy's error).
 */
function safeCopy(cause: unknown, redact: (text: string) => string): Error {
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
