import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { ReframeBodySchema } from '../schemas/reframe.js';
import type { GenerationEndpoint } from './generation-calls.js';

/** Params of `client.reframe.create/run/estimate`: the wire body, with `image` taking any image input. */
export const ReframeParamsSchema = z.extend(ReframeBodySchema, {
  /** The image to reframe. Any image input. */
  image: ImageInputSchema,
});
/** What the caller passes, as {@link ReframeParamsSchema}. */
export type ReframeParams = z.input<typeof ReframeParamsSchema>;

/** How `client.reframe` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof ReframeParamsSchema> = {
  schema: ReframeParamsSchema,
  async prepare({ image, ...rest }, context) {
    const images = await resolveImageFields({ image: { input: image } }, context);
    return { path: '/generate/reframe', body: { ...rest, image: images.image } };
  },
};
