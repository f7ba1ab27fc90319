import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transportOf } from '../../src/client.js';
import { APIUserAbortError, InvalidRequestError, isScenarioError, NotFoundError } from '../../src/core/errors.js';
import { MAX_INLINE_IMAGE_BYTES } from '../../src/lib/image-input.js';
import { Assets } from '../../src/resources/assets.js';
import type { Asset } from '../../src/schemas/asset.js';
import { decodeDataUrl, PDF, PNG, pngOfSize } from '../helpers/images.js';
import { API, recordApi, testClient, useMockServer } from '../helpers/msw.js';
import { onFakeTime, rejectionOf } from '../helpers/timers.js';

const server = useMockServer();
const CDN = 'https://cdn.cloud.scenario.com';

function wireAsset(id: string, extra: Record<string, unknown> = {}) {
  return {
    id,
    url: `${CDN}/assets-transform/${id}?p=100&Expires=1999999999&Signature=a~b%2Fc&Key-Pair-Id=K1`,
    mimeType: 'image/png',
    kind: 'image',
    metadata: { kind: 'image', type: 'uploaded' },
    properties: { size: PNG.length, width: 1, height: 1 },
    ...extra,
  };
}

function assets(projectId?: string) {
  return new Assets(transportOf(testClient(projectId ? { projectId } : {})));
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'scenario-assets-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('assets.upload', () => {
  function recordUpload() {
    const recorded = recordApi(async (request) =>
      HttpResponse.json({ asset: wireAsset('asset_up', { name: ((await request.json()) as { name: string }).name }) }),
    );
    server.use(recorded.handler);
    return recorded.requests;
  }

  it('POSTs /assets with the name and a data URL, returns the Asset', async () => {
    const requests = recordUpload();
    const asset = await assets().upload(PNG, {
      name: 'hero.png',
      parentId: 'asset_parent',
      hide: true,
      collectionIds: ['col_1'],
    });
    expect(asset.id).toBe('asset_up');
    expect(requests).toHaveLength(1);
    expect(requests[0]?.method).toBe('POST');
    expect(new URL(requests[0]?.url ?? '').pathname).toBe('/v1/assets');
    const body = (await requests[0]?.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'hero.png', parentId: 'asset_parent', hide: true, collectionIds: ['col_1'] });
    expect(Object.keys(body).sort()).toEqual(['collectionIds', 'hide', 'image', 'name', 'parentId']);
    const image = decodeDataUrl(body.image as string);
    expect(image.mimeType).toBe('image/png');
    expect(Buffer.from(image.bytes).equals(Buffer.from(PNG))).toBe(true);
  });

  it('names the asset after its file, else image.<ext>', async () => {
    const requests = recordUpload();
    const path = join(dir, 'sketch.png');
    await writeFile(path, PNG);
    await assets().upload(path);
    await assets().upload(new File([PNG], 'from-input.png'));
    await assets().upload(PNG);
    const names = await Promise.all(requests.map(async (request) => ((await request.json()) as { name: string }).name));
    expect(names).toEqual(['sketch.png', 'from-input.png', 'image.png']);
  });

  it('refuses a non-image, an asset id and unknown options before any request', async () => {
    const requests = recordUpload();
    expect(await rejectionOf(assets().upload(PDF))).toBeInstanceOf(InvalidRequestError);
    const already = await rejectionOf(assets().upload('asset_abc'));
    expect(already.message).toContain("client.assets.get('asset_abc')");
    const typo = await rejectionOf(assets().upload(PNG, { hidden: true } as never));
    expect(typo).toBeInstanceOf(InvalidRequestError);
    expect(typo.message).toContain('hidden');
    expect(requests).toHaveLength(0);
  });

  it('sends a large image through /uploads with assetOptions, then fetches the asset', async () => {
    const calls: string[] = [];
    let createBody: Record<string, unknown> = {};
    server.use(
      http.post(`${API}/uploads`, async ({ request }) => {
        calls.push('create');
        createBody = (await request.json()) as Record<string, unknown>;
        return HttpResponse.json({
          upload: { id: 'upload_1', status: 'pending', parts: [{ number: 1, url: 'https://s3.example.com/p1?sig=1' }] },
        });
      }),
      http.put('https://s3.example.com/p1', ({ request }) => {
        calls.push(`put auth=${request.headers.get('authorization')}`);
        return new HttpResponse(null);
      }),
      http.post(`${API}/uploads/upload_1/action`, () => {
        calls.push('complete');
        return HttpResponse.json({ upload: { id: 'upload_1', status: 'imported', entityId: 'asset_big' } });
      }),
      http.get(`${API}/assets/asset_big`, () => {
        calls.push('get');
        return HttpResponse.json({ asset: wireAsset('asset_big') });
      }),
      http.post(`${API}/assets`, () => HttpResponse.json({ reason: 'too large' }, { status: 413 })),
    );
    const asset = await assets().upload(pngOfSize(MAX_INLINE_IMAGE_BYTES + 1), {
      name: 'poster.png',
      hide: true,
      collectionIds: ['col_1'],
    });
    expect(asset.id).toBe('asset_big');
    expect(calls).toEqual(['create', 'put auth=null', 'complete', 'get']);
    expect(createBody).toEqual({
      fileName: 'poster.png',
      contentType: 'image/png',
      fileSize: MAX_INLINE_IMAGE_BYTES + 1,
      parts: 1,
      kind: 'image',
      assetOptions: { hide: true, collectionIds: ['col_1'] },
    });
  });
});

