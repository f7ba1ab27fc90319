import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { UpscaleParamsSchema } from './upscale-endpoint.js';

/**
 * Upscaling (`POST /generate/upscale`): a larger, sharper version of an image, by `scalingFactor`
 * (1–16) or to `targetWidth`.
 *
 * @example
 * ```ts
 * const { assets: [big] } = await client.upscale.run({ image: 'asset_abc', scalingFactor: 2, preset: 'precise' });
 * console.log(big.properties.width);
 * ```
 * @example create
 * ```ts
 * const generation = await client.upscale.create({ image: 'asset_abc', targetWidth: 4096 });
 * const { assets: [big] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [big] } = await client.upscale.run({ image: './sprite.png', scalingFactor: 4, style: 'cartoon' });
 * console.log(big.properties.width);
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.upscale.estimate({ image: 'asset_abc', scalingFactor: 8 });
 * ```
 */
export class Upscale extends GenerationResource<typeof UpscaleParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'upscale', () => import('./upscale-endpoint.js'));
  }
}
