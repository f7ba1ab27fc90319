import { InvalidRequestError } from './errors.js';

/**
 * Builds an API path with every interpolated id percent-encoded, so an id can never change
 * the route (`../`, `?`, `#` are encoded or refused).
 *
 * @example path`/jobs/${jobId}/action`
 */
export function path(strings: TemplateStringsArray, ...ids: string[]): string {
  return strings.reduce((result, part, index) => result + part + (index < ids.length ? encodeId(ids[index]) : ''), '');
}

/** Throws `InvalidRequestError` unless `id` can name a resource in a path. */
export function assertId(id: unknown): asserts id is string {
  if (typeof id !== 'string' || id.trim() === '' || id === '.' || id === '..') {
    throw new InvalidRequestError('id', [
      { path: '', message: `expected a non-empty id string, received ${JSON.stringify(id)}` },
    ]);
  }
}

function encodeId(id: unknown): string {
  assertId(id);
  return encodeURIComponent(id);
}
