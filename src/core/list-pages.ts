import type * as z from 'zod/mini';
import { type CallOptions, checkRequestOptions, type RequestOptions } from './options.js';
import { PagePromise } from './pagination.js';
import type { QueryValue, Transport } from './transport.js';
import { parseInput } from './validate.js';

/** A paginated `GET` list endpoint, as a resource's `list()` describes it. */
export interface ListRequest<T> {
  /** Names the query in errors: `jobs.list query`. */
  what: string;
  path: string;
  /** The caller's filters, checked with the shape's `querySchema` before the first request. */
  query: unknown;
  options?: RequestOptions | undefined;
  /** The list's schemas, loaded with its first page (see {@link listShape}). */
  shape: () => Promise<ListShape<T>>;
}

/** What a list's query and pages look like: built with {@link listShape}. */
export interface ListShape<T> {
  querySchema: z.core.$ZodType;
  /** Schema of one page's body. */
  schema: z.core.$ZodType<{ nextPaginationToken?: string | null | undefined }>;
  /** The page's items, out of its envelope (`body.jobs`). */
  items: (body: unknown) => T[];
}

/** A list's shape, `items` typed by the page's schema. */
export function listShape<S extends z.core.$ZodType<{ nextPaginationToken?: string | null | undefined }>, T>(
  querySchema: z.core.$ZodType,
  schema: S,
  items: (body: z.core.output<S>) => T[],
): ListShape<T> {
  return { querySchema, schema, items: items as (body: unknown) => T[] };
}

/**
 * Lists a paginated endpoint: checks the query and options once (bad ones reject the list before
 * any request), then fetches pages on demand with `paginationToken`, reading
 * `nextPaginationToken` from each answer.
 */
export function listPages<T>(transport: Transport, request: ListRequest<T>): PagePromise<T> {
  let checked: { shape: ListShape<T>; query: Record<string, QueryValue>; options: CallOptions } | undefined;
  return new PagePromise(
    async (paginationToken) => {
      // Checked inside the first fetch, so that bad input rejects the list as any other failure does.
      if (checked === undefined) {
        const options = checkRequestOptions(request.options);
        const shape = await request.shape();
        const query = parseInput(shape.querySchema, request.query, request.what) as Record<string, QueryValue>;
        checked = { shape, query, options };
      }
      const { shape, query, options } = checked;
      const body = await transport.request({
        method: 'GET',
        path: request.path,
        // The first page starts where the caller's own `paginationToken` (if any) points.
        query: { ...query, paginationToken: paginationToken ?? query.paginationToken },
        schema: shape.schema,
        options,
      });
      return { items: shape.items(body), nextPaginationToken: body.nextPaginationToken };
    },
    undefined,
    `GET ${request.path}`,
  );
}
