import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { PromptEditingBodySchema } from '../schemas/prompt-editing.js';
import type { GenerationEndpoint } from './generation-calls.js';

/**
 * Params of `client.promptEditing.create/run/estimate`: the wire body, with `image`, `mask` and
 * `referenceImages` taking any image input (reference images, which the SDK sends as asset ids,
 * are uploaded as hidden assets unless they are asset ids already).
 */
export const PromptEditingParamsSchema = z.extend(PromptEditingBodySchema, {
  /** The image to edit. Any image input. */
  image: ImageInputSchema,
  /** gpt-image-1 only: where to edit (black = replace, the rest kept). Any image input. */
  mask: z.optional(ImageInputSchema),
  /** More images the edit may draw on. Any image inputs. */
  referenceImages: z.optional(z.array(ImageInputSchema).check(z.minLength(1))),
});
/** What the caller passes, as {@link PromptEditingParamsSchema}. */
export type PromptEditingParams = z.input<typeof PromptEditingParamsSchema>;

/** How `client.promptEditing` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof PromptEditingParamsSchema> = {
  schema: PromptEditingParamsSchema,
  async prepare({ image, mask, referenceImages, ...rest }, context) {
    const images = await resolveImageFields(
      {
        image: { input: image },
        mask: { input: mask },
        referenceImages: { input: referenceImages, assetIdOnly: true },
      },
      context,
    );
    return { path: '/generate/prompt-editing', body: { ...rest, ...images } };
  },
};
