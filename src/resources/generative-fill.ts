import * as z from 'zod/mini';
import { imageOrAssetIdField, resolveGenerationImages } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { checkMaskSize } from '../lib/mask-size.js';
import { GenerativeFillFieldsSchema } from '../schemas/generative-fill.js';
import { type GenerationClient, GenerationResource } from './generation-resource.js';

const WHAT = 'generativeFill params';

/**
 * Params of `client.generativeFill.create/run/estimate`: `image` and `mask` (any image inputs,
 * the same pixel size; white = refill, black = keep). A mask given as an asset id travels as
 * `maskId`.
 */
export const GenerativeFillParamsSchema = z.extend(z.omit(GenerativeFillFieldsSchema, { maskId: true }), {
  /** The image to refill. Any image input. */
  image: ImageInputSchema,
  /** Where to refill: white = refill, black = keep; the size of `image`. Any image input. */
  mask: ImageInputSchema,
});
/** What the caller passes, as {@link GenerativeFillParamsSchema}. */
export type GenerativeFillParams = z.input<typeof GenerativeFillParamsSchema>;

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
    super(client, {
      what: WHAT,
      schema: GenerativeFillParamsSchema,
      async prepare({ image, mask, ...rest }, context) {
        const resolved = await resolveGenerationImages({ image, mask }, undefined, {
          ...context,
          check: ([loadedImage, loadedMask]) =>
            loadedImage && loadedMask ? checkMaskSize(loadedImage, loadedMask, { ...context, what: WHAT }) : undefined,
        });
        const body = {
          ...rest,
          image: resolved.images.image,
          ...imageOrAssetIdField(resolved.images.mask, 'mask', 'maskId'),
        };
        return { path: '/generate/generative-fill', body };
      },
    });
  }
}
