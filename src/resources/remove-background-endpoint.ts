import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { RemoveBackgroundFieldsSchema, transparentNeedsPng } from '../schemas/remove-background.js';
import type { GenerationEndpoint } from './generation-calls.js';

/** Params of `client.removeBackground.create/run/estimate`: the wire body, with `image` taking any image input. */
export const RemoveBackgroundParamsSchema = z
  .extend(RemoveBackgroundFieldsSchema, {
    /** The image to cut out. Any image input. */
    image: ImageInputSchema,
  })
  .check(z.refine(...transparentNeedsPng));
/** What the caller passes, as {@link RemoveBackgroundParamsSchema}. */
export type RemoveBackgroundParams = z.input<typeof RemoveBackgroundParamsSchema>;

/** How `client.removeBackground` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof RemoveBackgroundParamsSchema> = {
  schema: RemoveBackgroundParamsSchema,
  async prepare({ image, ...rest }, context) {
    const images = await resolveImageFields({ image: { input: image } }, context);
    return { path: '/generate/remove-background', body: { ...rest, image: images.image } };
  },
};
