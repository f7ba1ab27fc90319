import type { Store } from './store.js';

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
export const forbidden = (reason: string) => new EmulatorHttpError(403, reason);

/** A JSON response with any status, including the non-standard 269 Hono's types do not list. */
export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
  });
}

/** `{ reason, trace_id, ...extra }`, the real API's error shape, with a trace id from the seeded stream. */
export function errorResponse(store: Store, error: EmulatorHttpError): Response {
  const body = { reason: error.reason, trace_id: store.rng.traces.hex(32), ...error.extra };
  return jsonResponse(body, error.status, error.headers);
}

/** The record `id` of `records` if `ownerId` owns it; otherwise 404 `<label> <id> not found`, as for a missing one. */
export function findOwned<T extends { ownerId: string }>(
  records: ReadonlyMap<string, T>,
  id: string,
  ownerId: string,
  label: string,
): T {
  const record = records.get(id);
  if (!record || record.ownerId !== ownerId) throw notFound(`${label} ${id} not found`);
  return record;
}
