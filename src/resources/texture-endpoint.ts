import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import type { Asset } from '../schemas/asset.js';
import type { GenerationResult } from '../schemas/generation.js';
import { TextureBodySchema, type TextureMapName } from '../schemas/texture.js';
import type { GenerationEndpoint } from './generation-calls.js';
import type { GenerationOutcome } from './generation-outcome.js';

/**
 * Params of `client.texture.create/run/estimate`: the wire body, with `texture` taking any image
 * input (the route takes asset ids only, so anything else is uploaded first, as a hidden asset).
 */
export const TextureParamsSchema = z.extend(TextureBodySchema, {
  /** The texture to make maps of (a tile, ideally seamless). Any image input. */
  texture: ImageInputSchema,
});
/** What the caller passes, as {@link TextureParamsSchema}. */
export type TextureParams = z.input<typeof TextureParamsSchema>;

/** The material maps of a texture by name, each an output asset; a map the server did not make is absent. */
export type TextureMaps = { [Name in TextureMapName]?: Asset };

/** A finished `client.texture` run: the job, its output assets, and the same assets by map name. */
export interface TextureResult extends GenerationResult {
  /** `maps.normal`, `maps.height`, …: from each asset's `metadata.type` (`texture-normal`, …). */
  maps: TextureMaps;
}

const MAP_TYPE_PREFIX = 'texture-';

/** The output assets by map name. A newer map is kept under its own name (read it with `withUnknownFields`). */
function mapsByName(assets: readonly Asset[]): TextureMaps {
  const maps: Record<string, Asset> = {};
  for (const asset of assets) {
    const type = asset.metadata.type;
    if (type?.startsWith(MAP_TYPE_PREFIX)) maps[type.slice(MAP_TYPE_PREFIX.length)] ??= asset;
  }
  return maps;
}

const withMaps: GenerationOutcome<TextureResult> = async (_response, wait) => {
  const result = await wait();
  return { ...result, maps: mapsByName(result.assets) };
};

/** How `client.texture` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof TextureParamsSchema, TextureResult> = {
  schema: TextureParamsSchema,
  async prepare({ texture, ...rest }, context) {
    const images = await resolveImageFields({ texture: { input: texture, assetIdOnly: true } }, context);
    return { path: '/generate/texture', body: { ...rest, texture: images.texture } };
  },
  outcome: withMaps,
};
