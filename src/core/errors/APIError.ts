import { ScenarioError } from './ScenarioError.js';

/** Everything the server told us about a failed call. */
export interface APIErrorInit {
  /** The HTTP status. */
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
  /** What to do next, when it differs from the status class's own advice. */
  advice?: string | undefined;
}

/** The API answered with a non-2xx status. Subclasses name the common statuses. */
export class APIError extends ScenarioError {
  /**
   * What to do next, appended to the message; subclasses set their own. A getter, not a static
   * field: the CJS build's transform wraps classes with initialised fields in anonymous class
   * expressions, which renamed the errors (`NotFoundError.name === '_class3'`).
   */
  static get advice(): string {
    return '';
  }

  /** The HTTP status. */
  readonly status: number;
  /** The server's message (`reason`, `message`, `error` or `detail`), or a summary of a non-JSON body. */
  readonly reason: string;
  /** The server's `trace_id`, to quote to Scenario support. */
  readonly traceId: string | undefined;
  /** The body's `details` (e.g. `{ actionName, actionLimit }` on a parallel-job 429). */
  readonly details: unknown;
  /** The parsed body (JSON), or its text. */
  readonly body: unknown;
  /** The response headers, lower-cased. */
  readonly headers: Record<string, string>;

  constructor(init: APIErrorInit, advice: string = init.advice ?? (new.target as typeof APIError).advice) {
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
