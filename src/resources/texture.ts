import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { TextureParamsSchema, TextureResult } from './texture-endpoint.js';

/**
 * Material maps of a texture (`POST /generate/texture`): normal, height, smoothness, metallic,
 * ambient occlusion, edge and albedo maps at the texture's size, for a PBR material. The
 * surface sliders (`raised`, `polished`, `shiny`, `angular`, 0–1) shape the relief and the shine.
 *
 * @example
 * ```ts
 * const { maps } = await client.texture.run({ texture: './stone-tile.png', raised: 0.7 });
 * console.log(maps.normal?.url, maps.height?.url);
 * ```
 * @example create
 * ```ts
 * const generation = await client.texture.create({ texture: 'asset_stone', raised: 0.7, shiny: 0.1 });
 * const { maps } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { maps, assets } = await client.texture.run({ texture: './stone-tile.png', raised: 0.7, polished: 0.2 });
 * console.log(Object.keys(maps), assets.length);
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.texture.estimate({ texture: 'asset_stone' });
 * ```
 */
export class Texture extends GenerationResource<typeof TextureParamsSchema, TextureResult> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'texture', () => import('./texture-endpoint.js'));
  }
}
