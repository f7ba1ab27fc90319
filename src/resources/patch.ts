import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { PatchParamsSchema } from './patch-endpoint.js';

/**
 * Patching (`POST /generate/patch`): one image merged onto another at `position`, painted over
 * it (`mode: 'override'`) or erasing it where the patch is opaque (`mode: 'erase'`, the erased
 * area becoming `backgroundColor`), optionally cropped. No model runs: for decals, sprite
 * compositing and quick erasures.
 *
 * @example
 * ```ts
 * const { assets: [decorated] } = await client.patch.run({ image: './wall.png', patch: { image: './banner.png', mode: 'override' }, position: { x: 64, y: 32 } });
 * ```
 * @example create
 * ```ts
 * const generation = await client.patch.create({ image: 'asset_wall', patch: { image: 'asset_banner', mode: 'override' } });
 * const { assets: [decorated] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * // Erase a region to transparency: the patch's opaque pixels say where.
 * const { assets: [cut] } = await client.patch.run({ image: './sprite.png', patch: { image: './hole.png', mode: 'erase' }, backgroundColor: 'transparent' });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.patch.estimate({ image: 'asset_wall', patch: { image: 'asset_banner', mode: 'override' } });
 * ```
 */
export class Patch extends GenerationResource<typeof PatchParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'patch', () => import('./patch-endpoint.js'));
  }
}
