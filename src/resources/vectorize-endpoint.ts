import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { VectorizeFieldsSchema, vectorizeTuningRule } from '../schemas/vectorize.js';
import type { GenerationEndpoint } from './generation-calls.js';

/**
 * Params of `client.vectorize.create/run/estimate`: the wire body, with `image` taking any image
 * input (the route takes asset ids only, so anything else is uploaded first, as a hidden asset).
 */
export const VectorizeParamsSchema = z
  .extend(VectorizeFieldsSchema, {
    /** The image to trace. Any image input. */
    image: ImageInputSchema,
  })
  .check(vectorizeTuningRule);
/** What the caller passes, as {@link VectorizeParamsSchema}. */
export type VectorizeParams = z.input<typeof VectorizeParamsSchema>;

/** How `client.vectorize` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof VectorizeParamsSchema> = {
  schema: VectorizeParamsSchema,
  async prepare({ image, ...rest }, context) {
    const images = await resolveImageFields({ image: { input: image, assetIdOnly: true } }, context);
    return { path: '/generate/vectorize', body: { ...rest, image: images.image } };
  },
};
