import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { SkyboxUpscaleParamsSchema } from './skybox-upscale-endpoint.js';

/**
 * Skybox upscaling (`POST /generate/skybox-upscale-360`): a 360° panorama enlarged by
 * `scalingFactor` (or to `targetWidth`) with its equirectangular geometry kept, so the left and
 * right edges still meet.
 *
 * @example
 * ```ts
 * const { assets: [large] } = await client.skyboxUpscale.run({ image: 'asset_sky', scalingFactor: 2 });
 * ```
 * @example create
 * ```ts
 * const generation = await client.skyboxUpscale.create({ image: 'asset_sky', targetWidth: 8192 });
 * const { assets: [large] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [large] } = await client.skyboxUpscale.run({ image: './sky.png', scalingFactor: 2, colorCorrection: true });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.skyboxUpscale.estimate({ image: 'asset_sky', scalingFactor: 4 });
 * ```
 */
export class SkyboxUpscale extends GenerationResource<typeof SkyboxUpscaleParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'skyboxUpscale', () => import('./skybox-upscale-endpoint.js'));
  }
}
