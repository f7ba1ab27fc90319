import { describe, expect, test } from 'vitest';
import { AssetEnvelopeSchema, AssetListResponseSchema } from '../../src/schemas/asset.js';
import { AS_USER, dataUrl, download, runToEnd, setup, testImage, uploadImage } from './helpers.js';

describe('POST /assets', () => {
  test('stores a data URL or raw base64 image and answers {asset} with its real size', async () => {
    const { call } = setup();
    const png = await testImage(80, 40);
    const viaDataUrl = await call('POST', '/assets', { body: { name: 'a.png', image: dataUrl(png) } });
    const viaRaw = await call('POST', '/assets', {
      body: { name: 'b.png', image: Buffer.from(png).toString('base64') },
    });
    for (const answer of [viaDataUrl, viaRaw]) {
      expect(answer.status).toBe(200);
      const { asset } = AssetEnvelopeSchema.parse(answer.body);
      expect(asset).toMatchObject({
        mimeType: 'image/png',
        kind: 'image',
        status: 'success',
        ownerId: 'proj_emulator',
        metadata: { type: 'uploaded', kind: 'image' },
        properties: { width: 80, height: 40, size: png.byteLength },
      });
      expect(asset.id).toMatch(/^asset_[0-9a-f]{24}$/);
    }
  });

  test('the signed url serves the bytes without auth; an edited signature gets 403', async () => {
    const { call, emulator } = setup();
    const png = await testImage();
    const asset = await uploadImage(call, png);
    expect(await download(emulator, asset.url)).toEqual(png);
    const tampered = asset.url.replace(/signature=\w/, 'signature=0');
    const refused = await emulator.fetch(tampered);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('<Code>AccessDenied</Code>');
    expect((await emulator.fetch(asset.url.split('?')[0])).status).toBe(403);
  });

  test.each([
    [
      'a PDF',
      { name: 'doc.pdf', image: dataUrl(new TextEncoder().encode('%PDF-1.7 fake'), 'application/pdf') },
      /not a supported image.*looks like a PDF/,
    ],
    ['text', { name: 'x.png', image: 'aGVsbG8gd29ybGQ=' }, /not a supported image/],
    ['a missing image', { name: 'x.png' }, /Input image is required/],
    ['a missing name', { image: 'aGk=' }, /Input name is required/],
    ['over 6 MiB of base64', { name: 'big.png', image: 'A'.repeat(6 * 1024 * 1024 + 4) }, /too large.*\/uploads/],
  ])('refuses %s with 400 {reason}', async (_, body, reason) => {
    const { call, emulator } = setup();
    const answer = await call('POST', '/assets', { body });
    expect(answer.status).toBe(400);
    expect(answer.body.reason).toMatch(reason);
    expect(emulator.state.counters.assetsCreated).toBe(0);
  });

  test('a body that is not JSON gets 400', async () => {
    const { emulator } = setup();
    const response = await emulator.fetch(`${emulator.url}/assets`, {
      method: 'POST',
      headers: { authorization: `Basic ${btoa('k:s')}` },
      body: '{not json',
    });
    expect(response.status).toBe(400);
    expect((await response.json()).reason).toBe('Request body is not valid JSON');
  });
});

