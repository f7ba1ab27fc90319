import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { SegmentBodySchema } from '../schemas/segment.js';
import type { GenerationEndpoint } from './generation-calls.js';

/** Params of `client.segment.create/run/estimate`: the wire body, with `image` taking any image input. */
export const SegmentParamsSchema = z.extend(SegmentBodySchema, {
  /** The image to segment. Any image input. */
  image: ImageInputSchema,
});
/** What the caller passes, as {@link SegmentParamsSchema}. */
export type SegmentParams = z.input<typeof SegmentParamsSchema>;

/** How `client.segment` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof SegmentParamsSchema> = {
  schema: SegmentParamsSchema,
  async prepare({ image, ...rest }, context) {
    const images = await resolveImageFields({ image: { input: image } }, context);
    return { path: '/generate/segment', body: { ...rest, image: images.image } };
  },
};
