import { Hono } from 'hono';
import { AssetIdsBodySchema, AssetUploadBodySchema } from '../../schemas/asset.js';
import { assetView } from '../asset-view.js';
import { type AppEnv, AUTHOR_ID, type EmulatorContext } from '../context.js';
import { badRequest, findOwned } from '../errors.js';
import { notAnImage } from '../image-inputs.js';
import { decodeImageString } from '../images/image-string.js';
import { probeImage } from '../images/probe.js';
import { nextToken, paginate } from '../pagination.js';
import { parseWith, queryList, readJson } from '../request.js';
import { type AssetRecord, uploadedAsset } from '../store.js';

/** Largest `image` string `POST /assets` takes: ~6 MiB of base64 (≈4.4 MB raw), beyond which the real API wants `/uploads`. */
const MAX_ASSET_BASE64_CHARS = 6 * 1024 * 1024;
const MAX_DELETE = 100;

/** `POST /assets`, `GET /assets`, `GET /assets/{id}`, `POST /assets/get-bulk`, `DELETE /assets`. */
export function assetRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const owned =
    (owner: string) =>
    (asset: AssetRecord | undefined): asset is AssetRecord =>
      asset?.ownerId === owner;

  app.post('/assets', async (c) => {
    const body = await readJson(c);
    const image = (body as { image?: unknown }).image;
    if (typeof image === 'string' && image.length > MAX_ASSET_BASE64_CHARS) {
      throw badRequest(
        `Image too large for POST /assets (${image.length} base64 characters, limit ${MAX_ASSET_BASE64_CHARS}): upload it through /uploads`,
      );
    }
    const input = parseWith(AssetUploadBodySchema, body);
    const bytes = decodeImageString(input.image);
    if (!bytes) throw badRequest('image must be base64 or a base64 data URL');
    const info = await probeImage(bytes);
    if (!info) throw notAnImage('image', bytes);
    const asset = context.store.addAsset(
      uploadedAsset(context.store, {
        ownerId: c.get('owner'),
        authorId: AUTHOR_ID,
        image: { bytes, ...info },
        createdAt: context.options.clock.now(),
        name: input.name,
        parentId: input.parentId,
        hide: input.hide,
        collectionIds: input.collectionIds,
      }),
    );
    return c.json({ asset: assetView(context, asset) });
  });

  app.get('/assets', (c) => {
    const owner = c.get('owner');
    const query = (name: string) => c.req.query(name);
    const types = queryList(c, 'types', 'type');
    const all = [...context.store.assets.values()]
      .filter((asset) => asset.ownerId === owner && !asset.hidden)
      .reverse();
    const page = paginate(c, all, { defaultSize: 50, maxSize: 100 }, (asset) => {
      if (types.length > 0 && !types.includes(asset.type)) return false;
      if (query('modelId') && asset.metadata.modelId !== query('modelId')) return false;
      if (query('parentAssetId') && asset.metadata.parentId !== query('parentAssetId')) return false;
      return !query('collectionId') || asset.collectionIds.includes(query('collectionId') as string);
    });
    return c.json({ assets: page.items.map((asset) => assetView(context, asset)), ...nextToken(page) });
  });

  app.get('/assets/:assetId', (c) => {
    const asset = findOwned(context.store.assets, c.req.param('assetId'), c.get('owner'), 'Asset');
    return c.json({ asset: assetView(context, asset) });
  });

  app.post('/assets/get-bulk', async (c) => {
    const { assetIds } = parseWith(AssetIdsBodySchema, await readJson(c));
    const assets = assetIds.map((id) => context.store.assets.get(id)).filter(owned(c.get('owner')));
    return c.json({ assets: assets.map((asset) => assetView(context, asset)) });
  });

  app.delete('/assets', async (c) => {
    const { assetIds } = parseWith(AssetIdsBodySchema, await readJson(c));
    if (assetIds.length > MAX_DELETE)
      throw badRequest(`At most ${MAX_DELETE} assetIds per call, got ${assetIds.length}`);
    for (const asset of assetIds.map((id) => context.store.assets.get(id)).filter(owned(c.get('owner')))) {
      context.store.assets.delete(asset.id);
    }
    return c.json({});
  });

  return app;
}
