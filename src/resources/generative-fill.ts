import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { GenerativeFillParamsSchema } from './generative-fill-endpoint.js';

/**
 * Generative fill (`POST /generate/generative-fill`): the white region of a mask painted anew to
 * match its surroundings, the rest of the image kept. With no `prompt` the masked object is
 * erased; with one, replaced. The mask must be the image's size, checked before anything is sent
 * as for `client.inpaint`.
 *
 * @example
 * ```ts
 * const { assets: [clean] } = await client.generativeFill.run({ image: './scene.png', mask: './barrel-mask.png' });
 * ```
 * @example create
 * ```ts
 * const generation = await client.generativeFill.create({ image: 'asset_scene', mask: 'asset_mask', prompt: 'a wooden crate' });
 * const { assets: [filled] } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * // Erase an object: its mask from client.segment, no prompt.
 * const { assets: [clean] } = await client.generativeFill.run({ image: './scene.png', mask: './barrel-mask.png' });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.generativeFill.estimate({ image: 'asset_scene', mask: 'asset_mask' });
 * ```
 */
export class GenerativeFill extends GenerationResource<typeof GenerativeFillParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'generativeFill', () => import('./generative-fill-endpoint.js'));
  }
}
