import type { OwnedKind, ProxyStore } from './store.js';

/** Upstream pages read at most for one page of a user's listing. */
const MAX_PAGES_PER_LISTING = 5;

/** What a listing route's pages hold, and how an item is named. */
const LISTINGS = {
  assets: { kind: 'asset', idOf: (item: Record<string, unknown>) => item.id },
  jobs: { kind: 'job', idOf: (item: Record<string, unknown>) => item.jobId },
} as const satisfies Record<string, { kind: OwnedKind; idOf: (item: Record<string, unknown>) => unknown }>;

/** One page as the API answers a listing: the items under their key, and the token of the next page. */
type Page = Record<string, unknown> & { nextPaginationToken?: unknown };

/**
 * One page of a listing of assets or jobs, holding only the user's own. Scenario lists the whole
 * project, so pages are read from the upstream one after another (from the caller's
 * `paginationToken`) until one holds some of the user's items, none is left, or
 * {@link MAX_PAGES_PER_LISTING} were read; the answer carries the upstream token after the last
 * page read. A page may therefore be short or empty with a token still present, as Scenario's own
 * filtered listings are (the SDK's iterators keep paging). Cost: up to that many upstream calls
 * per page, more where the user owns a small part of the project.
 */
export async function ownedPage(
  list: keyof typeof LISTINGS,
  userId: string,
  store: ProxyStore,
  query: Record<string, unknown>,
  fetchPage: (query: Record<string, unknown>) => Promise<unknown>,
): Promise<Page> {
  const { kind, idOf } = LISTINGS[list];
  let token = query.paginationToken;
  for (let pages = 1; ; pages++) {
    const page = ((await fetchPage({ ...query, paginationToken: token })) ?? {}) as Page;
    const items = (Array.isArray(page[list]) ? page[list] : []) as Record<string, unknown>[];
    const ids = items.map(idOf).filter((id): id is string => typeof id === 'string');
    const mine = await store.owned(userId, kind, ids);
    const kept = items.filter((item) => mine.has(idOf(item) as string));
    token =
      typeof page.nextPaginationToken === 'string' && page.nextPaginationToken !== ''
        ? page.nextPaginationToken
        : undefined;
    if (kept.length > 0 || token === undefined || pages >= MAX_PAGES_PER_LISTING) {
      return { ...page, [list]: kept, nextPaginationToken: token };
    }
  }
}

/** A page of models, holding only those of the allow-list (all of them without one). */
export function allowedModels(page: unknown, models: ReadonlySet<string> | undefined): unknown {
  if (!models) return page;
  const { models: items, ...rest } = (page ?? {}) as { models?: unknown };
  const kept = Array.isArray(items) ? items.filter((model: { id?: unknown }) => models.has(model?.id as string)) : [];
  return { ...rest, models: kept };
}
