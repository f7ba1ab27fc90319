import { APIConnectionError, APIError, APITimeoutError, isScenarioError } from '../index.js';

/** A request the proxy turns down itself, answered as Scenario answers errors: a status and a `reason`. */
export class Refusal extends Error {
  readonly status: number;
  readonly details: Record<string, unknown> | undefined;
  readonly headers: Record<string, string>;

  constructor(status: number, reason: string, details?: Record<string, unknown>, headers: Record<string, string> = {}) {
    super(reason);
    this.name = 'Refusal';
    this.status = status;
    this.details = details;
    this.headers = headers;
  }
}

/** A JSON answer that no cache keeps: every answer is one user's. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers },
  });
}

/** Strips the query of every URL in a text: a signed URL's query is its credential. */
export function withoutSignatures(text: string): string {
  return text.replace(/(https?:\/\/[^\s?#"']+)\?[^\s#"']*/g, '$1');
}

/** A JSON-like value with {@link withoutSignatures} applied to every string in it, keys included. */
function unsigned(value: unknown): unknown {
  if (typeof value === 'string') return withoutSignatures(value);
  if (Array.isArray(value)) return value.map(unsigned);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [withoutSignatures(key), unsigned(item)]));
  }
  return value;
}

/**
 * The answer to a failed request. The proxy's own refusals and Scenario's errors keep their
 * status and `reason` (with `details` and `trace_id`, and `retry-after` on a 429); an unreachable
 * or silent Scenario is a 502 or 504; anything else a 500 whose cause goes to `log` only. No
 * answer quotes a credential or a signed URL's query.
 */
export function errorAnswer(error: unknown, log: (message: string) => void): Response {
  if (error instanceof Refusal)
    return json(error.status, { reason: error.message, details: error.details }, error.headers);
  if (error instanceof APIError) {
    const retryAfter = error.headers['retry-after'];
    const body = { reason: error.reason, details: error.details, trace_id: error.traceId };
    return json(error.status, unsigned(body), retryAfter ? { 'retry-after': retryAfter } : {});
  }
  if (error instanceof APITimeoutError) return json(504, { reason: 'Scenario did not answer in time' });
  if (error instanceof APIConnectionError) return json(502, { reason: 'Scenario could not be reached' });
  log(withoutSignatures(error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
  const reason = isScenarioError(error) ? 'Scenario sent an answer the proxy cannot read' : 'the proxy failed';
  return json(isScenarioError(error) ? 502 : 500, { reason });
}
