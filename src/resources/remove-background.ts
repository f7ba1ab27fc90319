import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { RemoveBackgroundParamsSchema } from './remove-background-endpoint.js';

/**
 * Background removal (`POST /generate/remove-background`): the subject cut out, on a transparent
 * (png) or solid background.
 *
 * @example
 * ```ts
 * const { assets: [cutout] } = await client.removeBackground.run({ image: 'asset_abc' });
 * const onWhite = await client.removeBackground.run({ image: './hero.jpg', backgroundColor: '#FFFFFF', format: 'jpeg' });
 * ```
 * @example create
 * ```ts
 * const generation = await client.removeBackground.create({ image: 'asset_abc' });
 * const { assets: [cutout] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [cutout] } = await client.removeBackground.run({ image: './hero.png' });
 * const onWhite = await client.removeBackground.run({ image: './hero.jpg', backgroundColor: '#FFFFFF', format: 'jpeg' });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.removeBackground.estimate({ image: 'asset_abc' });
 * ```
 */
export class RemoveBackground extends GenerationResource<typeof RemoveBackgroundParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'removeBackground', () => import('./remove-background-endpoint.js'));
  }
}