describe('reading, listing, deleting', () => {
  test('GET /assets/{id}, 404 for unknown or other-project ids', async () => {
    const { call } = setup();
    const asset = await uploadImage(call, await testImage());
    expect((await call('GET', `/assets/${asset.id}`)).body.asset.id).toBe(asset.id);
    expect(await call('GET', '/assets/asset_nope')).toMatchObject({
      status: 404,
      body: { reason: 'Asset asset_nope not found' },
    });
    const elsewhere = { query: { projectId: 'proj_other' }, headers: AS_USER };
    expect((await call('GET', `/assets/${asset.id}`, elsewhere)).status).toBe(404);
  });

  test('lists newest first with pageSize and nextPaginationToken until the last page', async () => {
    const { call } = setup();
    const png = await testImage();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await uploadImage(call, png, `${i}.png`)).id);
    const seen: string[] = [];
    let token: string | null | undefined;
    do {
      const answer = await call('GET', '/assets', {
        query: { pageSize: '2', ...(token ? { paginationToken: token } : {}) },
      });
      const page = AssetListResponseSchema.parse(answer.body);
      seen.push(...page.assets.map((asset) => asset.id));
      token = page.nextPaginationToken;
    } while (token);
    expect(seen).toEqual(ids.reverse());
  });

  test('filtered pages may be empty while a token remains (client-side filtering, as the real API)', async () => {
    const { call } = setup();
    const png = await testImage();
    const parent = await uploadImage(call, png, 'parent.png');
    for (let i = 0; i < 3; i++) await uploadImage(call, png);
    const child = await call('POST', '/assets', {
      body: { name: 'child.png', image: dataUrl(png), parentId: parent.id },
    });
    const first = await call('GET', '/assets', { query: { pageSize: '2', parentAssetId: parent.id } });
    expect(first.body.assets.map((a: { id: string }) => a.id)).toEqual([child.body.asset.id]);
    const second = await call('GET', '/assets', {
      query: { pageSize: '2', parentAssetId: parent.id, paginationToken: first.body.nextPaginationToken },
    });
    expect(second.body.assets).toEqual([]);
    expect(second.body.nextPaginationToken).toEqual(expect.any(String));
  });

  test('filters by type, hides hidden assets, and scopes by projectId', async () => {
    const { call } = setup();
    const png = await testImage();
    await uploadImage(call, png);
    await call('POST', '/assets', { body: { name: 'hidden.png', image: dataUrl(png), hide: true } });
    const projectB = { query: { projectId: 'proj_b' }, headers: AS_USER };
    await call('POST', '/assets', { body: { name: 'other.png', image: dataUrl(png) }, ...projectB });
    expect((await call('GET', '/assets')).body.assets).toHaveLength(1);
    expect((await call('GET', '/assets', { query: { type: 'upscale' } })).body.assets).toHaveLength(0);
    const other = await call('GET', '/assets', projectB);
    expect(other.body.assets.map((a: { ownerId: string }) => a.ownerId)).toEqual(['proj_b']);
  });

  test('refuses bad pageSize and paginationToken', async () => {
    const { call } = setup();
    expect((await call('GET', '/assets', { query: { pageSize: '101' } })).body.reason).toMatch(/between 1 and 100/);
    expect((await call('GET', '/assets', { query: { paginationToken: 'garbage' } })).body.reason).toBe(
      'Invalid paginationToken',
    );
  });

  test('get-bulk returns owned assets in order; DELETE with a JSON body removes them', async () => {
    const { call } = setup();
    const png = await testImage();
    const a = await uploadImage(call, png);
    const b = await uploadImage(call, png);
    const bulk = await call('POST', '/assets/get-bulk', { body: { assetIds: [b.id, 'asset_missing', a.id] } });
    expect(bulk.body.assets.map((asset: { id: string }) => asset.id)).toEqual([b.id, a.id]);
    expect((await call('DELETE', '/assets', { body: { assetIds: [a.id] } })).body).toEqual({});
    expect((await call('GET', `/assets/${a.id}`)).status).toBe(404);
    const tooMany = await call('DELETE', '/assets', {
      body: { assetIds: Array.from({ length: 101 }, (_, i) => `asset_${i}`) },
    });
    expect(tooMany.body.reason).toMatch(/At most 100/);
    // The swagger sets no minimum: an empty list reads nothing.
    expect((await call('POST', '/assets/get-bulk', { body: { assetIds: [] } })).body).toEqual({ assets: [] });
  });
});

