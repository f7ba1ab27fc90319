import { describe, expect, test, vi } from 'vitest';
import { ResponseValidationError } from '../../src/core/errors.js';
import { checkRequestOptions } from '../../src/core/options.js';
import { Page, type PageData, type PageFetcher, PagePromise } from '../../src/core/pagination.js';

/** A fetcher over fixed pages keyed by the token that leads to them (`''` = first page). */
function pagesOf(pages: Record<string, PageData<number>>) {
  return vi.fn<PageFetcher<number>>(async (token) => {
    const page = pages[token ?? ''];
    if (!page) throw new Error(`unexpected token ${token}`);
    return page;
  });
}

describe('PagePromise', () => {
  test('await gives the first page', async () => {
    const fetchPage = pagesOf({ '': { items: [1, 2], nextPaginationToken: 't2' }, t2: { items: [3] } });
    const page = await new PagePromise(fetchPage);
    expect(page).toBeInstanceOf(Page);
    expect(page.items).toEqual([1, 2]);
    expect(page.nextPaginationToken).toBe('t2');
    expect(page.hasNextPage()).toBe(true);
    const next = await page.getNextPage();
    expect(next.items).toEqual([3]);
    expect(next.hasNextPage()).toBe(false);
    await expect(next.getNextPage()).rejects.toThrow(/hasNextPage/);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  test('for await walks every page, through an empty middle page that still has a token', async () => {
    const fetchPage = pagesOf({
      '': { items: [1, 2], nextPaginationToken: 't2' },
      t2: { items: [], nextPaginationToken: 't3' },
      t3: { items: [3], nextPaginationToken: '' },
    });
    const seen: number[] = [];
    for await (const item of new PagePromise(fetchPage)) seen.push(item);
    expect(seen).toEqual([1, 2, 3]);
    expect(fetchPage.mock.calls.map(([token]) => token)).toEqual([undefined, 't2', 't3']);
  });

  test.each([
    ['absent', undefined],
    ['empty', ''],
  ])('stops when the token is %s', async (_name, token) => {
    const fetchPage = pagesOf({ '': { items: [1], nextPaginationToken: token } });
    const page = await new PagePromise(fetchPage);
    expect(page.hasNextPage()).toBe(false);
    expect(page.nextPaginationToken).toBeUndefined();
    const seen: number[] = [];
    for await (const item of page) seen.push(item);
    expect(seen).toEqual([1]);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  test('iterating from a later page continues from there', async () => {
    const fetchPage = pagesOf({
      '': { items: [1], nextPaginationToken: 't2' },
      t2: { items: [2], nextPaginationToken: 't3' },
      t3: { items: [3] },
    });
    const second = await (await new PagePromise(fetchPage)).getNextPage();
    const seen: number[] = [];
    for await (const item of second) seen.push(item);
    expect(seen).toEqual([2, 3]);
  });

  test('request options reach every page fetch', async () => {
    const fetchPage = pagesOf({ '': { items: [1], nextPaginationToken: 't2' }, t2: { items: [2] } });
    const options = checkRequestOptions({ projectId: 'proj_1' });
    for await (const _item of new PagePromise(fetchPage, options)) {
      // drain
    }
    expect(fetchPage.mock.calls.map(([, passed]) => passed)).toEqual([options, options]);
  });

  test('a failed first page rejects when awaited, not as an unhandled rejection', async () => {
    const pending = new PagePromise<number>(async () => {
      throw new Error('boom');
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    await expect(pending).rejects.toThrow('boom');
  });

  test('a failure on a later page surfaces from the loop', async () => {
    const fetchPage = pagesOf({ '': { items: [1], nextPaginationToken: 'missing' } });
    const seen: number[] = [];
    await expect(async () => {
      for await (const item of new PagePromise(fetchPage)) seen.push(item);
    }).rejects.toThrow('unexpected token missing');
    expect(seen).toEqual([1]);
  });

  test('is a real Promise: .then, .catch and .finally work, and it is still for-await-able', async () => {
    const fetchPage = pagesOf({ '': { items: [1], nextPaginationToken: 't2' }, t2: { items: [2] } });
    const list = new PagePromise(fetchPage);
    expect(list).toBeInstanceOf(Promise);
    let finished = false;
    const page = await list.finally(() => {
      finished = true;
    });
    expect(finished).toBe(true);
    expect(page.items).toEqual([1]);
    expect(await list.then((first) => first.items.length)).toBe(1);
    const seen: number[] = [];
    for await (const item of list) seen.push(item);
    expect(seen).toEqual([1, 2]);

    const failing = new PagePromise<number>(async () => {
      throw new Error('boom');
    });
    expect(await failing.catch((error: Error) => error.message)).toBe('boom');
    await expect(failing).rejects.toThrow('boom');
    // then/catch/finally give plain promises: a PagePromise is built from a fetcher, not an executor.
    expect(failing.catch(() => 0).constructor).toBe(Promise);
  });

  test('stops with a ResponseValidationError when the server hands out the same token again', async () => {
    const fetchPage = vi.fn<PageFetcher<number>>(async () => ({ items: [], nextPaginationToken: 'SAME' }));
    const list = new PagePromise(fetchPage, undefined, 'GET /assets');
    const error = await list[Symbol.asyncIterator]()
      .next()
      .then(
        () => undefined,
        (reason: unknown) => reason,
      );
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toMatch(/GET \/assets.*nextPaginationToken.*"SAME".*earlier page/);
    expect(fetchPage).toHaveBeenCalledTimes(2);
  });

  test('a cycle through several pages is stopped too; fetching the same next page twice is not a cycle', async () => {
    const fetchPage = pagesOf({
      '': { items: [1], nextPaginationToken: 'a' },
      a: { items: [2], nextPaginationToken: 'b' },
      b: { items: [3], nextPaginationToken: 'a' },
    });
    const seen: number[] = [];
    await expect(async () => {
      for await (const item of new PagePromise(fetchPage)) seen.push(item);
    }).rejects.toThrow(/"a" was already handed out/);
    expect(seen).toEqual([1, 2, 3]);
    expect(fetchPage).toHaveBeenCalledTimes(3);

    const first = await new PagePromise(fetchPage);
    expect((await first.getNextPage()).items).toEqual([2]);
    expect((await first.getNextPage()).items).toEqual([2]);
  });
});