describe('assets.get / getMany', () => {
  it('get unwraps {asset} and keeps unknown fields', async () => {
    const { handler, requests } = recordApi(() =>
      HttpResponse.json({ asset: wireAsset('asset_a', { futureField: 1 }) }),
    );
    server.use(handler);
    const asset = await assets().get('asset_a');
    expect(asset).toMatchObject({ id: 'asset_a', futureField: 1, tags: [] });
    expect(requests[0]?.method).toBe('GET');
    expect(new URL(requests[0]?.url ?? '').pathname).toBe('/v1/assets/asset_a');
  });

  it('getMany sends chunks of 200 and returns the assets in the order asked, duplicates included', async () => {
    const ids = Array.from({ length: 450 }, (_, index) => `asset_${index}`);
    const { handler, requests } = recordApi(async (request) => {
      const { assetIds } = (await request.json()) as { assetIds: string[] };
      // The server answers in its own order.
      return HttpResponse.json({ assets: [...assetIds].reverse().map((id) => wireAsset(id)) });
    });
    server.use(handler);
    const result = await assets().getMany([...ids, 'asset_7']);
    expect(result.map((asset) => asset.id)).toEqual([...ids, 'asset_7']);
    const sizes = await Promise.all(
      requests.map(async (request) => ((await request.json()) as { assetIds: string[] }).assetIds.length),
    );
    expect(sizes).toEqual([200, 200, 50]);
    expect(requests.every((request) => new URL(request.url).pathname === '/v1/assets/get-bulk')).toBe(true);
    expect(requests.every((request) => request.method === 'POST')).toBe(true);
  });

  it('getMany retries a 503, as a read', async () => {
    const { handler, requests } = recordApi((_request, attempt) =>
      attempt === 1
        ? HttpResponse.json({ reason: 'busy' }, { status: 503 })
        : HttpResponse.json({ assets: [wireAsset('asset_a')] }),
    );
    server.use(handler);
    expect((await assets().getMany(['asset_a'])).map((asset) => asset.id)).toEqual(['asset_a']);
    expect(requests).toHaveLength(2);
  });

  it('getMany throws NotFoundError naming the ids the server did not return', async () => {
    server.use(recordApi(() => HttpResponse.json({ assets: [wireAsset('asset_a')] })).handler);
    const error = await rejectionOf(assets().getMany(['asset_a', 'asset_gone']));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.message).toContain('asset_gone');
  });

  it('getMany([]) makes no request; an empty id is refused', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    expect(await assets().getMany([])).toEqual([]);
    expect(await rejectionOf(assets().getMany(['']))).toBeInstanceOf(InvalidRequestError);
    expect(requests).toHaveLength(0);
  });
});