describe('listing: sort, date bounds, type prefixes, privacy', () => {
  /** Three uploads a minute apart, then an img2img and a txt2img output. */
  async function library() {
    const context = setup({ jobDurations: { flux: 1000 } });
    const png = await testImage();
    const uploads: string[] = [];
    for (let i = 0; i < 3; i++) {
      uploads.push((await uploadImage(context.call, png, `${i}.png`)).id);
      await context.clock.advance(60_000);
    }
    const img2img = await runToEnd(context, '/generate/img2img', {
      modelId: 'flux.1-dev',
      prompt: 'p',
      image: uploads[0],
    });
    const txt2img = await runToEnd(context, '/generate/txt2img', {
      modelId: 'flux.1-dev',
      prompt: 'p',
      width: 64,
      height: 64,
    });
    return { ...context, uploads, outputs: [img2img.metadata.assetIds[0], txt2img.metadata.assetIds[0]] as string[] };
  }
  const listed = async (call: ReturnType<typeof setup>['call'], query: Record<string, string>) => {
    const answer = await call('GET', '/assets', { query });
    if (answer.status !== 200) throw new Error(answer.body.reason);
    return answer.body.assets.map((asset: { id: string }) => asset.id) as string[];
  };

  test('sortDirection orders by creation, newest first by default', async () => {
    const { call, uploads, outputs } = await library();
    const oldestFirst = [...uploads, ...outputs];
    expect(await listed(call, { sortBy: 'createdAt', sortDirection: 'asc' })).toEqual(oldestFirst);
    expect(await listed(call, {})).toEqual([...oldestFirst].reverse());
  });

  test('createdAfter / createdBefore are exclusive bounds; they need sortBy on their date', async () => {
    const { call, uploads } = await library();
    const second = (await call('GET', `/assets/${uploads[1]}`)).body.asset.createdAt as string;
    const before = await listed(call, { sortBy: 'createdAt', sortDirection: 'asc', createdBefore: second });
    expect(before).toEqual([uploads[0]]);
    const between = await listed(call, { createdAfter: '2025-01-01T00:00:00Z', createdBefore: second });
    expect(between).toEqual([uploads[0]]);
    const wrongSort = await call('GET', '/assets', { query: { sortBy: 'updatedAt', createdAfter: second } });
    expect(wrongSort.body.reason).toBe('createdAfter needs sortBy=createdAt');
    expect((await call('GET', '/assets', { query: { createdAfter: 'yesterday' } })).body.reason).toBe(
      'createdAfter must be an ISO date, got "yesterday"',
    );
    expect((await call('GET', '/assets', { query: { sortDirection: 'up' } })).status).toBe(400);
  });

  test('a type ending in "-" is a prefix: inference- lists every generation output', async () => {
    const { call, outputs } = await library();
    expect(await listed(call, { type: 'inference-', sortDirection: 'asc' })).toEqual(outputs);
    expect(await listed(call, { type: 'inference-txt2img' })).toEqual([outputs[1]]);
    expect(await listed(call, { types: 'inference-img2img,inference-txt2img', sortDirection: 'asc' })).toEqual(outputs);
    const both = await call('GET', '/assets', { query: { type: 'uploaded', types: 'upscale' } });
    expect(both.body.reason).toBe('type and types cannot be used together');
  });

  test('privacy=public lists the public assets of every organisation; they read like any asset', async () => {
    const { call, emulator, uploads } = await library();
    const showcase = await listed(call, { privacy: 'public' });
    expect(showcase).toContain('asset_showcase-bfl-flux-2-dev');
    expect(showcase).not.toContain(uploads[0]);
    expect(await listed(call, { privacy: 'private' })).toHaveLength(5);
    const viaPublic = await call('GET', '/assets/public', { query: { modelId: 'model_bfl-flux-2-dev' } });
    expect(viaPublic.body.assets.map((asset: { id: string }) => asset.id)).toEqual(['asset_showcase-bfl-flux-2-dev']);
    const { asset } = (await call('GET', '/assets/public/asset_showcase-bfl-flux-2-dev')).body;
    expect(asset).toMatchObject({
      privacy: 'public',
      ownerId: 'proj_scenario',
      metadata: { modelId: 'model_bfl-flux-2-dev' },
    });
    expect((await download(emulator, asset.url)).byteLength).toBe(asset.properties.size);
    expect((await call('GET', '/assets/asset_showcase-bfl-flux-2-dev')).body.asset.id).toBe(asset.id);
    expect(await call('GET', `/assets/public/${uploads[0]}`)).toMatchObject({
      status: 404,
      body: { reason: `Public asset ${uploads[0]} not found` },
    });
  });
});
