import type { Context } from 'hono';
import type { AppEnv } from './context.js';
import { badRequest } from './errors.js';
import { contractOf } from './request.js';

/**
 * One page of `all` (in the order given), with `nextPaginationToken` when more follow. Page
 * sizes (default, range) are the route's `pageSize` in the swagger. Like the real API's
 * client-side filtered listings, the page is cut before `keep` filters it, so a filtered page may
 * be short or even empty while a token is still returned: clients must keep paging until the
 * token is gone.
 */
export function paginate<T>(
  c: Context<AppEnv>,
  all: readonly T[],
  keep: (item: T) => boolean = () => true,
): { items: T[]; nextPaginationToken?: string } {
  const pageSize = readPageSize(c);
  const offset = readToken(c.req.query('paginationToken'));
  const end = offset + pageSize;
  const items = all.slice(offset, end).filter(keep);
  return end < all.length ? { items, nextPaginationToken: btoa(JSON.stringify({ offset: end })) } : { items };
}

function readPageSize(c: Context<AppEnv>): number {
  const { min = 1, max = Number.POSITIVE_INFINITY, default: fallback } = contractOf(c).query.pageSize ?? {};
  const value = c.req.query('pageSize');
  if (value === undefined) return Number(fallback ?? max);
  const size = Number(value);
  if (!Number.isInteger(size) || size < min || size > max) {
    throw badRequest(`pageSize must be an integer between ${min} and ${max}`);
  }
  return size;
}

function readToken(token: string | undefined): number {
  if (!token) return 0;
  try {
    const { offset } = JSON.parse(atob(token)) as { offset: unknown };
    if (typeof offset === 'number' && Number.isInteger(offset) && offset >= 0) return offset;
  } catch {
    // Falls through to the 400 below.
  }
  throw badRequest('Invalid paginationToken');
}

/** `{ nextPaginationToken }` when the page has one, to spread into a list answer. */
export const nextToken = (page: { nextPaginationToken?: string }) =>
  page.nextPaginationToken ? { nextPaginationToken: page.nextPaginationToken } : {};
