import type { GenerationClient } from './generation-calls.js';
import { GenerationResource } from './generation-resource.js';
import type { InpaintParamsSchema } from './inpaint-endpoint.js';

/**
 * Inpainting, the web app's Retouch (`POST /generate/inpaint`): repaints the white region of a
 * mask and keeps the rest of the image. The mask must be the image's size; the SDK reads both
 * sizes from the PNG, JPEG or WebP headers and refuses a mismatch before sending anything (an
 * asset id's size is read from the asset when the other input is local). With `modality` +
 * `controlImage` it goes to `controlnet-inpaint`; with `styleImages`, to the `-ip-adapter` variant.
 *
 * @example
 * ```ts
 * const { assets } = await client.inpaint.run({ modelId: 'flux.1-dev', prompt: 'a golden helmet', image: 'asset_knight', mask: './helmet-mask.png', influence: 30 });
 * ```
 * @example create
 * ```ts
 * const generation = await client.inpaint.create({ modelId: 'flux.1-dev', prompt: 'a golden helmet', image: 'asset_knight', mask: './helmet-mask.png' });
 * const { assets } = await generation.wait();
 * ```
 * @example run
 * ```ts
 * const { assets } = await client.inpaint.run({ modelId: 'flux.1-dev', prompt: 'a golden helmet', image: './knight.png', mask: './helmet-mask.png', influence: 30 });
 * // Repaint following a pose map (POST /generate/controlnet-inpaint):
 * const posed = await client.inpaint.run({ modelId: 'flux.1-dev', prompt: 'a raised arm', image: './knight.png', mask: './arm-mask.png', modality: 'pose', controlImage: './pose.png' });
 * ```
 * @example estimate
 * ```ts
 * const { creativeUnitsCost } = await client.inpaint.estimate({ modelId: 'flux.1-dev', prompt: 'a golden helmet', image: 'asset_knight', mask: 'asset_mask' });
 * ```
 */
export class Inpaint extends GenerationResource<typeof InpaintParamsSchema> {
  /** @internal Built by the client; use its field. */
  constructor(client: GenerationClient) {
    super(client, 'inpaint', () => import('./inpaint-endpoint.js'));
  }
}
