import * as z from 'zod/mini';
import { TextImagesSchema, TextSamplingFields, UnwantedSequencesSchema } from './text-sampling.js';

/**
 * Body of `POST /generate/caption` as sent on the wire. The SDK sends every image in `images`
 * (asset ids and data URLs alike) and never the route's `assetIds`.
 */
export const CaptionBodySchema = z.strictObject({
  /** The images to caption: asset ids or data URLs. */
  images: TextImagesSchema,
  /** Caption like this model's training images and examples. */
  modelId: z.optional(z.string().check(z.minLength(1))),
  /** `action` or `action+style` (ignored when `modelId` has examples). */
  detailsLevel: z.optional(z.enum(['action', 'action+style'])),
  unwantedSequences: z.optional(UnwantedSequencesSchema),
  ...TextSamplingFields,
});
/** The parsed shape of {@link CaptionBodySchema}. */
export type CaptionBody = z.output<typeof CaptionBodySchema>;

/** What `POST /generate/caption` answers besides the job: one caption per image. */
export const CaptionOutputSchema = z.object({ captions: z.array(z.string()) });
