/**
 * design.md §2 — `client.assets`: upload / get / getMany / list / delete / download / downloadTo,
 * and the image-input rules (sniffed MIME, non-images refused before any request).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HttpResponse, http } from 'msw';
import { describe, expect, it } from 'vitest';
import { InvalidRequestError, ScenarioError, withUnknownFields } from '../../src/index.js';
import {
  API,
  assetWire,
  BASIC,
  bodyOf,
  CDN,
  contractClient as client,
  decodeImageField,
  PDF,
  PNG,
  rejectionOf,
  useFakeApi,
} from './_fake-api.js';

const { api, use, rec } = useFakeApi();

/** Whatever array of items an awaited page exposes (design.md does not name the field). */
function pageItems(page: unknown): { id: string }[] {
  const p = page as Record<string, unknown>;
  for (const key of ['assets', 'data', 'items', 'jobs', 'models']) {
    if (Array.isArray(p[key])) return p[key] as { id: string }[];
  }
  throw new Error(`awaited page exposes no item array: keys ${Object.keys(p).join(', ')}`);
}

describe('assets.upload', () => {
  it('POST /assets with name + the PNG as image; returns the Asset', async () => {
    const asset = await client().assets.upload(PNG, { name: 'hero.png' });
    expect(asset.id).toMatch(/^asset_/);
    expect(typeof asset.url).toBe('string');
    const [req] = api.calls('POST', '/assets');
    expect(req).toBeDefined();
    const body = bodyOf(req);
    expect(body.name).toBe('hero.png');
    const image = decodeImageField(body.image);
    if (image.mime !== undefined) expect(image.mime).toBe('image/png');
    expect(Buffer.from(image.bytes).equals(Buffer.from(PNG))).toBe(true);
    expect(req?.headers.get('authorization')).toBe(BASIC);
  });

  it('forwards parentId, hide and collectionIds', async () => {
    await client().assets.upload(PNG, {
      name: 'x.png',
      parentId: 'asset_parent',
      hide: true,
      collectionIds: ['col_1'],
    });
    const body = bodyOf(api.calls('POST', '/assets')[0]);
    expect(body).toMatchObject({ name: 'x.png', parentId: 'asset_parent', hide: true, collectionIds: ['col_1'] });
  });

  it.each([
    ['Uint8Array', () => PNG.slice()],
    ['Buffer', () => Buffer.from(PNG)],
    ['ArrayBuffer', () => PNG.slice().buffer],
    ['Blob', () => new Blob([PNG.slice()], { type: 'image/png' })],
    ['data URL', () => `data:image/png;base64,${Buffer.from(PNG).toString('base64')}`],
    [
      'web ReadableStream',
      () =>
        new ReadableStream<Uint8Array>({
          start(c) {
            c.enqueue(PNG.slice(0, 20));
            c.enqueue(PNG.slice(20));
            c.close();
          },
        }),
    ],
  ] as const)('accepts a %s input and sends the same bytes', async (_kind, make) => {
    await client().assets.upload(make() as never, { name: 'in.png' });
    const body = bodyOf(api.calls('POST', '/assets')[0]);
    expect(Buffer.from(decodeImageField(body.image).bytes).equals(Buffer.from(PNG))).toBe(true);
  });

  it('accepts a file path (Node)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'scenario-contract-'));
    try {
      const path = join(dir, 'sprite.png');
      await writeFile(path, PNG);
      await client().assets.upload(path, { name: 'sprite.png' });
      const body = bodyOf(api.calls('POST', '/assets')[0]);
      expect(Buffer.from(decodeImageField(body.image).bytes).equals(Buffer.from(PNG))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('refuses a non-image (PDF bytes) with InvalidRequestError before any request', async () => {
    const err = await rejectionOf(client().assets.upload(PDF, { name: 'doc.pdf' }));
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err).toBeInstanceOf(ScenarioError);
    expect(api.requests).toHaveLength(0);
  });
});

describe('assets.get / getMany', () => {
  it('get(id) → GET /assets/{id}, unwraps {asset}, keeps unknown fields', async () => {
    api.addAsset('asset_a', { someFutureField: { nested: true } });
    const asset = await client().assets.get('asset_a');
    expect(asset.id).toBe('asset_a');
    expect(asset.url).toContain(`${CDN}/assets-transform/asset_a`);
    expect(asset.mimeType).toBe('image/png');
    expect(withUnknownFields(asset).someFutureField).toEqual({ nested: true });
    expect(api.calls('GET', '/assets/asset_a')).toHaveLength(1);
  });

  it('getMany(ids) → POST /assets/get-bulk {assetIds} → Asset[]', async () => {
    api.addAsset('asset_a');
    api.addAsset('asset_b');
    const assets = await client().assets.getMany(['asset_a', 'asset_b']);
    expect(assets.map((a) => a.id)).toEqual(['asset_a', 'asset_b']);
    const [req] = api.calls('POST', '/assets/get-bulk');
    expect(req?.body).toEqual({ assetIds: ['asset_a', 'asset_b'] });
  });
});

describe('assets.list', () => {
  function seed(n: number) {
    for (let i = 1; i <= n; i++) api.addAsset(`asset_${String(i).padStart(2, '0')}`);
  }

  it('await → one page (one request, query forwarded)', async () => {
    seed(5);
    const page = await client().assets.list({ pageSize: 2 });
    expect(pageItems(page).map((a) => a.id)).toEqual(['asset_01', 'asset_02']);
    const reqs = api.calls('GET', '/assets');
    expect(reqs).toHaveLength(1);
    expect(reqs[0]?.url.searchParams.get('pageSize')).toBe('2');
  });

  it('for await … iterates every asset across pages via nextPaginationToken', async () => {
    seed(5);
    const ids: string[] = [];
    for await (const asset of client().assets.list({ pageSize: 2 })) ids.push(asset.id);
    expect(ids).toEqual(['asset_01', 'asset_02', 'asset_03', 'asset_04', 'asset_05']);
    const reqs = api.calls('GET', '/assets');
    expect(reqs).toHaveLength(3);
    expect(reqs.map((r) => r.url.searchParams.get('paginationToken'))).toEqual([null, '2', '4']);
  });

  it('keeps paging through an empty page that still carries a token', async () => {
    const pages = [
      { assets: [assetWire('asset_p1')], nextPaginationToken: 't1' },
      { assets: [], nextPaginationToken: 't2' },
      { assets: [assetWire('asset_p3')], nextPaginationToken: '' },
    ];
    let i = 0;
    use(
      http.get(
        `${API}/assets`,
        rec(() => HttpResponse.json(pages[i++])),
      ),
    );
    const ids: string[] = [];
    for await (const asset of client().assets.list()) ids.push(asset.id);
    expect(ids).toEqual(['asset_p1', 'asset_p3']);
    expect(api.calls('GET', '/assets')).toHaveLength(3);
  });
});

describe('assets.delete', () => {
  it('delete(ids) → DELETE /assets with JSON body {assetIds}', async () => {
    api.addAsset('asset_a');
    api.addAsset('asset_b');
    await client().assets.delete(['asset_a', 'asset_b']);
    const [req] = api.calls('DELETE', '/assets');
    expect(req?.body).toEqual({ assetIds: ['asset_a', 'asset_b'] });
    expect(api.assets.size).toBe(0);
  });
});

describe('assets.download / downloadTo', () => {
  it('download(asset) fetches asset.url unchanged, without the API Authorization header', async () => {
    const asset = await client({ projectId: 'proj_one' }).assets.get(api.addAsset('asset_d').id as string);
    const bytes = await client({ projectId: 'proj_one' }).assets.download(asset);
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(bytes).equals(Buffer.from(PNG))).toBe(true);
    const cdnReqs = api.requests.filter((r) => r.url.origin === CDN);
    expect(cdnReqs).toHaveLength(1);
    // the signed query string is not altered (no projectId appended, nothing re-encoded)
    expect(cdnReqs[0]?.url.href).toBe(asset.url);
    expect(cdnReqs[0]?.headers.get('authorization')).toBeNull();
  });

  it('download(id) resolves the asset then fetches its CDN url without auth', async () => {
    api.addAsset('asset_d');
    const bytes = await client().assets.download('asset_d');
    expect(Buffer.from(bytes).equals(Buffer.from(PNG))).toBe(true);
    expect(api.calls('GET', '/assets/asset_d')[0]?.headers.get('authorization')).toBe(BASIC);
    const cdnReqs = api.requests.filter((r) => r.url.origin === CDN);
    expect(cdnReqs).toHaveLength(1);
    expect(cdnReqs[0]?.headers.get('authorization')).toBeNull();
  });

  it('downloadTo(idOrAsset, path) writes the bytes to disk (Node)', async () => {
    api.addAsset('asset_d');
    const dir = await mkdtemp(join(tmpdir(), 'scenario-contract-'));
    try {
      const path = join(dir, 'out.png');
      await client().assets.downloadTo('asset_d', path);
      expect(Buffer.from(await readFile(path)).equals(Buffer.from(PNG))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
