import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { SkyboxUpscaleBodySchema } from '../schemas/skybox.js';
import type { GenerationEndpoint } from './generation-calls.js';

/**
 * Params of `client.skyboxUpscale.create/run/estimate`: the wire body, with `image` and
 * `styleImages` taking any image input (style images, which the route takes as asset ids only,
 * are uploaded as hidden assets unless they are asset ids already).
 */
export const SkyboxUpscaleParamsSchema = z.extend(SkyboxUpscaleBodySchema, {
  /** The 360° image to upscale. Any image input. */
  image: ImageInputSchema,
  /** Style references. Any image inputs. */
  styleImages: z.optional(z.array(ImageInputSchema).check(z.minLength(1))),
});
/** What the caller passes, as {@link SkyboxUpscaleParamsSchema}. */
export type SkyboxUpscaleParams = z.input<typeof SkyboxUpscaleParamsSchema>;

/** How `client.skyboxUpscale` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof SkyboxUpscaleParamsSchema> = {
  schema: SkyboxUpscaleParamsSchema,
  async prepare({ image, styleImages, ...rest }, context) {
    const images = await resolveImageFields(
      { image: { input: image }, styleImages: { input: styleImages, assetIdOnly: true } },
      context,
    );
    return { path: '/generate/skybox-upscale-360', body: { ...rest, ...images } };
  },
};
