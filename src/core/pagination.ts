import { ScenarioError } from './errors/ScenarioError.js';
import type { RequestOptions } from './options.js';

/** One page as fetched: its items and the token of the next page, if any. */
export interface PageData<T> {
  /** The items of this page, in the server's order. */
  items: T[];
  /** Token of the next page; absent on the last page. */
  nextPaginationToken?: string | null | undefined;
}

/** Fetches the page that starts at `paginationToken` (the first page when undefined). */
export type PageFetcher<T> = (paginationToken: string | undefined, options?: RequestOptions) => Promise<PageData<T>>;

/**
 * A page of a list. `for await (const item of page)` walks this page and every later one,
 * through empty pages too, for as long as the server hands out a token.
 */
export class Page<T> implements AsyncIterable<T> {
  /** The items of this page only. */
  readonly items: T[];
  /** Token of the next page; `undefined` on the last page. */
  readonly nextPaginationToken: string | undefined;
  readonly #fetchPage: PageFetcher<T>;
  readonly #options: RequestOptions | undefined;

  /** @internal Pages come from `list()`. */
  constructor(data: PageData<T>, fetchPage: PageFetcher<T>, options?: RequestOptions) {
    this.items = data.items;
    this.nextPaginationToken = data.nextPaginationToken || undefined;
    this.#fetchPage = fetchPage;
    this.#options = options;
  }

  /** Whether a later page exists. */
  hasNextPage(): boolean {
    return this.nextPaginationToken !== undefined;
  }

  /** The following page; throws when there is none (check {@link hasNextPage} first). */
  async getNextPage(): Promise<Page<T>> {
    if (!this.nextPaginationToken) throw new ScenarioError('No next page: check hasNextPage() first.');
    return new Page(await this.#fetchPage(this.nextPaginationToken, this.#options), this.#fetchPage, this.#options);
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

/**
 * What `list()` returns: await it for the first {@link Page}, or `for await` it directly
 * to walk every item of every page.
 */
export class PagePromise<T> implements PromiseLike<Page<T>>, AsyncIterable<T> {
  readonly #page: Promise<Page<T>>;

  /** @internal Returned by `list()`. */
  constructor(fetchPage: PageFetcher<T>, options?: RequestOptions) {
    this.#page = fetchPage(undefined, options).then((data) => new Page(data, fetchPage, options));
    // Errors surface when awaited or iterated, not as an unhandled rejection in between.
    this.#page.catch(() => {});
  }

  // biome-ignore lint/suspicious/noThenProperty: this object is deliberately awaitable.
  then<A = Page<T>, B = never>(
    onFulfilled?: ((page: Page<T>) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#page.then(onFulfilled, onRejected);
  }

  /** Walks every item of every page, fetching pages as needed. */
  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    yield* await this.#page;
  }
}
