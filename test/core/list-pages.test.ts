import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { ResponseValidationError } from '../../src/index.js';
import { API, testClient, useMockServer } from '../helpers/msw.js';

const server = useMockServer();

/** A server that answers every page of `path` with no items and the same token. */
function stuckList(path: string, key: string) {
  const requests = { count: 0 };
  server.use(
    http.get(`${API}${path}`, () => {
      requests.count++;
      return HttpResponse.json({ [key]: [], nextPaginationToken: 'SAME' });
    }),
  );
  return requests;
}

describe('a server that repeats a page token', () => {
  const lists = [
    ['assets', '/assets', (client: ReturnType<typeof testClient>) => client.assets.list()],
    ['jobs', '/jobs', (client: ReturnType<typeof testClient>) => client.jobs.list()],
    ['models', '/models', (client: ReturnType<typeof testClient>) => client.models.list()],
  ] as const;
  it.each(lists)('%s.list(): for await stops with a clear error after two requests', async (key, path, list) => {
    const requests = stuckList(path, key);
    const error = await (async () => {
      for await (const _item of list(testClient())) {
        // drain
      }
    })().catch((reason: unknown) => reason);
    expect(error).toBeInstanceOf(ResponseValidationError);
    expect((error as Error).message).toContain(`GET ${path}`);
    expect((error as Error).message).toMatch(/"SAME" was already handed out by an earlier page/);
    expect(requests.count).toBe(2);
  });
});

describe('list() returns a Promise', () => {
  it('with .catch, .finally and rejects, for a failing first page as for a bad query', async () => {
    server.use(http.get(`${API}/assets`, () => HttpResponse.json({ reason: 'down' }, { status: 400 })));
    const list = testClient().assets.list();
    expect(list).toBeInstanceOf(Promise);
    let finished = false;
    const caught = await list
      .finally(() => {
        finished = true;
      })
      .catch((error: Error) => error.name);
    expect(caught).toBe('BadRequestError');
    expect(finished).toBe(true);
    await expect(testClient().assets.list()).rejects.toThrow(/400/);
    await expect(testClient().jobs.list({ pageSize: 0 })).rejects.toThrow(/pageSize/);
  });
});
