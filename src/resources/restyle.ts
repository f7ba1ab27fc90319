import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { RestyleParamsSchema } from './restyle-endpoint.js';

/**
 * Restyling (`POST /generate/restyle`): a sketch or render repainted in the look of one or more
 * style images, its structure kept (`structureFidelity`) and the style followed as closely as
 * `styleFidelity` says.
 *
 * @example
 * ```ts
 * const { assets: [painted] } = await client.restyle.run({ image: './greybox-scene.png', styleImages: ['./concept-art.png'], styleFidelity: 70 });
 * ```
 * @example create
 * ```ts
 * const generation = await client.restyle.create({ image: 'asset_sketch', styleImages: ['asset_style'] });
 * const { assets: [painted] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [painted] } = await client.restyle.run({ image: './greybox-scene.png', styleImages: ['./concept-art.png'], styleFidelity: 70, prompt: 'a cosy tavern' });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.restyle.estimate({ image: 'asset_sketch', styleImages: ['asset_style'] });
 * ```
 */
export class Restyle extends GenerationResource<typeof RestyleParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'restyle', () => import('./restyle-endpoint.js'));
  }
}
