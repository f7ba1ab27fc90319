import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { SkyboxBodySchema } from '../schemas/skybox.js';
import type { GenerationEndpoint } from './generation-calls.js';

/**
 * Params of `client.skybox.create/run/estimate`: the wire body, with every image field taking any
 * image input. `image` is inlined or uploaded as usual; `structureImage`, `cannyStructureImage`,
 * `depthImage` and `styleImages`, which the route takes as asset ids only, are uploaded (as
 * hidden assets) unless they are asset ids already.
 */
export const SkyboxParamsSchema = z.extend(SkyboxBodySchema, {
  /** A starting image. Any image input. */
  image: z.optional(ImageInputSchema),
  /** A structure reference a canny detector is run on. Any image input. */
  structureImage: z.optional(ImageInputSchema),
  /** A structure reference that already is a canny map. Any image input. */
  cannyStructureImage: z.optional(ImageInputSchema),
  /** A depth map to follow. Any image input. */
  depthImage: z.optional(ImageInputSchema),
  /** Style references. Any image inputs. */
  styleImages: z.optional(z.array(ImageInputSchema).check(z.minLength(1))),
});
/** What the caller passes, as {@link SkyboxParamsSchema}. */
export type SkyboxParams = z.input<typeof SkyboxParamsSchema>;

/** How `client.skybox` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof SkyboxParamsSchema> = {
  schema: SkyboxParamsSchema,
  async prepare({ image, structureImage, cannyStructureImage, depthImage, styleImages, ...rest }, context) {
    const images = await resolveImageFields(
      {
        image: { input: image },
        structureImage: { input: structureImage, assetIdOnly: true },
        cannyStructureImage: { input: cannyStructureImage, assetIdOnly: true },
        depthImage: { input: depthImage, assetIdOnly: true },
        styleImages: { input: styleImages, assetIdOnly: true },
      },
      context,
    );
    return { path: '/generate/skybox-base-360', body: { ...rest, ...images } };
  },
};
