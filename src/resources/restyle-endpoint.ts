import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { RestyleBodySchema } from '../schemas/restyle.js';
import type { GenerationEndpoint } from './generation-calls.js';

/**
 * Params of `client.restyle.create/run/estimate`: the wire body, with `image` and `styleImages`
 * taking any image input (style images, which the SDK sends as asset ids, are uploaded as hidden
 * assets unless they are asset ids already).
 */
export const RestyleParamsSchema = z.extend(RestyleBodySchema, {
  /** The sketch (or any image) to restyle. Any image input. */
  image: ImageInputSchema,
  /** One or more style references. Any image inputs. */
  styleImages: z.array(ImageInputSchema).check(z.minLength(1)),
});
/** What the caller passes, as {@link RestyleParamsSchema}. */
export type RestyleParams = z.input<typeof RestyleParamsSchema>;

/** How `client.restyle` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof RestyleParamsSchema> = {
  schema: RestyleParamsSchema,
  async prepare({ image, styleImages, ...rest }, context) {
    const images = await resolveImageFields(
      { image: { input: image }, styleImages: { input: styleImages, assetIdOnly: true } },
      context,
    );
    return { path: '/generate/restyle', body: { ...rest, ...images } };
  },
};
