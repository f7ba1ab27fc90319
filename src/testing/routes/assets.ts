import { type Context, Hono } from 'hono';
import { assetView } from '../asset-view.js';
import { type AppEnv, AUTHOR_ID, type EmulatorContext } from '../context.js';
import { badRequest, notFound } from '../errors.js';
import { notAnImage } from '../image-inputs.js';
import { decodeImageString } from '../images/image-string.js';
import { probeImage } from '../images/probe.js';
import { sortedInRange, typeFilter } from '../listing.js';
import { nextToken, paginate } from '../pagination.js';
import { readBody } from '../request.js';
import { type AssetRecord, canvasAsset, uploadedAsset } from '../store.js';

/** Largest `image` string `POST /assets` takes: ~6 MiB of base64 (≈4.4 MB raw), beyond which the real API wants `/uploads`. */
const MAX_ASSET_BASE64_CHARS = 6 * 1024 * 1024;
const MAX_DELETE = 100;
const MAX_GET_BULK = 200;

/** `POST /assets` body fields, as the swagger contract has checked them. */
interface AssetUpload {
  name: string;
  image?: string;
  canvas?: string;
  thumbnail?: string;
  hide?: boolean;
  parentId?: string;
  collectionIds?: string[];
}

/**
 * `POST /assets`, `GET /assets`, `GET /assets/public`, `GET /assets/public/{id}`,
 * `GET /assets/{id}`, `POST /assets/get-bulk`, `DELETE /assets`.
 */
export function assetRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const owned =
    (owner: string) =>
    (asset: AssetRecord | undefined): asset is AssetRecord =>
      asset?.ownerId === owner;

  app.post('/assets', async (c) => {
    const input = (await readBody(context, c)) as unknown as AssetUpload;
    const fields = {
      ownerId: c.get('owner'),
      authorId: AUTHOR_ID,
      createdAt: context.options.clock.now(),
      name: input.name,
      parentId: input.parentId,
      hide: input.hide,
      collectionIds: input.collectionIds,
    };
    // As on the real API, `canvas` and `thumbnail` are ignored when an image is given.
    if (input.image !== undefined) {
      const image = await decodeUpload(input.image, 'image');
      return c.json({
        asset: assetView(context, context.store.addAsset(uploadedAsset(context.store, { ...fields, image }))),
      });
    }
    if (input.canvas === undefined) {
      throw badRequest('Input image is required: send an image (or a canvas, with an optional thumbnail)');
    }
    const thumbnail =
      input.thumbnail === undefined
        ? undefined
        : uploadedAsset(context.store, {
            ...fields,
            image: await decodeUpload(input.thumbnail, 'thumbnail'),
            hide: true,
          });
    if (thumbnail) context.store.addAsset(thumbnail);
    const canvas = canvasAsset(context.store, { ...fields, canvas: input.canvas, thumbnailId: thumbnail?.id });
    return c.json({ asset: assetView(context, context.store.addAsset(canvas)) });
  });

  app.get('/assets', (c) => {
    const owner = c.get('owner');
    const privacy = c.req.query('privacy');
    // `privacy=public` lists the public assets of every organisation; nothing the emulator creates is public.
    const all =
      privacy === 'public'
        ? [...context.publicAssets.values()]
        : [...context.store.assets.values()].filter(
            (asset) => asset.ownerId === owner && !asset.hidden && (!privacy || asset.privacy === privacy),
          );
    return listAssets(context, c, all);
  });

  app.get('/assets/public', (c) => listAssets(context, c, [...context.publicAssets.values()]));

  app.get('/assets/public/:assetId', (c) => {
    const id = c.req.param('assetId');
    const asset = context.publicAssets.get(id);
    if (!asset) throw notFound(`Public asset ${id} not found`);
    return c.json({ asset: assetView(context, asset) });
  });

  app.get('/assets/:assetId', (c) => {
    const id = c.req.param('assetId');
    const asset = context.publicAssets.get(id) ?? [context.store.assets.get(id)].find(owned(c.get('owner')));
    if (!asset) throw notFound(`Asset ${id} not found`);
    return c.json({ asset: assetView(context, asset) });
  });

  app.post('/assets/get-bulk', async (c) => {
    const { assetIds = [] } = (await readBody(context, c)) as { assetIds?: string[] };
    if (assetIds.length > MAX_GET_BULK)
      throw badRequest(`At most ${MAX_GET_BULK} assetIds per call, got ${assetIds.length}`);
    const assets = assetIds.map((id) => context.store.assets.get(id)).filter(owned(c.get('owner')));
    return c.json({ assets: assets.map((asset) => assetView(context, asset)) });
  });

  app.delete('/assets', async (c) => {
    const { assetIds } = (await readBody(context, c)) as { assetIds: string[] };
    if (assetIds.length > MAX_DELETE)
      throw badRequest(`At most ${MAX_DELETE} assetIds per call, got ${assetIds.length}`);
    for (const asset of assetIds.map((id) => context.store.assets.get(id)).filter(owned(c.get('owner')))) {
      context.store.assets.delete(asset.id);
    }
    return c.json({});
  });

  return app;
}

/** Bytes of a base64 (or data URL) image field of `POST /assets`, refusing oversized or non-image ones. */
async function decodeUpload(value: string, field: string) {
  if (value.length > MAX_ASSET_BASE64_CHARS) {
    throw badRequest(
      `Image too large for POST /assets (${value.length} base64 characters, limit ${MAX_ASSET_BASE64_CHARS}): upload it through /uploads`,
    );
  }
  const bytes = decodeImageString(value);
  if (!bytes) throw badRequest(`${field} must be base64 or a base64 data URL`);
  const info = await probeImage(bytes);
  if (!info) throw notAnImage(field, bytes);
  return { bytes, ...info };
}

/**
 * One page of `all`, sorted and date-bounded first (the real API reads those from an index), then
 * cut, then filtered by type, model, lineage, author and collection.
 */
function listAssets(context: EmulatorContext, c: Context<AppEnv>, all: readonly AssetRecord[]): Response {
  const query = (name: string) => c.req.query(name);
  const typeMatches = typeFilter(c);
  const ordered = sortedInRange(c, all, (asset) => ({ createdAt: asset.createdAt, updatedAt: asset.createdAt }));
  const page = paginate(c, ordered, (asset) => {
    if (!typeMatches(asset.type)) return false;
    if (query('modelId') && asset.metadata.modelId !== query('modelId')) return false;
    if (query('parentAssetId') && asset.metadata.parentId !== query('parentAssetId')) return false;
    if (query('inferenceId') && asset.metadata.parentJobId !== query('inferenceId')) return false;
    if (query('authorId') && asset.authorId !== query('authorId')) return false;
    if (query('rootAssetId') && !descendsFrom(context, asset, query('rootAssetId') as string)) return false;
    return !query('collectionId') || asset.collectionIds.includes(query('collectionId') as string);
  });
  return c.json({ assets: page.items.map((asset) => assetView(context, asset)), ...nextToken(page) });
}

/** Whether `root` is an ancestor of `asset` along its `parentId` lineage. */
function descendsFrom(context: EmulatorContext, asset: AssetRecord, root: string): boolean {
  const seen = new Set<string>();
  for (let parent = asset.metadata.parentId; typeof parent === 'string' && !seen.has(parent); ) {
    if (parent === root) return true;
    seen.add(parent);
    parent = context.store.assets.get(parent)?.metadata.parentId;
  }
  return false;
}
