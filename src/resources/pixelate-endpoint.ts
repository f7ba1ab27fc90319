import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { PixelateFieldsSchema, paletteOrSize } from '../schemas/pixelate.js';
import type { GenerationEndpoint } from './generation-calls.js';

/**
 * Params of `client.pixelate.create/run/estimate`: the wire body, with `image` taking any image
 * input (the route takes asset ids only, so anything else is uploaded first, as a hidden asset)
 * and `removeNoise`, which the API requires, defaulting to `false`.
 */
export const PixelateParamsSchema = z
  .extend(PixelateFieldsSchema, {
    /** The image to pixelate. Any image input. */
    image: ImageInputSchema,
    /** Reduce pixel-art artifacts. Default `false`. */
    removeNoise: z._default(z.boolean(), false),
  })
  .check(z.refine(...paletteOrSize));
/** What the caller passes, as {@link PixelateParamsSchema}. */
export type PixelateParams = z.input<typeof PixelateParamsSchema>;

/** How `client.pixelate` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof PixelateParamsSchema> = {
  schema: PixelateParamsSchema,
  async prepare({ image, ...rest }, context) {
    const images = await resolveImageFields({ image: { input: image, assetIdOnly: true } }, context);
    return { path: '/generate/pixelate', body: { ...rest, image: images.image } };
  },
};