describe('assets.list', () => {
  it('walks every page with for await, through an empty middle page', async () => {
    const pages: Record<string, object> = {
      first: { assets: [wireAsset('asset_1'), wireAsset('asset_2')], nextPaginationToken: 't1' },
      t1: { assets: [], nextPaginationToken: 't2' },
      t2: { assets: [wireAsset('asset_3')] },
    };
    const { handler, requests } = recordApi((request) =>
      HttpResponse.json(pages[new URL(request.url).searchParams.get('paginationToken') ?? 'first']),
    );
    server.use(handler);
    const ids: string[] = [];
    for await (const asset of assets().list({ pageSize: 2, type: 'uploaded' })) ids.push(asset.id);
    expect(ids).toEqual(['asset_1', 'asset_2', 'asset_3']);
    const queries = requests.map((request) => Object.fromEntries(new URL(request.url).searchParams));
    expect(queries).toEqual([
      { pageSize: '2', type: 'uploaded' },
      { pageSize: '2', type: 'uploaded', paginationToken: 't1' },
      { pageSize: '2', type: 'uploaded', paginationToken: 't2' },
    ]);
  });

  it('awaits to one page with items and a next page', async () => {
    server.use(
      recordApi(() => HttpResponse.json({ assets: [wireAsset('asset_1')], nextPaginationToken: 'next' })).handler,
    );
    const page = await assets().list();
    expect(page.items.map((asset: Asset) => asset.id)).toEqual(['asset_1']);
    expect(page.hasNextPage()).toBe(true);
  });

  it('refuses a bad query before any request', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    await expect(async () => assets().list({ pageSize: 500 })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(requests).toHaveLength(0);
  });
});

describe('assets.delete', () => {
  it('sends DELETE /assets with a JSON body, in chunks of 100', async () => {
    const { handler, requests } = recordApi();
    server.use(handler);
    const ids = Array.from({ length: 250 }, (_, index) => `asset_${index}`);
    await assets().delete(ids);
    expect(requests.map((request) => request.method)).toEqual(['DELETE', 'DELETE', 'DELETE']);
    expect(requests[0]?.headers.get('content-type')).toContain('application/json');
    const bodies = await Promise.all(requests.map(async (request) => (await request.json()) as { assetIds: string[] }));
    expect(bodies.map((body) => body.assetIds.length)).toEqual([100, 100, 50]);
    expect(bodies.flatMap((body) => body.assetIds)).toEqual(ids);
  });
});

