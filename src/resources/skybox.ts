import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { SkyboxParamsSchema } from './skybox-endpoint.js';

/**
 * A 360° skybox (`POST /generate/skybox-base-360`): an equirectangular panorama, twice as wide as
 * high, whose left and right edges meet, ready for a sky sphere or a cubemap converter. From a
 * prompt, optionally a starting `image`, a `style` and structure or depth references.
 *
 * @example
 * ```ts
 * const { assets: [sky] } = await client.skybox.run({ prompt: 'alien desert at dusk, two moons', style: 'fantasy', width: 2048 });
 * ```
 * @example create
 * ```ts
 * const generation = await client.skybox.create({ prompt: 'snowy mountain range at dawn', style: 'photo' });
 * const { assets: [sky] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets: [sky] } = await client.skybox.run({ prompt: 'alien desert at dusk, two moons', style: 'fantasy', width: 2048 });
 * console.log(sky?.properties.width, sky?.properties.height); // 2048 1024
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.skybox.estimate({ prompt: 'snowy mountain range at dawn', numOutputs: 2 });
 * ```
 */
export class Skybox extends GenerationResource<typeof SkyboxParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'skybox', () => import('./skybox-endpoint.js'));
  }
}
