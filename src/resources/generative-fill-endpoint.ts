import * as z from 'zod/mini';
import { imageOrAssetIdField, resolveGenerationImages } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { maskSizeCheck } from '../lib/mask-size.js';
import { GenerativeFillFieldsSchema } from '../schemas/generative-fill.js';
import type { GenerationEndpoint } from './generation-calls.js';

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

/** How `client.generativeFill` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof GenerativeFillParamsSchema> = {
  schema: GenerativeFillParamsSchema,
  async prepare({ image, mask, ...rest }, context) {
    const resolved = await resolveGenerationImages({ image, mask }, undefined, {
      ...context,
      check: maskSizeCheck(context),
    });
    const body = {
      ...rest,
      image: resolved.images.image,
      ...imageOrAssetIdField(resolved.images.mask, 'mask', 'maskId'),
    };
    return { path: '/generate/generative-fill', body };
  },
};
