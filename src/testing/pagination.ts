import type { Context } from 'hono';
import { badRequest } from './errors.js';

/** Per-endpoint page sizes. */
export interface PageLimits {
  defaultSize: number;
  maxSize: number;
}

/**
 * One page of `all` (newest first), with `nextPaginationToken` when more follow. Like the real
 * API's client-side filtered listings, the page is cut before `keep` filters it, so a filtered
 * page may be short or even empty while a token is still returned: clients must keep paging
 * until the token is gone.
 */
export function paginate<T>(
  c: Context,
  all: readonly T[],
  limits: PageLimits,
  keep: (item: T) => boolean = () => true,
): { items: T[]; nextPaginationToken?: string } {
  const pageSize = readPageSize(c.req.query('pageSize'), limits);
  const offset = readToken(c.req.query('paginationToken'));
  const end = offset + pageSize;
  const items = all.slice(offset, end).filter(keep);
  return end < all.length ? { items, nextPaginationToken: btoa(JSON.stringify({ offset: end })) } : { items };
}

function readPageSize(value: string | undefined, { defaultSize, maxSize }: PageLimits): number {
  if (value === undefined) return defaultSize;
  const size = Number(value);
  if (!Number.isInteger(size) || size < 1 || size > maxSize) {
    throw badRequest(`pageSize must be an integer between 1 and ${maxSize}`);
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
