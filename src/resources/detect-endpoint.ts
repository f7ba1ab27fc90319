import * as z from 'zod/mini';
import { resolveImageFields } from '../lib/generation-images.js';
import { ImageInputSchema } from '../lib/image-input.js';
import { DetectBodySchema } from '../schemas/detect.js';
import type { GenerationEndpoint } from './generation-calls.js';

type Thresholds = Partial<Record<'lowThreshold' | 'highThreshold' | 'minThreshold' | 'maxThreshold', number>>;

/** Refinement: threshold `low` must not exceed `high` when both are given. */
function ordered(
  low: keyof Thresholds,
  high: keyof Thresholds,
): [(params: Thresholds) => boolean, { message: string; path: string[] }] {
  const check = (params: Thresholds) =>
    (params[low] ?? Number.NEGATIVE_INFINITY) <= (params[high] ?? Number.POSITIVE_INFINITY);
  return [check, { message: `${low} must not exceed ${high}`, path: [low] }];
}

/** Params of `client.detect.create/run/estimate`: the wire body, with `image` taking any image input. */
export const DetectParamsSchema = z
  .extend(DetectBodySchema, {
    /** The image to extract a map from. Any image input. */
    image: ImageInputSchema,
  })
  .check(z.refine(...ordered('lowThreshold', 'highThreshold')), z.refine(...ordered('minThreshold', 'maxThreshold')));
/** What the caller passes, as {@link DetectParamsSchema}. */
export type DetectParams = z.input<typeof DetectParamsSchema>;

/** How `client.detect` checks its params and builds its request; loaded with its first call. */
export const endpoint: GenerationEndpoint<typeof DetectParamsSchema> = {
  schema: DetectParamsSchema,
  async prepare({ image, ...rest }, context) {
    const images = await resolveImageFields({ image: { input: image } }, context);
    return { path: '/generate/detect', body: { ...rest, image: images.image } };
  },
};
