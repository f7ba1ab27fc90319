import { describe, expect, test } from 'vitest';
import { z } from 'zod';
import { transportOf } from '../../src/client.js';
import { InvalidRequestError } from '../../src/core/errors.js';
import { path } from '../../src/core/path.js';
import { API, recordApi, testClient, useMockServer } from '../helpers/msw.js';

const server = useMockServer();

describe('path', () => {
  test('encodes ids so they stay one segment', () => {
    expect(path`/jobs/${'../assets'}`).toBe('/jobs/..%2Fassets');
    expect(path`/jobs/${'a/b?c=d#e'}/action`).toBe('/jobs/a%2Fb%3Fc%3Dd%23e/action');
    expect(path`/generate/custom/${'model_bfl-flux-2-dev'}`).toBe('/generate/custom/model_bfl-flux-2-dev');
  });

  test.each(['', '   ', '.', '..'])('rejects the id %j', (id) => {
    expect(() => path`/jobs/${id}`).toThrow(InvalidRequestError);
  });

  test('rejects a non-string id smuggled past the types', () => {
    expect(() => path`/jobs/${undefined as unknown as string}`).toThrow(InvalidRequestError);
  });

  test('an id with / ? # cannot change the route or the query the server sees', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    const client = testClient({ projectId: 'proj_1' });
    for (const id of ['../assets', '..%2Fassets', 'x?projectId=evil', 'x#frag', '%2e%2e']) {
      await transportOf(client).request({ method: 'GET', path: path`/jobs/${id}`, schema: z.unknown() });
    }
    const urls = requests.map((request) => new URL(request.url));
    expect(urls.map((url) => url.pathname)).toEqual([
      '/v1/jobs/..%2Fassets',
      '/v1/jobs/..%252Fassets',
      '/v1/jobs/x%3FprojectId%3Devil',
      '/v1/jobs/x%23frag',
      '/v1/jobs/%252e%252e',
    ]);
    for (const url of urls) {
      expect(url.origin + url.pathname.slice(0, 8)).toBe(`${API.replace('/v1', '')}/v1/jobs`);
      expect(url.searchParams.getAll('projectId')).toEqual(['proj_1']);
      expect(url.hash).toBe('');
    }
  });

  test('an empty id fails before any request', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    const client = testClient();
    await expect(async () =>
      transportOf(client).request({ method: 'GET', path: path`/jobs/${''}`, schema: z.unknown() }),
    ).rejects.toThrow(InvalidRequestError);
    expect(requests).toHaveLength(0);
  });
});
