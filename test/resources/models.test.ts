import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError, ResponseValidationError, withUnknownFields } from '../../src/index.js';
import { API, testClient, useMockServer } from '../helpers/msw.js';
import { rejectionOf } from '../helpers/timers.js';

const server = useMockServer();

describe('models', () => {
  it('get unwraps { model }, keeps unknown fields, and remembers the model for custom', async () => {
    server.use(
      http.get(`${API}/models/model_x`, () =>
        HttpResponse.json({
          model: { id: 'model_x', name: 'X', inputs: [{ name: 'prompt', type: 'string' }], newField: 1 },
        }),
      ),
    );
    const client = testClient();
    expect(client.models.cached('model_x')).toBeUndefined();
    const model = await client.models.get('model_x');
    expect(model.inputs?.[0]?.name).toBe('prompt');
    expect(withUnknownFields(model).newField).toBe(1);
    expect(client.models.cached('model_x')).toBe(model);
  });

  it('list walks the pages with the filters', async () => {
    const queries: URLSearchParams[] = [];
    server.use(
      http.get(`${API}/models`, ({ request }) => {
        const query = new URL(request.url).searchParams;
        queries.push(query);
        return query.get('paginationToken')
          ? HttpResponse.json({ models: [{ id: 'model_b' }] })
          : HttpResponse.json({ models: [{ id: 'model_a' }], nextPaginationToken: 'p2' });
      }),
    );
    const ids: string[] = [];
    for await (const model of testClient().models.list({ privacy: 'private' })) ids.push(model.id);
    expect(ids).toEqual(['model_a', 'model_b']);
    expect(queries.map((q) => q.get('privacy'))).toEqual(['private', 'private']);
  });

  it('a bad query is refused, a malformed answer reported', async () => {
    await expect(testClient().models.list({ privacy: 'secret' } as never)).rejects.toThrow(InvalidRequestError);
    server.use(http.get(`${API}/models/model_x`, () => HttpResponse.json({ model: { name: 'no id' } })));
    expect(await rejectionOf(testClient().models.get('model_x'))).toBeInstanceOf(ResponseValidationError);
  });
});
