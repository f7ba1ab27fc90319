import { ResponseValidationError, ScenarioError } from './errors.js';
import type { CallOptions } from './options.js';

/** One page as fetched: its items and the token of the next page, if any. */
export interface PageData<T> {
  /** The items of this page, in the server's order. */
  items: T[];
  /** Token of the next page; absent on the last page. */
  nextPaginationToken?: string | null | undefined;
}

/** Fetches the page that starts at `paginationToken` (the first page when undefined). */
export type PageFetcher<T> = (paginationToken: string | undefined, options?: CallOptions) => Promise<PageData<T>>;

/** One list being walked: what every page of it shares. */
interface ListWalk<T> {
  fetchPage: PageFetcher<T>;
  options: CallOptions | undefined;
  /** Names the list in errors: `GET /assets`. */
  endpoint: string;
  /**
   * Each token handed out so far, and the token of the page that first handed it out (undefined:
   * the first page). Another page handing out the same token sends the walk round in circles.
   */
  handedOutBy: Map<string, string | undefined>;
}

/**
 * A page of a list. `for await (const item of page)` walks this page and every later one,
 * through empty pages too, for as long as the server hands out a token. A server that hands out
 * the token of an earlier page again is refused with a `ResponseValidationError` instead of
 * being followed round in circles.
 */
export class Page<T> implements AsyncIterable<T> {
  /** The items of this page only. */
  readonly items: T[];
  /** Token of the next page; `undefined` on the last page. */
  readonly nextPaginationToken: string | undefined;
  readonly #walk: ListWalk<T>;
  /** The token this page was fetched with (undefined: the first page). */
  readonly #token: string | undefined;

  /** @internal Pages come from `list()`. */
  constructor(data: PageData<T>, walk: ListWalk<T>, token: string | undefined) {
    this.items = data.items;
    this.nextPaginationToken = data.nextPaginationToken || undefined;
    this.#walk = walk;
    this.#token = token;
    const next = this.nextPaginationToken;
    if (next !== undefined && !walk.handedOutBy.has(next)) walk.handedOutBy.set(next, token);
  }

  /** Whether a later page exists. */
  hasNextPage(): boolean {
    return this.nextPaginationToken !== undefined;
  }

  /**
   * The following page; throws when there is none (check {@link hasNextPage} first), and when the
   * server handed out this token already on an earlier page (the list would never end).
   */
  async getNextPage(): Promise<Page<T>> {
    const next = this.nextPaginationToken;
    if (next === undefined) throw new ScenarioError('No next page: check hasNextPage() first.');
    const walk = this.#walk;
    if (walk.handedOutBy.get(next) !== this.#token) throw repeatedTokenError(walk.endpoint, next);
    return new Page(await walk.fetchPage(next, walk.options), walk, next);
  }

  /** Walks the items of this page, then of every later page. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let page: Page<T> = this;
    for (;;) {
      yield* page.items;
      if (!page.hasNextPage()) return;
      page = await page.getNextPage();
    }
  }
}

function repeatedTokenError(endpoint: string, token: string): ResponseValidationError {
  const shown = JSON.stringify(token.length > 40 ? `${token.slice(0, 40)}…` : token);
  const message = `${shown} was already handed out by an earlier page: following it would loop for ever, so the list stops here`;
  return new ResponseValidationError(endpoint, [{ path: 'nextPaginationToken', message }], {
    nextPaginationToken: token,
  });
}

/**
 * What `list()` returns: a `Promise` of the first {@link Page} (so `await`, `.then`, `.catch`
 * and `.finally` work), which `for await` also walks directly, item by item across every page.
 */
export class PagePromise<T> extends Promise<Page<T>> implements AsyncIterable<T> {
  /** `then`, `catch` and `finally` return plain promises: a `PagePromise` is built from a fetcher, not an executor. */
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  /** @internal Returned by `list()`; `endpoint` names the list in errors. */
  constructor(fetchPage: PageFetcher<T>, options?: CallOptions, endpoint = 'a list endpoint') {
    const walk: ListWalk<T> = { fetchPage, options, endpoint, handedOutBy: new Map() };
    super((resolve, reject) => {
      fetchPage(undefined, options).then((data) => resolve(new Page(data, walk, undefined)), reject);
    });
    // Errors surface when awaited or iterated, not as an unhandled rejection in between.
    this.catch(() => {});
  }

  /** Walks every item of every page, fetching pages as needed. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this;
  }
}
