/**
 * An error answer, thrown from a route and rendered by the app as the real API does:
 * JSON `{ reason, trace_id, ...extra }` with `status`.
 */
export class EmulatorHttpError extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    readonly extra: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(reason);
    this.name = 'EmulatorHttpError';
  }
}

export const badRequest = (reason: string) => new EmulatorHttpError(400, reason);
export const notFound = (reason: string) => new EmulatorHttpError(404, reason);

/** A JSON response with any status, including the non-standard 269 Hono's types do not list. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}
