import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import type { Job } from '../schemas/job.js';
import { PromptFieldsSchema, PromptOutputSchema } from '../schemas/prompt.js';
import type { GenerationEndpoint } from './generation-calls.js';
import { outputFields } from './generation-outcome.js';

/** Params of `client.prompt.create/run/estimate`: the wire body, with `image` and `images` taking any image input. */
export const PromptParamsSchema = z
  .extend(PromptFieldsSchema, {
    /** `image-editing`: the image to write an edit for. Any image input. */
    image: z.optional(ImageInputSchema),
    /** Images to draw on. Any image inputs. */
    images: z.optional(z.array(ImageInputSchema).check(z.minLength(1))),
  })
  .check(
    z.refine((params) => params.mode !== 'image-editing' || params.image !== undefined, {
      message: 'mode "image-editing" needs the image to write an edit for',
      path: ['image'],
    }),
  );
/** What the caller passes, as {@link PromptParamsSchema}. */
export type PromptParams = z.input<typeof PromptParamsSchema>;

/** A finished `client.prompt` run. */
export interface PromptResult {
  job: Job;
  /** The prompts written. */
  prompts: string[];
}

/** How `client.prompt` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof PromptParamsSchema, PromptResult> = {
  schema: PromptParamsSchema,
  async prepare({ image, images, ...rest }, context) {
    const resolved = await resolveImageFields({ image: { input: image }, images: { input: images } }, context);
    return { path: '/generate/prompt', body: { ...rest, ...resolved } };
  },
  outcome: outputFields(PromptOutputSchema, 'POST /generate/prompt'),
};
