import { Hono } from 'hono';
import { assetView } from '../asset-view.js';
import type { AppEnv, EmulatorContext } from '../context.js';
import { badRequest, findOwned } from '../errors.js';
import { readBody } from '../request.js';

/** `PUT /assets/{id}` fields the emulator applies, as the swagger contract has checked them. */
interface AssetUpdate {
  name?: string;
  description?: string;
  canvas?: string;
}

/**
 * `PUT /assets/{id}`: renames an asset, sets its description (a training image's caption), or
 * replaces a canvas's JSON. The canvas lock and snapshot fields are accepted and have no effect.
 */
export function assetUpdateRoutes(context: EmulatorContext): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.put('/assets/:assetId', async (c) => {
    const asset = findOwned(context.store.assets, c.req.param('assetId'), c.get('owner'), 'Asset');
    const { name, description, canvas } = (await readBody(context, c)) as AssetUpdate;
    if (canvas !== undefined) {
      if (asset.kind !== 'json') throw badRequest(`Asset ${asset.id} is not a canvas`);
      asset.bytes = new TextEncoder().encode(canvas);
    }
    if (name !== undefined) asset.metadata = { ...asset.metadata, name };
    if (description !== undefined) asset.description = description;
    return c.json({ asset: assetView(context, asset) });
  });
  return app;
}
