import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import type { Job } from '../schemas/job.js';
import { TranslateBodySchema, TranslateOutputSchema } from '../schemas/translate.js';
import type { GenerationEndpoint } from './generation-calls.js';
import { outputFields } from './generation-outcome.js';

/** Params of `client.translate.create/run/estimate`: the wire body, with `images` taking any image inputs. */
export const TranslateParamsSchema = z.extend(TranslateBodySchema, {
  /** Images that give the prompt context. Any image inputs. */
  images: z.optional(z.array(ImageInputSchema).check(z.minLength(1))),
});
/** What the caller passes, as {@link TranslateParamsSchema}. */
export type TranslateParams = z.input<typeof TranslateParamsSchema>;

/** A finished `client.translate` run. */
export interface TranslateResult {
  job: Job;
  /** The prompt in English. */
  translation: string;
  /** The language it was written in. */
  detectedLanguage: string;
}

/** How `client.translate` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof TranslateParamsSchema, TranslateResult> = {
  schema: TranslateParamsSchema,
  async prepare({ images, ...rest }, context) {
    const resolved = await resolveImageFields({ images: { input: images } }, context);
    return { path: '/generate/translate', body: { ...rest, ...resolved } };
  },
  outcome: outputFields(TranslateOutputSchema, 'POST /generate/translate'),
};
