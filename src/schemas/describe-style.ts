import * as z from 'zod/mini';
import { TextImagesSchema, TextSamplingFields, UnwantedSequencesSchema } from './text-sampling.js';

/** The fields of {@link DescribeStyleBodySchema}, before its cross-field check. */
export const DescribeStyleFieldsSchema = z.strictObject({
  /** The images whose style to describe: asset ids or data URLs. */
  images: z.optional(TextImagesSchema),
  /** A model whose style to describe (its training images and examples). */
  modelId: z.optional(z.string().check(z.minLength(1))),
  unwantedSequences: z.optional(UnwantedSequencesSchema),
  ...TextSamplingFields,
});

/**
 * Body of `POST /generate/describe-style` as sent on the wire: images, a model, or both. The SDK
 * sends every image in `images` and never the route's `assetIds`.
 */
export const DescribeStyleBodySchema = DescribeStyleFieldsSchema.check(
  z.refine((body) => body.images !== undefined || body.modelId !== undefined, {
    message: 'pass images, a modelId, or both: there is no style to describe otherwise',
    path: ['images'],
  }),
);
/** The parsed shape of {@link DescribeStyleBodySchema}. */
export type DescribeStyleBody = z.output<typeof DescribeStyleBodySchema>;

/** What `POST /generate/describe-style` answers besides the job. */
export const DescribeStyleOutputSchema = z.object({
  /** The style, described. */
  description: z.string(),
  /** A short synthesis of it. */
  synthesis: z.string(),
});
