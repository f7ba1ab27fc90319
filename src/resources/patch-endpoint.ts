import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { PatchFieldsSchema } from '../schemas/patch.js';
import { transparentNeedsPng } from '../schemas/remove-background.js';
import type { GenerationEndpoint } from './generation-calls.js';

/** Params of `client.patch.create/run/estimate`: the wire body, with `image` and `patch.image` taking any image input. */
export const PatchParamsSchema = z
  .extend(PatchFieldsSchema, {
    /** The image to patch. Any image input. */
    image: ImageInputSchema,
    /** What to merge in (any image input), and how: `override` paints it over, `erase` clears where it is opaque. */
    patch: z.strictObject({ image: ImageInputSchema, mode: PatchFieldsSchema.shape.patch.shape.mode }),
  })
  .check(z.refine(...transparentNeedsPng));
/** What the caller passes, as {@link PatchParamsSchema}. */
export type PatchParams = z.input<typeof PatchParamsSchema>;

/** How `client.patch` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof PatchParamsSchema> = {
  schema: PatchParamsSchema,
  async prepare({ image, patch, ...rest }, context) {
    const images = await resolveImageFields(
      { image: { input: image }, 'patch.image': { input: patch.image } },
      context,
    );
    return {
      path: '/generate/patch',
      body: { ...rest, image: images.image, patch: { ...patch, image: images['patch.image'] } },
    };
  },
};
