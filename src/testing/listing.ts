import type { Context } from 'hono';
import { badRequest } from './errors.js';
import { queryList } from './request.js';

/** When a listed item was created and last updated (clock ms). */
interface Dated {
  createdAt: number;
  updatedAt: number;
}

const BOUNDS = [
  ['createdAfter', 'createdAt', 1],
  ['createdBefore', 'createdAt', -1],
  ['updatedAfter', 'updatedAt', 1],
  ['updatedBefore', 'updatedAt', -1],
] as const;

/**
 * `items` (oldest first) ordered by `sortBy` (`createdAt` default, or `updatedAt`) in
 * `sortDirection` (`desc` default, or `asc`), within the exclusive `createdAfter`/`createdBefore`
 * or `updatedAfter`/`updatedBefore` bounds. A bound on the other date than the sort's is a 400,
 * as the swagger says a bound needs `sortBy` on its date.
 */
export function sortedInRange<T>(c: Context, items: readonly T[], dates: (item: T) => Dated): T[] {
  const sortBy = oneOf(c, 'sortBy', ['createdAt', 'updatedAt']);
  const direction = oneOf(c, 'sortDirection', ['desc', 'asc']);
  let kept = [...items];
  for (const [name, field, side] of BOUNDS) {
    const value = c.req.query(name);
    if (value === undefined) continue;
    if (field !== sortBy) throw badRequest(`${name} needs sortBy=${field}`);
    const bound = Date.parse(value);
    if (Number.isNaN(bound)) throw badRequest(`${name} must be an ISO date, got "${value}"`);
    kept = kept.filter((item) => Math.sign(dates(item)[field] - bound) === side);
  }
  const sign = direction === 'asc' ? 1 : -1;
  // Same dates keep creation order, newest first when descending (the sort is stable).
  return (direction === 'asc' ? kept : kept.reverse()).sort((a, b) => sign * (dates(a)[sortBy] - dates(b)[sortBy]));
}

/** The query parameter's value among `allowed` (the first is the default); anything else is a 400. */
function oneOf<T extends string>(c: Context, name: string, allowed: readonly [T, ...T[]]): T {
  const value = c.req.query(name) ?? allowed[0];
  if (!(allowed as readonly string[]).includes(value)) {
    throw badRequest(`${name} must be one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}

/**
 * The `type` or `types` filter (`types` comma-separated or repeated; not both). A value ending in
 * `-` is a prefix: `inference-` matches every inference type. No filter matches everything.
 */
export function typeFilter(c: Context): (type: string) => boolean {
  const single = queryList(c, 'type');
  const several = queryList(c, 'types');
  if (single.length > 0 && several.length > 0) throw badRequest('type and types cannot be used together');
  const wanted = [...single, ...several].filter(Boolean);
  if (wanted.length === 0) return () => true;
  return (type) => wanted.some((value) => (value.endsWith('-') ? type.startsWith(value) : type === value));
}
