import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { UpscaleBodySchema } from '../schemas/upscale.js';
import type { GenerationEndpoint } from './generation-calls.js';

/**
 * Params of `client.upscale.create/run/estimate`: the wire body, with `image` and `styleImages`
 * taking any image input. `scalingFactor` and `targetWidth` are alternatives: pass one.
 */
export const UpscaleParamsSchema = z
  .extend(UpscaleBodySchema, {
    /** The image to upscale. Any image input. */
    image: ImageInputSchema,
    /** Style references. Any image inputs. */
    styleImages: z.optional(z.array(ImageInputSchema).check(z.maxLength(10))),
  })
  .check(
    z.refine((params) => params.scalingFactor === undefined || params.targetWidth === undefined, {
      // The API silently ignores scalingFactor when targetWidth is set; refusing both avoids a surprise.
      message: 'pass scalingFactor or targetWidth, not both',
      path: ['scalingFactor'],
    }),
  );
/** What the caller passes, as {@link UpscaleParamsSchema}. */
export type UpscaleParams = z.input<typeof UpscaleParamsSchema>;

/** How `client.upscale` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof UpscaleParamsSchema> = {
  schema: UpscaleParamsSchema,
  async prepare({ image, styleImages, ...rest }, context) {
    const images = await resolveImageFields({ image: { input: image }, styleImages: { input: styleImages } }, context);
    return { path: '/generate/upscale', body: { ...rest, image: images.image, styleImages: images.styleImages } };
  },
};
