import type * as z from 'zod/mini';
import { type CallOptions, checkRequestOptions, type RequestOptions } from './options.js';
import { PagePromise } from './pagination.js';
import type { QueryValue, Transport } from './transport.js';
import { parseInput } from './validate.js';

/** A paginated `GET` list endpoint, as a resource's `list()` describes it. */
export interface ListRequest<Q extends z.core.$ZodType, S extends z.core.$ZodType, T> {
  /** Names the query in errors: `jobs.list query`. */
  what: string;
  path: string;
  /** The caller's filters, checked with `querySchema` before the first request. */
  query: z.core.input<Q>;
  querySchema: Q;
  /** Schema of one page's body. */
  schema: S;
  /** The page's items, out of its envelope (`body.jobs`). */
  items: (body: z.core.output<S>) => T[];
  options?: RequestOptions | undefined;
}

/**
 * Lists a paginated endpoint: checks the query and options once (bad ones reject the list before
 * any request), then fetches pages on demand with `paginationToken`, reading
 * `nextPaginationToken` from each answer.
 */
export function listPages<
  Q extends z.core.$ZodType,
  S extends z.core.$ZodType<{ nextPaginationToken?: string | null | undefined }>,
  T,
>(transport: Transport, request: ListRequest<Q, S, T>): PagePromise<T> {
  let checked: { query: Record<string, QueryValue>; options: CallOptions } | undefined;
  return new PagePromise(
    async (paginationToken) => {
      // Checked inside the first fetch, so that bad input rejects the list as any other failure does.
      checked ??= {
        query: parseInput(request.querySchema, request.query, request.what) as Record<string, QueryValue>,
        options: checkRequestOptions(request.options),
      };
      const { query, options } = checked;
      const body = await transport.request({
        method: 'GET',
        path: request.path,
        // The first page starts where the caller's own `paginationToken` (if any) points.
        query: { ...query, paginationToken: paginationToken ?? query.paginationToken },
        schema: request.schema,
        options,
      });
      return { items: request.items(body), nextPaginationToken: body.nextPaginationToken };
    },
    undefined,
    `GET ${request.path}`,
  );
}
