import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { CaptionBodySchema, CaptionOutputSchema } from '../schemas/caption.js';
import type { Job } from '../schemas/job.js';
import type { GenerationEndpoint } from './generation-calls.js';
import { outputFields } from './generation-outcome.js';

/** Params of `client.caption.create/run/estimate`: the wire body, with `images` taking any image inputs. */
export const CaptionParamsSchema = z.extend(CaptionBodySchema, {
  /** The images to caption, one or more. Any image inputs. */
  images: z.array(ImageInputSchema).check(z.minLength(1)),
});
/** What the caller passes, as {@link CaptionParamsSchema}. */
export type CaptionParams = z.input<typeof CaptionParamsSchema>;

/** A finished `client.caption` run. */
export interface CaptionResult {
  job: Job;
  /** One caption per image, in the order given. */
  captions: string[];
}

/** How `client.caption` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof CaptionParamsSchema, CaptionResult> = {
  schema: CaptionParamsSchema,
  async prepare({ images, ...rest }, context) {
    const resolved = await resolveImageFields({ images: { input: images } }, context);
    return { path: '/generate/caption', body: { ...rest, images: resolved.images } };
  },
  outcome: outputFields(CaptionOutputSchema, 'POST /generate/caption'),
};