describe('assets.download / downloadTo', () => {
  function cdn(answer: () => Response = () => new HttpResponse(PNG)) {
    const requests: Request[] = [];
    server.use(
      http.get(`${API}/assets/:id`, ({ params }) => HttpResponse.json({ asset: wireAsset(params.id as string) })),
      http.get(`${CDN}/*`, ({ request }) => {
        requests.push(request.clone());
        return answer();
      }),
    );
    return requests;
  }

  it('download(id) gets the asset, then fetches its signed URL untouched and without auth', async () => {
    const requests = cdn();
    const bytes = await assets('proj_1').download('asset_d');
    expect(Buffer.from(bytes).equals(Buffer.from(PNG))).toBe(true);
    expect(requests).toHaveLength(1);
    expect(requests[0]?.url).toBe(wireAsset('asset_d').url);
    expect(requests[0]?.headers.get('authorization')).toBeNull();
  });

  it('download(asset) uses the asset’s URL without another API call', async () => {
    const requests = cdn();
    const { handler, requests: api } = recordApi();
    server.use(handler);
    await assets().download(wireAsset('asset_e') as Asset);
    expect(requests).toHaveLength(1);
    expect(api).toHaveLength(0);
  });

  it('download of an expired URL is a typed error', async () => {
    cdn(() => new HttpResponse('<Error>AccessDenied</Error>', { status: 403 }));
    const error = await rejectionOf(assets().download(wireAsset('asset_e') as Asset));
    expect(isScenarioError(error)).toBe(true);
    expect(error.message).not.toContain('Signature=');
  });

  it('downloadTo writes the file', async () => {
    cdn();
    const path = join(dir, 'out.png');
    await assets().downloadTo('asset_d', path);
    expect(Buffer.from(await readFile(path)).equals(Buffer.from(PNG))).toBe(true);
  });

  /**
   * Assets on a client whose fetch answers the API with the asset and the CDN with `body`,
   * which errors once the request's signal aborts, as a real fetch body does.
   */
  function assetsWithCdnBody(body: (signal: AbortSignal) => ReadableStream<Uint8Array>, headers: HeadersInit = {}) {
    const fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
      const request = new Request(input, init);
      if (request.url.startsWith(API)) return Response.json({ asset: wireAsset('asset_d') });
      return new Response(body(request.signal), { headers });
    };
    return new Assets(transportOf(testClient({ fetch })));
  }

  it('a body that stalls after the headers times out (per attempt) instead of hanging', async () => {
    const stalled = assetsWithCdnBody(
      () =>
        new ReadableStream({
          start(controller) {
            controller.enqueue(PNG.slice(0, 10));
          },
        }),
    );
    const { error, elapsedMs } = await onFakeTime(() => stalled.download('asset_d', { timeout: 200, maxRetries: 0 }));
    expect(error?.name).toBe('APITimeoutError');
    expect(elapsedMs).toBe(200);
  });

  it('a download cut short is retried and then succeeds, writing the whole file once', async () => {
    let attempts = 0;
    const flaky = assetsWithCdnBody(() => {
      attempts++;
      return new ReadableStream({
        start(controller) {
          controller.enqueue(PNG.slice(0, 10));
          if (attempts === 1) setTimeout(() => controller.error(new TypeError('terminated')), 5);
          else {
            controller.enqueue(PNG.slice(10));
            controller.close();
          }
        },
      });
    });
    const target = await mkdtemp(join(dir, 'flaky-'));
    await flaky.downloadTo('asset_d', join(target, 'out.png'));
    expect(attempts).toBe(2);
    expect(await readFile(join(target, 'out.png'))).toEqual(Buffer.from(PNG));
  });

  it('downloadTo leaves no partial file when the connection drops midway', async () => {
    const broken = assetsWithCdnBody(
      () =>
        new ReadableStream({
          start(controller) {
            controller.enqueue(PNG.slice(0, 10));
            setTimeout(() => controller.error(new TypeError('terminated')), 10);
          },
        }),
    );
    const target = await mkdtemp(join(dir, 'broken-'));
    const error = await rejectionOf(broken.downloadTo('asset_d', join(target, 'out.png')));
    expect(error.message).toMatch(/failed without a complete answer: terminated/);
    expect(isScenarioError(error)).toBe(true);
    expect(await readdir(target)).toEqual([]);
  });

  it('downloadTo refuses a body shorter than its Content-Length, leaving no file', async () => {
    const truncated = assetsWithCdnBody(
      () =>
        new ReadableStream({
          start(controller) {
            controller.enqueue(PNG.slice(0, 10));
            controller.close();
          },
        }),
      { 'content-length': String(PNG.length) },
    );
    const target = await mkdtemp(join(dir, 'short-'));
    const error = await rejectionOf(truncated.downloadTo('asset_d', join(target, 'out.png')));
    expect(error.message).toContain(`received 10 of ${PNG.length} bytes`);
    expect(await readdir(target)).toEqual([]);
  });

  it('downloadTo keeps an existing file intact when aborted', async () => {
    const controller = new AbortController();
    const slow = assetsWithCdnBody(
      (signal) =>
        new ReadableStream({
          start(stream) {
            stream.enqueue(PNG.slice(0, 10));
            signal.addEventListener('abort', () => stream.error(signal.reason));
            setTimeout(() => controller.abort(), 10);
          },
        }),
    );
    const target = await mkdtemp(join(dir, 'aborted-'));
    const path = join(target, 'out.png');
    await writeFile(path, 'previous');
    const error = await rejectionOf(slow.downloadTo('asset_d', path, { signal: controller.signal }));
    expect(error).toBeInstanceOf(APIUserAbortError);
    expect(await readdir(target)).toEqual(['out.png']);
    expect(await readFile(path, 'utf8')).toBe('previous');
  });

  it('downloadTo creates a missing parent directory', async () => {
    cdn();
    const path = join(dir, 'missing', 'deeper', 'out.png');
    expect(await assets().downloadTo('asset_d', path)).toBe(path);
    expect(await readFile(path)).toEqual(Buffer.from(PNG));
  });

  it('downloadTo a directory writes <dir>/<asset id>.<ext>, the extension from the asset type', async () => {
    const requests = cdn();
    const target = await mkdtemp(join(dir, 'into-dir-'));
    expect(await assets().downloadTo('asset_d', target)).toBe(join(target, 'asset_d.png'));
    const jpeg = wireAsset('asset_j', { mimeType: 'image/jpeg' }) as Asset;
    expect(await assets().downloadTo(jpeg, target)).toBe(join(target, 'asset_j.jpg'));
    expect((await readdir(target)).sort()).toEqual(['asset_d.png', 'asset_j.jpg']);
    expect(requests).toHaveLength(2);
  });

  it('downloadTo a path ending in a separator creates that directory', async () => {
    cdn();
    const target = join(dir, 'new-dir');
    expect(await assets().downloadTo('asset_d', `${target}/`)).toBe(join(target, 'asset_d.png'));
    expect(await readFile(join(target, 'asset_d.png'))).toEqual(Buffer.from(PNG));
  });

  it('downloadTo a directory keeps a hostile asset id inside it', async () => {
    cdn();
    const target = await mkdtemp(join(dir, 'hostile-'));
    const hostile = wireAsset('../../escaped', {}) as Asset;
    expect(await assets().downloadTo(hostile, target)).toBe(join(target, '_._.._escaped.png'));
  });

  it('downloadTo a directory without the asset id is refused before downloading', async () => {
    const requests = cdn();
    const error = await rejectionOf(assets().downloadTo({ url: wireAsset('asset_d').url }, dir));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toMatch(/a directory needs the asset id/);
    expect(requests).toHaveLength(0);
  });

  it.each(['out.jpg', 'OUT.JPEG', 'out.webp', 'out.tif'])(
    'downloadTo refuses %s for a PNG before downloading, writing nothing',
    async (name) => {
      const requests = cdn();
      const target = await mkdtemp(join(dir, 'mismatch-'));
      const error = await rejectionOf(assets().downloadTo(wireAsset('asset_d') as Asset, join(target, name)));
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error.message).toMatch(
        /names another image format, but the asset is PNG \(image\/png\): end the name in \.png/,
      );
      expect(requests).toHaveLength(0);
      expect(await readdir(target)).toEqual([]);
    },
  );

  it('downloadTo takes a matching extension in any case, and names that are not image extensions', async () => {
    cdn();
    const target = await mkdtemp(join(dir, 'names-'));
    await assets().downloadTo('asset_d', join(target, 'out.PNG'));
    await assets().downloadTo('asset_d', join(target, 'knight-v1.5'));
    expect((await readdir(target)).sort()).toEqual(['knight-v1.5', 'out.PNG']);
  });

  it('downloadTo checks the downloaded bytes when the asset type is not known', async () => {
    cdn();
    const target = await mkdtemp(join(dir, 'sniffed-'));
    const error = await rejectionOf(assets().downloadTo({ url: wireAsset('asset_d').url }, join(target, 'out.jpg')));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toMatch(/the asset is PNG/);
    expect(await readdir(target)).toEqual([]);
  });

  it('downloadTo writes a 250-character file name (the temporary name stays short)', async () => {
    cdn();
    const target = await mkdtemp(join(dir, 'long-'));
    const name = `${'k'.repeat(246)}.png`;
    await assets().downloadTo('asset_d', join(target, name));
    expect(await readdir(target)).toEqual([name]);
  });

  it('downloadTo refuses a file name over 255 bytes before downloading', async () => {
    const requests = cdn();
    const error = await rejectionOf(assets().downloadTo('asset_d', join(dir, `${'é'.repeat(126)}.png`)));
    expect(error.message).toMatch(/over 255 bytes/);
    expect(requests).toHaveLength(0);
  });

  it('downloadTo where a parent is a file fails before downloading', async () => {
    const requests = cdn();
    const blocker = join(dir, 'a-file');
    await writeFile(blocker, 'x');
    const error = await rejectionOf(assets().downloadTo('asset_d', join(blocker, 'out.png')));
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect(error.message).toContain(join(blocker, 'out.png'));
    expect(requests).toHaveLength(0);
  });

  it('a download failing in fetch shows the asset URL without its signature, in the error and its cause', async () => {
    const fetch = async (input: RequestInfo | URL) => {
      throw new TypeError(
        `request to ${input instanceof Request ? input.url : String(input)} failed, reason: socket hang up`,
      );
    };
    const offline = new Assets(transportOf(testClient({ fetch, maxRetries: 0 })));
    const error = await rejectionOf(offline.download(wireAsset('asset_e') as Asset));
    expect(error.message).toContain(`request to ${CDN}/assets-transform/asset_e failed`);
    for (const text of [error.message, error.stack, String(error.cause), (error.cause as Error).stack]) {
      expect(text).not.toContain('Signature');
      expect(text).not.toContain('Key-Pair-Id');
    }
  });
});
