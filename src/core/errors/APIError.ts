import { ScenarioError } from './ScenarioError.js';

/** Everything the server told us about a failed call. */
export interface APIErrorInit {
  status: number;
  /** Message from the body's `reason | message | error | detail`, or a summary of a non-JSON body. */
  reason: string;
  traceId?: string | undefined;
  details?: unknown;
  body: unknown;
  headers: Record<string, string>;
  method: string;
  /** Path without query string, so no secret or token ever reaches a message. */
  path: string;
}

/** The API answered with a non-2xx status. Subclasses name the common statuses. */
export class APIError extends ScenarioError {
  /** What to do next, appended to the message; subclasses set their own. */
  static readonly advice: string = '';

  readonly status: number;
  readonly reason: string;
  readonly traceId: string | undefined;
  readonly details: unknown;
  readonly body: unknown;
  readonly headers: Record<string, string>;

  constructor(init: APIErrorInit, advice: string = (new.target as typeof APIError).advice) {
    const trace = init.traceId ? ` (trace ${init.traceId})` : '';
    super(
      `${init.method} ${init.path} failed with ${init.status}: ${init.reason}${trace}${advice ? `. ${advice}` : ''}`,
    );
    this.status = init.status;
    this.reason = init.reason;
    this.traceId = init.traceId;
    this.details = init.details;
    this.body = init.body;
    this.headers = init.headers;
  }
}
